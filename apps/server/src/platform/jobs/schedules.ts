import cronParser from 'cron-parser';
import type pg from 'pg';
import { z } from 'zod';
import type { Tx, UnitOfWork } from '../db/transaction.js';
import { defineJob, type JobDefinition, type Jobs, jobWorker } from './jobs.js';

export class InvalidScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

/** The next time `cron` fires in `tz` strictly after `after`; throws InvalidScheduleError. */
export function nextRun(cron: string, tz: string, after: Date): Date {
  try {
    return cronParser.parseExpression(cron, { tz, currentDate: after }).next().toDate();
  } catch (err) {
    throw new InvalidScheduleError(`"${cron}" in ${tz} is not a valid schedule: ${(err as Error).message}`);
  }
}

export interface ScheduleInput<T> {
  job: JobDefinition<T>;
  key: string;
  tenantId: string | null;
  /** Five fields (minute hour day month weekday), e.g. `0 2 * * *`. */
  cron: string;
  /** IANA time zone the cron reads in, e.g. America/Mexico_City. */
  tz: string;
  payload: T;
  enabled?: boolean;
}

export interface ScheduleRow {
  id: string;
  tenantId: string | null;
  job: string;
  key: string;
  cron: string;
  tz: string;
  payload: unknown;
  enabled: boolean;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastJobId: string | null;
}

export interface SchedulePause {
  pausedAt: Date;
  pausedBy: string | null;
}

const pauseOf = (r: Record<string, unknown>): SchedulePause | null =>
  r.paused_at ? { pausedAt: r.paused_at as Date, pausedBy: (r.paused_by as string | null) ?? null } : null;

const tickJob = defineJob({ name: 'schedules.tick', schema: z.object({}), retry: [] });
// Catching up after downtime: each due schedule runs once, not once per missed occurrence.
const BATCH = 100;

/**
 * Per-tenant schedules in our own table, run by one tick job a minute (pg-boss's cron is global
 * and knows nothing of tenants). A due schedule's job is queued and its next run computed in one
 * transaction, so two workers ticking at once never queue it twice (SKIP LOCKED), and a crash
 * loses nothing (the next tick finds it still due).
 */
