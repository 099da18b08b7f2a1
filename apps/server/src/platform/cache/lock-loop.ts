import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { LockTimeoutError } from './cache.port.js';
import { checkKey, checkLockOptions } from './cache-args.js';

export interface LockBackend {
  tryAcquire(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases only when `token` still owns the lock. */
  release(key: string, token: string): Promise<void>;
  /** Resolves when the lock may have become free, or after `maxMs`. */
  waitForChange(key: string, maxMs: number): Promise<void>;
  onReleaseError(error: unknown): void;
}

// Polling back-off: quick retries for short critical sections, capped so a long wait does not
// hammer Redis. Jitter keeps several waiters from retrying in lockstep.
const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 200;

export async function runWithLock<T>(
  backend: LockBackend,
  key: string,
  opts: { ttlMs: number; waitMs: number },
  fn: () => Promise<T>,
): Promise<T> {
  checkKey(key, 'lock key');
  checkLockOptions(opts);
  const token = randomUUID();
  const ttlMs = Math.ceil(opts.ttlMs);
  const deadline = performance.now() + opts.waitMs;
  let delay = FIRST_RETRY_MS;
  while (!(await backend.tryAcquire(key, token, ttlMs))) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new LockTimeoutError(key, opts.waitMs);
    await backend.waitForChange(key, Math.min(remaining, delay * (0.5 + Math.random())));
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  }
  try {
    return await fn();
  } finally {
    // A failed release must not hide fn's outcome; the lock then expires after ttlMs.
    await backend.release(key, token).catch((error: unknown) => backend.onReleaseError(error));
  }
}
