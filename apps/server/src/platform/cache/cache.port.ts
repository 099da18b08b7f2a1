export interface Cache {
  /** JSON values; undefined when missing or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Replaces the value and its TTL (no TTL: kept until deleted). */
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set only if absent (for single-flight); true when set. */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  /**
   * A fenced write: stores `value` (an object with a numeric `version`) only while the stored
   * value's `version` equals `expectedVersion` (null: only while absent), atomically, so a writer
   * holding an expired lock cannot overwrite a newer value. True when written.
   */
  setIfVersion(
    key: string,
    expectedVersion: number | null,
    value: { version: number } & Record<string, unknown>,
    ttlSeconds?: number,
  ): Promise<boolean>;
  /**
   * Distributed lock: runs fn while holding `key`; waits up to waitMs to acquire; lock auto-expires
   * after ttlMs; released with a token check (never releases someone else's lock).
   * Throws LockTimeoutError.
   */
  withLock<T>(key: string, opts: { ttlMs: number; waitMs: number }, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type MessageHandler = (message: unknown) => void;

export interface PubSub {
  /** JSON messages; fire-and-forget (subscribers that are not connected miss them). */
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; returns its unsubscribe function. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`Could not acquire lock "${key}" within ${waitMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/** A value or message that JSON cannot represent (undefined, a function, a BigInt, a cycle). */
export class InvalidCacheValueError extends Error {
  readonly code = 'INVALID_CACHE_VALUE';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Value cannot be stored as JSON: ${reason}`, options);
    this.name = 'InvalidCacheValueError';
  }
}

export class CacheConnectionError extends Error {
  readonly code = 'CACHE_CONNECTION';
  /** `target` is host:port only, so a password in the Redis URL never reaches a log. */
  constructor(
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot connect to Redis at ${target}`, options);
    this.name = 'CacheConnectionError';
  }
}