export function createSchedules(deps: {
  pool: pg.Pool;
  transaction: UnitOfWork;
  jobs: Jobs;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const known = new Map<string, JobDefinition<unknown>>();

  const toRow = (r: Record<string, unknown>): ScheduleRow => ({
    id: r.id as string,
    tenantId: r.tenant_id as string | null,
    job: r.job as string,
    key: r.key as string,
    cron: r.cron as string,
    tz: r.tz as string,
    payload: r.payload,
    enabled: r.enabled as boolean,
    nextRunAt: r.next_run_at as Date,
    lastRunAt: r.last_run_at as Date | null,
    lastJobId: r.last_job_id as string | null,
  });

  /** Queues every due schedule once and moves it to its next run. Answers how many were queued. */
  async function tick(): Promise<number> {
    const at = now();
    let queued = 0;
    for (;;) {
      const count = await deps.transaction(async (tx) => {
        const { rows } = await tx.query(
          // A paused schedule is not queued and keeps its due time; resume moves it on (see resume).
          `SELECT s.* FROM job_schedules s WHERE s.enabled AND s.next_run_at <= $1
             AND NOT EXISTS (SELECT 1 FROM job_pauses p
                             WHERE p.tenant_id = s.tenant_id AND p.job = s.job AND p.key = s.key)
           ORDER BY s.next_run_at LIMIT ${BATCH} FOR UPDATE OF s SKIP LOCKED`,
          [at],
        );
        for (const raw of rows) {
          const row = toRow(raw);
          // A job this version does not know (removed, or added by a newer one): moved on, not queued.
          const def = known.get(row.job);
          const jobId = def ? await deps.jobs.enqueue(def, def.schema.parse(row.payload), { tx }) : null;
          await tx.query(
            'UPDATE job_schedules SET next_run_at = $2, last_run_at = $3, last_job_id = COALESCE($4, last_job_id) WHERE id = $1',
            [row.id, nextRun(row.cron, row.tz, at), at, jobId],
          );
        }
        return rows.length;
      });
      queued += count;
      if (count < BATCH) return queued;
    }
  }

  return {
    /**
     * Creates or replaces the schedule `(job, key)`, validating its cron, time zone and payload.
     * Pass `tx` to write it with the row it belongs to (a connector and its sync schedule).
     */
    async upsert<T>(input: ScheduleInput<T>, tx?: Tx): Promise<ScheduleRow> {
      const payload = input.job.schema.parse(input.payload);
      known.set(input.job.name, input.job as JobDefinition<unknown>);
      const next = nextRun(input.cron, input.tz, now());
      const run = tx ? tx.query.bind(tx) : deps.pool.query.bind(deps.pool);
      const { rows } = await run(
        `INSERT INTO job_schedules (tenant_id, job, key, cron, tz, payload, enabled, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (job, key) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, cron = EXCLUDED.cron, tz = EXCLUDED.tz,
           payload = EXCLUDED.payload, enabled = EXCLUDED.enabled, next_run_at = EXCLUDED.next_run_at, updated_at = now()
         RETURNING *`,
        [
          input.tenantId,
          input.job.name,
          input.key,
          input.cron,
          input.tz,
          JSON.stringify(payload),
          input.enabled ?? true,
          next,
        ],
      );
      return toRow(rows[0]!);
    },

    async remove(job: JobDefinition<unknown>, key: string, tx?: Tx): Promise<boolean> {
      const run = tx ? tx.query.bind(tx) : deps.pool.query.bind(deps.pool);
      const result = await run('DELETE FROM job_schedules WHERE job = $1 AND key = $2', [job.name, key]);
      return (result.rowCount ?? 0) > 0;
    },

    async get(job: JobDefinition<unknown>, key: string): Promise<ScheduleRow | null> {
      const { rows } = await deps.pool.query('SELECT * FROM job_schedules WHERE job = $1 AND key = $2', [
        job.name,
        key,
      ]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    /** Every schedule of one organization, with its pause (if a person paused it). */
    async listForTenant(tenantId: string): Promise<(ScheduleRow & { pause: SchedulePause | null })[]> {
      const { rows } = await deps.pool.query(
        `SELECT s.*, p.paused_at, p.paused_by FROM job_schedules s
         LEFT JOIN job_pauses p ON p.tenant_id = s.tenant_id AND p.job = s.job AND p.key = s.key
         WHERE s.tenant_id = $1 ORDER BY s.job, s.key`,
        [tenantId],
      );
      return rows.map((r) => ({ ...toRow(r), pause: pauseOf(r) }));
    },

    /**
     * Pauses `(job, key)` for this organization: the tick stops queueing its schedule, and a module
     * whose recurring work is not a schedule row (the SAT's nightly run) asks `pausedKeys`. Answers
     * false when it was already paused. Survives restarts and the owner's upserts.
     */
    async pause(tenantId: string, job: string, key: string, by: string | null, tx?: Tx): Promise<boolean> {
      const run = tx ? tx.query.bind(tx) : deps.pool.query.bind(deps.pool);
      const result = await run(
        `INSERT INTO job_pauses (tenant_id, job, key, paused_at, paused_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [tenantId, job, key, now(), by],
      );
      return (result.rowCount ?? 0) > 0;
    },

    /**
     * Lifts the pause. A schedule whose due time passed while paused moves to its next occurrence
     * from now: resuming does not fire at once the run the pause held back.
     */
    async resume(tenantId: string, job: string, key: string, tx?: Tx): Promise<boolean> {
      const work = async (t: Tx) => {
        const result = await t.query(
          'DELETE FROM job_pauses WHERE tenant_id = $1 AND job = $2 AND key = $3',
          [tenantId, job, key],
        );
        const at = now();
        const { rows } = await t.query(
          'SELECT * FROM job_schedules WHERE tenant_id = $1 AND job = $2 AND key = $3 AND next_run_at <= $4 FOR UPDATE',
          [tenantId, job, key, at],
        );
        for (const raw of rows) {
          const row = toRow(raw);
          await t.query('UPDATE job_schedules SET next_run_at = $2 WHERE id = $1', [
            row.id,
            nextRun(row.cron, row.tz, at),
          ]);
        }
        return (result.rowCount ?? 0) > 0;
      };
      return tx ? work(tx) : deps.transaction(work);
    },

    /** The pauses of one job (of one organization, or all): `tenantId:key` → pause. */
    async pausedKeys(job: string, tenantId?: string): Promise<Map<string, SchedulePause>> {
      const { rows } = await deps.pool.query(
        `SELECT tenant_id, key, paused_at, paused_by FROM job_pauses WHERE job = $1 AND ($2::uuid IS NULL OR tenant_id = $2)`,
        [job, tenantId ?? null],
      );
      return new Map(rows.map((r) => [`${r.tenant_id}:${r.key}`, pauseOf(r)!]));
    },

    async isPaused(tenantId: string, job: string, key: string): Promise<boolean> {
      const { rowCount } = await deps.pool.query(
        'SELECT 1 FROM job_pauses WHERE tenant_id = $1 AND job = $2 AND key = $3',
        [tenantId, job, key],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Lets the tick queue this job (every process that ticks must know the definitions). */
    register<T>(job: JobDefinition<T>): void {
      known.set(job.name, job as JobDefinition<unknown>);
    },

    tick,

    /** Worker processes: the tick job, every minute. */
    async startTicking(): Promise<void> {
      await deps.jobs.register(jobWorker(tickJob, async () => ({ queued: await tick() })));
      await deps.jobs.schedule(tickJob, '* * * * *', {}, 'UTC');
    },
  };
}

export type Schedules = ReturnType<typeof createSchedules>;
