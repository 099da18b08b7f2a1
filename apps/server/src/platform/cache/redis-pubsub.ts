import type { Redis } from 'ioredis';
import type { PubSub } from './cache.port.js';
import { checkKey, encodeJson } from './cache-args.js';
import { closeRedis } from './redis-connection.js';
import { createSubscriptions } from './subscriptions.js';

/**
 * Redis pub/sub. A connection in subscriber mode can only (un)subscribe, so publishing uses a
 * second connection. ioredis re-subscribes by itself after a reconnect.
 */
export function createRedisPubSub(
  publisher: Redis,
  subscriber: Redis,
  options: { channelPrefix: string; onError: (error: unknown) => void },
): PubSub {
  const full = (channel: string) => {
    checkKey(channel, 'channel');
    return `${options.channelPrefix}${channel}`;
  };
  const subscriptions = createSubscriptions({
    activate: async (channel) => {
      await subscriber.subscribe(channel);
    },
    deactivate: async (channel) => {
      await subscriber.unsubscribe(channel);
    },
    onError: options.onError,
  });
  subscriber.on('message', (channel: string, json: string) => subscriptions.deliver(channel, json));

  return {
    async publish(channel, message) {
      await publisher.publish(full(channel), encodeJson(message));
    },
    subscribe: (channel, handler) => subscriptions.add(full(channel), handler),
    async close() {
      subscriptions.clear();
      await Promise.all([closeRedis(subscriber), closeRedis(publisher)]);
    },
  };
}
