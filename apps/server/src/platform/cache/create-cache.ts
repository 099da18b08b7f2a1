import type { Cache, PubSub } from './cache.port.js';
import { createMemoryCache } from './memory-cache.js';
import { createMemoryPubSub } from './memory-pubsub.js';
import { createRedisCache } from './redis-cache.js';
import { connectRedis } from './redis-connection.js';
import { createRedisPubSub } from './redis-pubsub.js';

const DEFAULT_PREFIX = 'boveda:';

export interface CacheOptions {
  /** Redis when given (`redis://` or `rediss://`); otherwise an in-process memory cache. */
  redisUrl?: string;
  /** Prepended to every Redis key (default `boveda:`), so several apps can share one Redis. */
  keyPrefix?: string;
  /** Connection errors and failed lock releases; wire it to the logger. */
  onError?: (error: unknown) => void;
}

export interface PubSubOptions {
  redisUrl?: string;
  /** Prepended to every Redis channel (default `boveda:`). */
  channelPrefix?: string;
  /** Connection errors and exceptions thrown by handlers; wire it to the logger. */
  onError?: (error: unknown) => void;
}

/** Rejects with CacheConnectionError when Redis is unreachable. */
export async function createCache(options: CacheOptions = {}): Promise<Cache> {
  const onError = options.onError ?? (() => {});
  if (!options.redisUrl) return createMemoryCache({ onError });
  const client = await connectRedis(options.redisUrl, 'boveda-cache', onError);
  return createRedisCache(client, { keyPrefix: options.keyPrefix ?? DEFAULT_PREFIX, onError });
}

/** Rejects with CacheConnectionError when Redis is unreachable. */
export async function createPubSub(options: PubSubOptions = {}): Promise<PubSub> {
  const onError = options.onError ?? defaultHandlerError;
  if (!options.redisUrl) return createMemoryPubSub({ onError });
  // Reconnect errors repeat for as long as Redis is down: only a given onError hears them.
  const onConnectionError = options.onError ?? (() => {});
  const publisher = await connectRedis(options.redisUrl, 'boveda-pub', onConnectionError);
  let subscriber: Awaited<ReturnType<typeof connectRedis>>;
  try {
    subscriber = await connectRedis(options.redisUrl, 'boveda-sub', onConnectionError);
  } catch (error) {
    publisher.disconnect();
    throw error;
  }
  return createRedisPubSub(publisher, subscriber, {
    channelPrefix: options.channelPrefix ?? DEFAULT_PREFIX,
    onError,
  });
}

// A handler's exception must not vanish silently, nor crash the process from inside a callback.
function defaultHandlerError(error: unknown): void {
  process.emitWarning(`pub/sub: ${error instanceof Error ? error.message : String(error)}`, 'PubSubWarning');
}
