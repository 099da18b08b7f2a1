import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cache, InvalidCacheValueError, LockTimeoutError } from './cache.port.js';

export interface CacheContractOptions {
  /** Two instances share state (Redis); memory instances are independent. */
  sharedAcrossInstances: boolean;
}

// Short TTLs keep the suite fast; the waits are only ever "long enough for it to have expired".
const TTL_SECONDS = 1;
const PAST_TTL_MS = 1_300;

/** A promise plus its resolver, to hold a lock open until the test lets go. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function describeCacheContract(
  name: string,
  makeCache: () => Promise<Cache>,
  options: CacheContractOptions,
): void {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    let other: Cache;
    let n = 0;
    const key = (label: string) => `${label}:${++n}`;
    beforeAll(async () => {
      cache = await makeCache();
      other = options.sharedAcrossInstances ? await makeCache() : cache;
    });
    afterAll(async () => {
      await cache?.close();
      if (other && other !== cache) await other.close();
    });

    it('round-trips JSON values and returns undefined for missing keys', async () => {
      const values: unknown[] = [
        { rfc: 'EKU9003173C9', montos: [1.5, 2], ok: true },
        ['a', 'ñ'],
        42,
        'texto',
        null,
        false,
      ];
      for (const value of values) {
        const k = key('json');
        await cache.set(k, value);
        expect(await cache.get(k)).toEqual(value);
        expect(await other.get(k)).toEqual(value);
      }
      expect(await cache.get(key('missing'))).toBeUndefined();
    });

    it('returns copies: changing a value read back does not change the cache', async () => {
      const k = key('copy');
      await cache.set(k, { list: [1] });
      const read = await cache.get<{ list: number[] }>(k);
      read!.list.push(2);
      expect(await cache.get(k)).toEqual({ list: [1] });
    });

    it('deletes', async () => {
      const k = key('del');
      await cache.set(k, 1);
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
      await expect(cache.delete(k)).resolves.toBeUndefined();
    });

    it('rejects values JSON cannot hold and nonsensical TTLs', async () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      for (const value of [undefined, () => 1, 10n, circular]) {
        await expect(cache.set(key('bad'), value)).rejects.toBeInstanceOf(InvalidCacheValueError);
      }
      for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(cache.set(key('ttl'), 1, ttl)).rejects.toBeInstanceOf(RangeError);
      }
      await expect(cache.get('')).rejects.toBeInstanceOf(TypeError);
    });

    it('expires values after their TTL; a later set without TTL keeps the value; setIfAbsent sets only when absent', async () => {
      const expiring = key('ttl');
      const persisted = key('ttl-cleared');
      const single = key('single-flight');
      await cache.set(expiring, 'temporal', TTL_SECONDS);
      await cache.set(persisted, 'v1', TTL_SECONDS);
      await cache.set(persisted, 'v2');
      expect(await cache.setIfAbsent(single, 'first', TTL_SECONDS)).toBe(true);
      expect(await other.setIfAbsent(single, 'second', TTL_SECONDS)).toBe(false);
      expect(await cache.get(single)).toBe('first');
      expect(await cache.get(expiring)).toBe('temporal');

      await sleep(PAST_TTL_MS);

      expect(await cache.get(expiring)).toBeUndefined();
      expect(await cache.get(persisted)).toBe('v2');
      expect(await other.setIfAbsent(single, 'third', TTL_SECONDS)).toBe(true);
      expect(await cache.get(single)).toBe('third');
    });

    it('writes with setIfVersion only over the version it expects, or only when absent', async () => {
      const fenced = key('fenced');
      expect(await cache.setIfVersion(fenced, 1, { version: 2, token: 'x' })).toBe(false);
      expect(await cache.setIfVersion(fenced, null, { version: 1, token: 'a' }, TTL_SECONDS)).toBe(true);
      expect(await other.setIfVersion(fenced, null, { version: 1, token: 'b' })).toBe(false);
      // A stale writer (it read version 0) cannot overwrite; the one that read version 1 can.
      expect(await other.setIfVersion(fenced, 0, { version: 1, token: 'stale' })).toBe(false);
      expect(await other.setIfVersion(fenced, 1, { version: 2, token: 'c' })).toBe(true);
      expect(await cache.get(fenced)).toEqual({ version: 2, token: 'c' });
      await cache.set(fenced, 'not an object');
      expect(await cache.setIfVersion(fenced, 2, { version: 3 })).toBe(false);
    });

    it('never lets two withLock callers overlap, on one instance or across instances', async () => {
      const lock = key('lock');
      let inside = 0;
      let maxInside = 0;
      const order: number[] = [];
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? cache : other).withLock(lock, { ttlMs: 10_000, waitMs: 20_000 }, async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(5);
            order.push(i);
            inside--;
            return i * 10;
          }),
        ),
      );
      expect(maxInside).toBe(1);
      expect(results).toEqual([0, 10, 20, 30, 40, 50]);
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('times out with LockTimeoutError without running fn while another holder keeps the lock', async () => {
      const lock = key('busy');
      const held = gate();
      const entered = gate();
      const holder = cache.withLock(lock, { ttlMs: 10_000, waitMs: 0 }, async () => {
        entered.open();
        await held.promise;
        return 'holder';
      });
      await entered.promise;
      let ran = false;
      await expect(
        other.withLock(lock, { ttlMs: 1_000, waitMs: 100 }, async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(LockTimeoutError);
      expect(ran).toBe(false);
      held.open();
      expect(await holder).toBe('holder');
      // Released: the next caller gets it at once.
      expect(await other.withLock(lock, { ttlMs: 1_000, waitMs: 0 }, async () => 'next')).toBe('next');
    });

    it('releases the lock when fn throws, and passes the error on', async () => {
      const lock = key('throws');
      await expect(
        cache.withLock(lock, { ttlMs: 10_000, waitMs: 0 }, async () => {
          throw new Error('fallo del trabajo');
        }),
      ).rejects.toThrow('fallo del trabajo');
      expect(await other.withLock(lock, { ttlMs: 1_000, waitMs: 0 }, async () => 'free')).toBe('free');
    });

    it('lets a lock expire after ttlMs, and a late holder does not release the new holder’s lock', async () => {
      const lock = key('expiry');
      const stalled = gate();
      const firstIn = gate();
      const first = cache.withLock(lock, { ttlMs: 300, waitMs: 0 }, async () => {
        firstIn.open();
        await stalled.promise;
      });
      await firstIn.promise;

      const secondHeld = gate();
      const secondIn = gate();
      // Waits longer than the first holder's TTL, so it gets the lock once that expires.
      const second = other.withLock(lock, { ttlMs: 10_000, waitMs: 10_000 }, async () => {
        secondIn.open();
        await secondHeld.promise;
      });
      await secondIn.promise;

      stalled.open();
      await first; // its release must be a no-op: the lock now carries the second holder's token
      await expect(cache.withLock(lock, { ttlMs: 1_000, waitMs: 0 }, async () => {})).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
      secondHeld.open();
      await second;
      await expect(cache.withLock(lock, { ttlMs: 1_000, waitMs: 0 }, async () => 'after')).resolves.toBe(
        'after',
      );
    });

    it('rejects nonsensical lock options', async () => {
      await expect(
        cache.withLock(key('opts'), { ttlMs: 0, waitMs: 0 }, async () => {}),
      ).rejects.toBeInstanceOf(RangeError);
      await expect(
        cache.withLock(key('opts'), { ttlMs: 10, waitMs: -1 }, async () => {}),
      ).rejects.toBeInstanceOf(RangeError);
    });
  });
}
