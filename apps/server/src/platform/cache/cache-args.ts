import { InvalidCacheValueError } from './cache.port.js';

export function encodeJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidCacheValueError((error as Error).message, { cause: error });
  }
  if (text === undefined) throw new InvalidCacheValueError(`${typeof value} has no JSON form`);
  return text;
}

export function checkKey(key: string, what = 'key'): void {
  if (typeof key !== 'string' || key.length === 0)
    throw new TypeError(`Cache ${what} must be a non-empty string`);
}

/** Seconds (fractions allowed) to whole milliseconds, at least 1. */
export function ttlToMs(ttlSeconds: number): number {
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`TTL must be a positive number of seconds, got ${ttlSeconds}`);
  }
  return Math.max(1, Math.round(ttlSeconds * 1000));
}

export function checkLockOptions(opts: { ttlMs: number; waitMs: number }): void {
  if (!Number.isFinite(opts?.ttlMs) || opts.ttlMs < 1) throw new RangeError('Lock ttlMs must be at least 1');
  if (!Number.isFinite(opts?.waitMs) || opts.waitMs < 0)
    throw new RangeError('Lock waitMs must be 0 or more');
}
