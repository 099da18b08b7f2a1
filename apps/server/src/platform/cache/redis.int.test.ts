import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCacheContract } from './cache.contract.js';
import { CacheConnectionError } from './cache.port.js';
import { createCache, createPubSub } from './create-cache.js';
import { describePubSubContract } from './pubsub.contract.js';
import { redisTarget } from './redis-connection.js';

/**
 * The Redis drivers against a real Redis (127.0.0.1:6379 on these machines and in CI). Without one
 * the suite is skipped locally, but in CI it must run.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// A fresh prefix per run, so parallel or repeated runs never see each other's keys and channels.
const prefix = `boveda-test-${randomUUID()}:`;

async function probe(): Promise<Redis | null> {
  const client = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch {
    client.disconnect();
    return null;
  }
}

const admin = await probe();
if (!admin) {
  if (process.env.CI) throw new Error(`Redis is required in CI but ${redisTarget(redisUrl)} is unreachable`);
  console.warn(
    `Skipping Redis cache/pub-sub tests: no Redis reachable at ${redisTarget(redisUrl)} (set REDIS_URL)`,
  );
}

afterAll(async () => {
  if (!admin) return;
  const keys: string[] = [];
  for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 }))
    keys.push(...(batch as string[]));
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describe.runIf(admin)('Redis drivers', () => {
  describeCacheContract('redis', () => createCache({ redisUrl, keyPrefix: prefix }), {
    sharedAcrossInstances: true,
  });
  describePubSubContract('redis', (onError) => createPubSub({ redisUrl, channelPrefix: prefix, onError }), {
    sharedAcrossInstances: true,
  });

  it('stores keys and publishes on channels under the configured prefix', async () => {
    const cache = await createCache({ redisUrl, keyPrefix: prefix });
    await cache.set('prefixed', { ok: 1 });
    expect(await admin!.get(`${prefix}prefixed`)).toBe('{"ok":1}');
    await cache.close();

    const watcher = admin!.duplicate();
    const got = new Promise<string>((resolve) =>
      watcher.on('message', (_channel, message) => resolve(message)),
    );
    await watcher.subscribe(`${prefix}eventos`);
    const bus = await createPubSub({ redisUrl, channelPrefix: prefix });
    await bus.publish('eventos', { tipo: 'paquete.listo' });
    expect(JSON.parse(await got)).toEqual({ tipo: 'paquete.listo' });
    await Promise.all([bus.close(), watcher.quit()]);
  });
});

describe('Redis connection failures', () => {
  it('rejects with CacheConnectionError naming host:port but never the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const url = 'redis://:s3cr3t-pass@127.0.0.1:1';
    const error = await createCache({ redisUrl: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheConnectionError);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cr3t-pass');
    await expect(createPubSub({ redisUrl: url })).rejects.toBeInstanceOf(CacheConnectionError);
  });
});
