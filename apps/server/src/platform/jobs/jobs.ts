import PgBoss from 'pg-boss';
import type { Tx } from '../db/transaction.js';
import type { JobOutcome, Metrics, QueueDepthRow } from '../metrics/index.js';
import type { Notifications } from '../notify/index.js';
import { type JobDefinition, type JobWorker, retryDelaySeconds } from './job-definition.js';

export * from './job-definition.js';

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobInfo {
  /** The id `enqueue` returned. */
  id: string;
  name: string;
  /** Of the latest attempt: a job whose retry is waiting is `created`. */
  state: JobState;
  /** Retries so far. */
  attempts: number;
  output: unknown;
}

export interface EnqueueOptions {
  /** Join the caller's transaction: the job exists only if it commits. */
  tx?: Tx;
  startAfterSeconds?: number;
}

export interface Jobs {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates and queues; null when a job with the same dedupe key is already waiting. */
  enqueue<T>(def: JobDefinition<T>, data: T, opts?: EnqueueOptions): Promise<string | null>;
  /** Runs the worker's jobs in this process; the one way to register a handler. */
  register<T>(worker: JobWorker<T>): Promise<void>;
  schedule<T>(def: JobDefinition<T>, cron: string, data: T, tz: string): Promise<void>;
  unschedule<T>(def: JobDefinition<T>): Promise<void>;
  getJob<T>(def: JobDefinition<T>, id: string): Promise<JobInfo | null>;
  /** For /ready: the queue schema answers. */
  ping(): Promise<void>;
  /** Unfinished jobs per queue and state (`created`, `retry`, `active`), zeros included: one grouped query. */
  queueDepth(): Promise<QueueDepthRow[]>;
}

export interface JobsOptions {
  connectionString: string;
  pollingIntervalSeconds: number;
  /** Only the worker role runs cron and maintenance. */
  supervise: boolean;
  onError: (err: Error) => void;
  /** Tests shorten the cron monitor so schedules are picked up quickly. */
  cronMonitorIntervalSeconds?: number;
  /** Which jobs this process runs (`WORKER_JOBS`): names or `prefix.*`; default every job. */
  runs?: string[];
  /**
   * Wakes the workers of a queue, in any process, when a job is queued (a NOTIFY at commit), so a
   * job starts in milliseconds instead of at the next poll. Without it workers only poll.
   */
  notifications?: Notifications;
  /** Counts each run this process makes, by job name and outcome. */
  metrics?: Pick<Metrics, 'jobRuns' | 'jobDuration'>;
}

/** Rung with the queue's name when a job is queued for now. */
const JOBS_CHANNEL = 'boveda_jobs';

/** Whether a `WORKER_JOBS` list covers a job name. */
export function jobSelected(patterns: readonly string[], name: string): boolean {
  return patterns.some(
    (p) => p === '*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))),
  );
}

/** What a job row carries: the validated payload and which attempt this is. */
interface Envelope {
  payload: unknown;
  attempt: number;
}

/** A run's result as stored by pg-boss: what the handler returned, or how it gave up or moved on. */
type Outcome = { result: unknown } | { retriedAs: string | null; error: string } | { failed: string };

// pg-boss's own retries are kept only for a run whose process died (the job expired); failures a
// handler reports are retried by `register` on the definition's schedule.
const CRASH_RETRIES = 2;

