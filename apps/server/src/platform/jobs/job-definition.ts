import type { z } from 'zod';

/**
 * "Another attempt cannot help": a job throwing this fails at once (its final-failure hook runs),
 * whatever its retry schedule says. For a definition-wide rule use `permanent` instead.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export interface RetryPolicy {
  /** Seconds to wait before each retry: [first retry, second, …]; its length is the retry limit. */
  delaysSeconds: readonly number[];
  /** Each delay varies by ± this fraction, so retries of many jobs do not arrive together. */
  jitter: number;
}

export interface JobDefinition<T> {
  name: string;
  schema: z.ZodType<T>;
  /**
   * Jobs with the same key are one job while waiting: enqueueing another while one waits does
   * nothing (`enqueue` answers null). One may be running meanwhile; handlers that must not overlap
   * for a key take a lock (the SAT conversation locks its RFC).
   */
  dedupeKey?(data: T): string;
  retry: RetryPolicy;
  /** A run longer than this is presumed dead (its process crashed) and run again. */
  expireInSeconds: number;
  /** Errors another attempt cannot fix: fail at once. PermanentJobError always counts. */
  isPermanent(error: unknown): boolean;
}

export interface JobSpec<T> {
  name: string;
  schema: z.ZodType<T>;
  dedupeKey?: (data: T) => string;
  /** Delays before each retry in seconds (default: 10 s, 1 min, 5 min), or a whole policy. */
  retry?: readonly number[] | RetryPolicy;
  expireInSeconds?: number;
  permanent?: (error: unknown) => boolean;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const DEFAULT_DELAYS = [10, 60, 300] as const;

export function defineJob<T>(spec: JobSpec<T>): JobDefinition<T> {
  if (!NAME.test(spec.name)) throw new Error(`Invalid job name: ${spec.name}`);
  const retry: RetryPolicy = Array.isArray(spec.retry)
    ? { delaysSeconds: spec.retry, jitter: 0.1 }
    : ((spec.retry as RetryPolicy | undefined) ?? { delaysSeconds: DEFAULT_DELAYS, jitter: 0.1 });
  if (retry.delaysSeconds.some((d) => !(d >= 0)) || retry.jitter < 0 || retry.jitter >= 1)
    throw new Error(`Invalid retry policy for ${spec.name}`);
  const permanent = spec.permanent;
  return {
    name: spec.name,
    schema: spec.schema,
    ...(spec.dedupeKey ? { dedupeKey: spec.dedupeKey } : {}),
    retry,
    expireInSeconds: spec.expireInSeconds ?? 15 * 60,
    isPermanent: (error) => error instanceof PermanentJobError || (permanent?.(error) ?? false),
  };
}

/** Seconds before retry number `attempt` (1-based), with jitter from `random` in [0, 1). */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number, random = Math.random): number | null {
  const base = policy.delaysSeconds[attempt - 1];
  if (base === undefined) return null;
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
}

export interface JobContext {
  jobId: string;
  /** 0 on the first run, n on the n-th retry. */
  attempt: number;
  /** No retry follows if this run fails. */
  lastAttempt: boolean;
}

/** What a process runs for a job: its definition, the work, and what to do when it gives up. */
export interface JobWorker<T> {
  def: JobDefinition<T>;
  run(data: T, ctx: JobContext): Promise<unknown>;
  /**
   * Once, when the job gives up (a permanent error, or the last retry failed): move the domain
   * row to a visible failed state a person can act on.
   */
  onFinalFailure?(data: T, error: unknown, ctx: JobContext): Promise<void>;
  /** Jobs of this kind run at once in this process (default 1). */
  concurrency?: number;
}

export function jobWorker<T>(
  def: JobDefinition<T>,
  run: JobWorker<T>['run'],
  extra: Omit<JobWorker<T>, 'def' | 'run'> = {},
): JobWorker<T> {
  return { def, run, ...extra };
}
