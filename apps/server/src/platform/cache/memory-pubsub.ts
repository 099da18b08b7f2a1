import type { PubSub } from './cache.port.js';
import { checkKey, encodeJson } from './cache-args.js';
import { createSubscriptions } from './subscriptions.js';

/** Process-local pub/sub: only subscribers of this same instance receive messages. */
export function createMemoryPubSub(options: { onError: (error: unknown) => void }): PubSub {
  const subscriptions = createSubscriptions({
    activate: async () => {},
    deactivate: async () => {},
    onError: options.onError,
  });
  return {
    async publish(channel, message) {
      checkKey(channel, 'channel');
      const json = encodeJson(message);
      // Delivered on a later turn, as over Redis: a publisher never runs handlers re-entrantly.
      setImmediate(() => subscriptions.deliver(channel, json));
    },
    subscribe(channel, handler) {
      checkKey(channel, 'channel');
      return subscriptions.add(channel, handler);
    },
    async close() {
      subscriptions.clear();
    },
  };
}
