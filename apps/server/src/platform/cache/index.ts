export {
  type Cache,
  CacheConnectionError,
  InvalidCacheValueError,
  LockTimeoutError,
  type MessageHandler,
  type PubSub,
} from './cache.port.js';
export { type CacheOptions, createCache, createPubSub, type PubSubOptions } from './create-cache.js';
