import { describeCacheContract } from './cache.contract.js';
import { createCache, createPubSub } from './create-cache.js';
import { describePubSubContract } from './pubsub.contract.js';

describeCacheContract('memory', () => createCache(), { sharedAcrossInstances: false });
describePubSubContract('memory', (onError) => createPubSub({ onError }), { sharedAcrossInstances: false });