/**
 * Durable jobs on pg-boss, behind a port small enough to swap. Business state lives in module
 * tables; a job only moves it forward. A definition carries its policy (dedupe key, retry schedule,
 * permanent errors) and a worker its final-failure hook, so every job fails the same way: retried on
 * schedule, then handed to the hook that marks the domain row failed.
 */
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

  // pg-boss 10 requires a queue before send/work. A dedupe key needs the "short" policy: one
  // waiting job per key. Not "stately" (one running per key too): a job whose process died stays
  // "active" until it expires, and would hold its key that long.
  const ensureQueue = (def: JobDefinition<unknown>) => {
    let p = ensured.get(def.name);
    if (!p) {
      p = (async () => {
        const policy = {
          name: def.name,
          policy: def.dedupeKey ? 'short' : 'standard',
          retryLimit: CRASH_RETRIES,
          retryDelay: def.retry.delaysSeconds[0] ?? 10,
          retryBackoff: true,
          expireInSeconds: def.expireInSeconds,
        } as const;
        if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, policy);
        else await boss.createQueue(def.name, policy);
      })();
      p.catch(() => ensured.delete(def.name));
      ensured.set(def.name, p);
    }
    return p;
  };

  async function send<T>(
    def: JobDefinition<T>,
    envelope: Envelope,
    opts: EnqueueOptions,
  ): Promise<string | null> {
    await ensureQueue(def as JobDefinition<unknown>);
    const key = def.dedupeKey?.(envelope.payload as T);
    if (options.notifications && !opts.startAfterSeconds) {
      if (opts.tx) await options.notifications.notify(opts.tx, JOBS_CHANNEL, def.name);
      else await boss.getDb().executeSql('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, def.name]);
    }
    return boss.send(def.name, envelope as unknown as object, {
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      ...(key ? { singletonKey: key } : {}),
      ...(opts.tx
        ? { db: { executeSql: (text: string, values: unknown[]) => opts.tx!.query(text, values) } }
        : {}),
    });
  }

  /** Jobs queued by an older version carry the bare payload. */
  const envelopeOf = (data: unknown): Envelope =>
    data && typeof data === 'object' && 'payload' in data && 'attempt' in data
      ? (data as Envelope)
      : { payload: data, attempt: 0 };

  // This process's pg-boss workers by queue: a bell for the queue, or a job just finished, makes
  // them fetch at once. pg-boss otherwise waits a full poll after every job, so a queue of quick
  // jobs drained at one per poll (112 small SAT packages took minutes).
  const workersOf = new Map<string, string[]>();
  const wake = (name: string) => {
    for (const id of workersOf.get(name) ?? []) boss.notifyWorker(id);
  };

  return {
    start: async () => {
      await boss.start();
      await options.notifications?.listen(JOBS_CHANNEL, (name) => {
        if (name) wake(name);
      });
    },
    stop: async () => {
      // wait: resolve only once workers and the pool are closed, so PostgreSQL can stop after it.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    enqueue: async (def, data, opts = {}) => send(def, { payload: def.schema.parse(data), attempt: 0 }, opts),
    register: async (worker) => {
      const { def } = worker;
      await ensureQueue(def as JobDefinition<unknown>);
      if (options.runs && !jobSelected(options.runs, def.name)) return;
      // One pg-boss worker per slot, each taking one job at a time, so a slow job blocks only its slot.
      for (let i = 0; i < (worker.concurrency ?? 1); i++) {
        let workerId: string | undefined;
        workerId = await boss.work(
          def.name,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds },
          async ([job]): Promise<Outcome | undefined> => {
            if (!job) return;
            // Look again as soon as this one is done: there may be more waiting.
            if (workerId) boss.notifyWorker(workerId);
            const { payload, attempt } = envelopeOf(job.data);
            const data = def.schema.parse(payload);
            const delay = retryDelaySeconds(def.retry, attempt + 1);
            const ctx = { jobId: job.id, attempt, lastAttempt: delay === null };
            const started = performance.now();
            const counted = (outcome: JobOutcome) => {
              options.metrics?.jobRuns.inc({ job: def.name, outcome });
              options.metrics?.jobDuration.observe(
                { job: def.name, outcome },
                (performance.now() - started) / 1000,
              );
            };
            try {
              const result = await worker.run(data, ctx);
              counted('completed');
              return { result };
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              if (delay !== null && !def.isPermanent(error)) {
                const next = await send(
                  def,
                  { payload: data, attempt: attempt + 1 },
                  { startAfterSeconds: delay },
                );
                counted('retry');
                return { retriedAs: next, error: message };
              }
              counted('failed');
              try {
                await worker.onFinalFailure?.(data, error, { ...ctx, lastAttempt: true });
              } catch (hookError) {
                options.onError(hookError instanceof Error ? hookError : new Error(String(hookError)));
              }
              return { failed: message };
            }
          },
        );
        workersOf.set(def.name, [...(workersOf.get(def.name) ?? []), workerId]);
      }
    },
    schedule: async (def, cron, data, tz) => {
      await ensureQueue(def as JobDefinition<unknown>);
      await boss.schedule(def.name, cron, { payload: def.schema.parse(data), attempt: 0 }, { tz });
    },
    unschedule: async (def) => {
      await boss.unschedule(def.name);
    },
    getJob: async (def, id) => {
      // Follow the chain of retries to the latest attempt.
      let attempts = 0;
      let job = await boss.getJobById(def.name, id, { includeArchive: true });
      while (job) {
        const output = job.output as Partial<Extract<Outcome, { retriedAs: string | null }>> | null;
        if (!output?.retriedAs) break;
        job = await boss.getJobById(def.name, output.retriedAs, { includeArchive: true });
        attempts++;
      }
      if (!job) return null;
      const output = job.output as Outcome | null;
      const failed = !!output && 'failed' in output;
      return {
        id,
        name: job.name,
        state: failed ? 'failed' : (job.state as JobState),
        attempts,
        output: output && 'result' in output ? output.result : output,
      };
    },
    ping: async () => {
      await boss.getQueues();
    },
    queueDepth: async () => {
      // `job` is partitioned by queue and indexed on (name, state); only unfinished states are
      // counted, so the completed rows kept until archiving are not read.
      const { rows } = await boss.getDb().executeSql(
        `SELECT q.name AS queue, s.state, COALESCE(c.count, 0)::int AS count
           FROM pgboss.queue q
          CROSS JOIN (VALUES ('created'), ('retry'), ('active')) AS s(state)
           LEFT JOIN (SELECT name, state::text AS state, count(*) AS count
                        FROM pgboss.job WHERE state < 'completed' GROUP BY name, state) c
             ON c.name = q.name AND c.state = s.state
          -- pg-boss's own internal queues are not our work.
          WHERE left(q.name, 10) <> '__pgboss__'
          ORDER BY 1, 2`,
        [],
      );
      return rows as QueueDepthRow[];
    },
  };
}
