import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisTarget } from '../../src/platform/cache/redis-connection.js';

/** REDIS_URL, else the Redis these machines and CI run on 127.0.0.1:6379. */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** A fresh prefix per file, so parallel or repeated runs never see each other's keys and channels. */
  prefix: string;
  /** A plain connection for looking at what the code under test wrote. */
  admin: Redis;
  /** Deletes every key under the prefix and closes `admin`. */
  close(): Promise<void>;
}

/**
 * The Redis a test file runs against, or null when none answers: then the file's Redis tests are
 * skipped with a message naming `what`, except in CI, where Redis must be there (an error).
 */
export async function connectTestRedis(what: string): Promise<TestRedis | null> {
  const admin = new Redis(testRedisUrl, {
    lazyConnect: true,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.ping();
  } catch {
    admin.disconnect();
    const where = redisTarget(testRedisUrl);
    if (process.env.CI) throw new Error(`Redis is required in CI but ${where} is unreachable`);
    console.warn(`Skipping ${what}: no Redis reachable at ${where} (set REDIS_URL)`);
    return null;
  }
  const prefix = `boveda-test-${randomUUID()}:`;
  return {
    url: testRedisUrl,
    prefix,
    admin,
    async close() {
      const keys: string[] = [];
      for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 }))
        keys.push(...(batch as string[]));
      if (keys.length > 0) await admin.del(...keys);
      await admin.quit();
    },
  };
}
