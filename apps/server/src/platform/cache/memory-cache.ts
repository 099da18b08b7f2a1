import { performance } from 'node:perf_hooks';
import type { Cache } from './cache.port.js';
import { checkKey, encodeJson, ttlToMs } from './cache-args.js';
import { type LockBackend, runWithLock } from './lock-loop.js';

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

// Expired entries are dropped on read; the sweep only bounds memory held by keys nobody reads again.
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Process-local cache. Values are stored as JSON so callers get copies, exactly as with Redis.
 * Locks exclude callers of this instance only: share one instance per process.
 */
export function createMemoryCache(options: { onError?: (error: unknown) => void } = {}): Cache {
  const entries = new Map<string, Entry>();
  const locks = new Map<string, { token: string; expiresAt: number }>();
  const waiters = new Map<string, Set<() => void>>();
  const now = () => performance.now();
  const live = (entry: { expiresAt?: number | undefined } | undefined) =>
    entry !== undefined && (entry.expiresAt === undefined || entry.expiresAt > now());

  const sweep = setInterval(() => {
    for (const [key, entry] of entries) if (!live(entry)) entries.delete(key);
    for (const [key, lock] of locks) if (!live(lock)) locks.delete(key);
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  const lockBackend: LockBackend = {
    async tryAcquire(key, token, ttlMs) {
      if (live(locks.get(key))) return false;
      locks.set(key, { token, expiresAt: now() + ttlMs });
      return true;
    },
    async release(key, token) {
      if (locks.get(key)?.token !== token) return;
      locks.delete(key);
      for (const wake of waiters.get(key) ?? []) wake();
    },
    waitForChange(key, maxMs) {
      return new Promise<void>((resolve) => {
        const set = waiters.get(key) ?? new Set();
        waiters.set(key, set);
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          if (set.size === 0 && waiters.get(key) === set) waiters.delete(key);
          resolve();
        };
        const timer = setTimeout(wake, maxMs);
        set.add(wake);
      });
    },
    onReleaseError: options.onError ?? (() => {}),
  };

  return {
    async get<T>(key: string): Promise<T | undefined> {
      checkKey(key);
      const entry = entries.get(key);
      if (!live(entry)) {
        entries.delete(key);
        return undefined;
      }
      return JSON.parse(entry!.json) as T;
    },
    async set(key, value, ttlSeconds) {
      checkKey(key);
      const expiresAt = ttlSeconds === undefined ? undefined : now() + ttlToMs(ttlSeconds);
      entries.set(key, { json: encodeJson(value), expiresAt });
    },
    async delete(key) {
      checkKey(key);
      entries.delete(key);
    },
    async setIfAbsent(key, value, ttlSeconds) {
      checkKey(key);
      const entry = { json: encodeJson(value), expiresAt: now() + ttlToMs(ttlSeconds) };
      if (live(entries.get(key))) return false;
      entries.set(key, entry);
      return true;
    },
    async setIfVersion(key, expectedVersion, value, ttlSeconds) {
      checkKey(key);
      const entry = entries.get(key);
      const current = live(entry) ? (JSON.parse(entry!.json) as { version?: unknown }) : undefined;
      if (expectedVersion === null ? current !== undefined : current?.version !== expectedVersion)
        return false;
      const expiresAt = ttlSeconds === undefined ? undefined : now() + ttlToMs(ttlSeconds);
      entries.set(key, { json: encodeJson(value), expiresAt });
      return true;
    },
    withLock: (key, opts, fn) => runWithLock(lockBackend, key, opts, fn),
    async close() {
      clearInterval(sweep);
      entries.clear();
      locks.clear();
    },
  };
}
