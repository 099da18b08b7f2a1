import { afterAll, describe, expect, it } from 'vitest';
import { connectTestRedis, testRedisUrl } from '../../../test/support/redis.js';
import { describeCacheContract } from './cache.contract.js';
import { CacheConnectionError } from './cache.port.js';
import { createCache, createPubSub } from './create-cache.js';
import { describePubSubContract } from './pubsub.contract.js';

/**
 * The Redis drivers against a real Redis (127.0.0.1:6379 on these machines and in CI). Without one
 * the suite is skipped locally, but in CI it must run.
 */
const redis = await connectTestRedis('Redis cache/pub-sub tests');
const redisUrl = testRedisUrl;
const prefix = redis?.prefix ?? '';
const admin = redis?.admin;

afterAll(() => redis?.close());

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
