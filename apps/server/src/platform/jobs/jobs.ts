import PgBoss from 'pg-boss';
import type { z } from 'zod';

/**
 * Durable jobs on pg-boss, behind a port small enough to swap. Business state lives in our own
 * tables; a job only moves it forward, so a job that exhausts its retries leaves both a failed
 * pg-boss row (visible through `getJob`) and a domain row a person can retry.
 */
export interface JobDefinition<T> {
  name: string;
  schema: z.ZodType<T>;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
}

export function defineJob<T>(
  name: string,
  schema: z.ZodType<T>,
  opts: Partial<Omit<JobDefinition<T>, 'name' | 'schema'>> = {},
): JobDefinition<T> {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new Error(`Invalid job name: ${name}`);
  return {
    name,
    schema,
    retryLimit: opts.retryLimit ?? 5,
    retryDelaySeconds: opts.retryDelaySeconds ?? 10,
    retryBackoff: opts.retryBackoff ?? true,
    expireInSeconds: opts.expireInSeconds ?? 15 * 60,
  };
}

export interface JobContext {
  jobId: string;
  /** 0 on the first run. */
  retryCount: number;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  output: unknown;
}

export interface EnqueueOptions {
  startAfterSeconds?: number;
  /** At most one queued job per key (pg-boss singleton). */
  singletonKey?: string;
}

export interface Jobs {
  start(): Promise<void>;
  stop(): Promise<void>;
  enqueue<T>(def: JobDefinition<T>, data: T, opts?: EnqueueOptions): Promise<string | null>;
  schedule<T>(def: JobDefinition<T>, cron: string, data: T, tz: string): Promise<void>;
  unschedule<T>(def: JobDefinition<T>): Promise<void>;
  work<T>(
    def: JobDefinition<T>,
    handler: (data: T, ctx: JobContext) => Promise<unknown>,
    concurrency?: number,
  ): Promise<void>;
  getJob<T>(def: JobDefinition<T>, id: string): Promise<JobInfo | null>;
  /** For /ready: the queue schema answers. */
  ping(): Promise<void>;
}

export interface JobsOptions {
  connectionString: string;
  pollingIntervalSeconds: number;
  /** Only the worker role runs cron and maintenance. */
  supervise: boolean;
  onError: (err: Error) => void;
  /** Tests shorten the cron monitor so schedules are picked up quickly. */
  cronMonitorIntervalSeconds?: number;
}

export function createJobs(options: JobsOptions): Jobs {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: 'pgboss',
    application_name: 'boveda-jobs',
    max: 4,
    supervise: options.supervise,
    schedule: options.supervise,
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
  });
  boss.on('error', options.onError);
  const ensured = new Map<string, Promise<void>>();

  // pg-boss 10 requires a queue before send/work; its retry policy is the definition's.
  const ensureQueue = (def: JobDefinition<unknown>) => {
    let p = ensured.get(def.name);
    if (!p) {
      p = (async () => {
        const policy = {
          retryLimit: def.retryLimit,
          retryDelay: def.retryDelaySeconds,
          retryBackoff: def.retryBackoff,
          expireInSeconds: def.expireInSeconds,
        };
        const existing = await boss.getQueue(def.name);
        if (existing) await boss.updateQueue(def.name, { name: def.name, ...policy });
        else await boss.createQueue(def.name, { name: def.name, ...policy });
      })();
      p.catch(() => ensured.delete(def.name));
      ensured.set(def.name, p);
    }
    return p;
  };

  return {
    start: async () => {
      await boss.start();
    },
    stop: async () => {
      // wait: resolve only once workers and the pool are closed, so PostgreSQL can stop after it.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    enqueue: async (def, data, opts = {}) => {
      const payload = def.schema.parse(data);
      await ensureQueue(def as JobDefinition<unknown>);
      return boss.send(def.name, payload as object, {
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      });
    },
    schedule: async (def, cron, data, tz) => {
      await ensureQueue(def as JobDefinition<unknown>);
      await boss.schedule(def.name, cron, def.schema.parse(data) as object, { tz });
    },
    unschedule: async (def) => {
      await boss.unschedule(def.name);
    },
    work: async (def, handler, concurrency = 1) => {
      await ensureQueue(def as JobDefinition<unknown>);
      // One pg-boss worker per slot, each taking one job at a time, so a slow job blocks only its slot.
      for (let i = 0; i < concurrency; i++) {
        await boss.work(
          def.name,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds },
          async ([job]) => {
            if (!job) return;
            const data = def.schema.parse(job.data);
            return handler(data, { jobId: job.id, retryCount: job.retryCount });
          },
        );
      }
    },
    getJob: async (def, id) => {
      const job = await boss.getJobById(def.name, id, { includeArchive: true });
      if (!job) return null;
      return {
        id: job.id,
        name: job.name,
        state: job.state as JobState,
        retryCount: job.retryCount,
        output: job.output,
      };
    },
    ping: async () => {
      await boss.getQueues();
    },
  };
}
