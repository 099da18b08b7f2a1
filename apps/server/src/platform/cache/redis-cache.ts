import type { Redis } from 'ioredis';
import type { Cache } from './cache.port.js';
import { checkKey, encodeJson, ttlToMs } from './cache-args.js';
import { type LockBackend, runWithLock } from './lock-loop.js';
import { closeRedis } from './redis-connection.js';

// Deletes the lock only while it still holds our token: after our TTL ran out another holder
// may own it, and a plain DEL would release their lock.
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

// Writes ARGV[2] (TTL ARGV[3] ms, 0 = none) only while the stored JSON's version is ARGV[1]
// ('' = only while absent): the check and the write in one atomic step.
const SET_IF_VERSION_SCRIPT = `
local current = redis.call("get", KEYS[1])
if ARGV[1] == "" then
  if current then return 0 end
else
  if not current then return 0 end
  local ok, decoded = pcall(cjson.decode, current)
  if not ok or type(decoded) ~= "table" or tostring(decoded["version"]) ~= ARGV[1] then return 0 end
end
if tonumber(ARGV[3]) > 0 then redis.call("set", KEYS[1], ARGV[2], "PX", ARGV[3]) else redis.call("set", KEYS[1], ARGV[2]) end
return 1`;

export function createRedisCache(
  client: Redis,
  options: { keyPrefix: string; onError: (error: unknown) => void },
): Cache {
  const k = (key: string) => {
    checkKey(key);
    return `${options.keyPrefix}${key}`;
  };
  const lockKey = (key: string) => `${options.keyPrefix}lock:${key}`;

  const lockBackend: LockBackend = {
    async tryAcquire(key, token, ttlMs) {
      return (await client.set(lockKey(key), token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release(key, token) {
      await client.eval(RELEASE_SCRIPT, 1, lockKey(key), token);
    },
    waitForChange: (_key, maxMs) => new Promise((resolve) => setTimeout(resolve, maxMs)),
    onReleaseError: options.onError,
  };

  return {
    async get<T>(key: string): Promise<T | undefined> {
      const json = await client.get(k(key));
      return json === null ? undefined : (JSON.parse(json) as T);
    },
    async set(key, value, ttlSeconds) {
      const full = k(key);
      const json = encodeJson(value);
      if (ttlSeconds === undefined) await client.set(full, json);
      else await client.set(full, json, 'PX', ttlToMs(ttlSeconds));
    },
    async delete(key) {
      await client.del(k(key));
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const full = k(key);
      return (await client.set(full, encodeJson(value), 'PX', ttlToMs(ttlSeconds), 'NX')) === 'OK';
    },
    async setIfVersion(key, expectedVersion, value, ttlSeconds) {
      const full = k(key);
      const ttl = ttlSeconds === undefined ? 0 : ttlToMs(ttlSeconds);
      const expected = expectedVersion === null ? '' : String(expectedVersion);
      return (await client.eval(SET_IF_VERSION_SCRIPT, 1, full, expected, encodeJson(value), ttl)) === 1;
    },
    withLock: (key, opts, fn) => runWithLock(lockBackend, key, opts, fn),
    close: () => closeRedis(client),
  };
}
