import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Schedules that belong to a tenant (a connector's sync every night at 2, in the firm's time
 * zone): business data, so they live here, not in pg-boss's global cron. One tick job a minute
 * queues whatever is due.
 */
export const jobSchedules = pgTable(
  'job_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id'),
    job: text('job').notNull(),
    /** Which schedule of that job (e.g. a connector id): unique per job. */
    key: text('key').notNull(),
    cron: text('cron').notNull(),
    tz: text('tz').notNull(),
    payload: jsonb('payload').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastJobId: text('last_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('job_schedules_job_key_idx').on(t.job, t.key),
    index('job_schedules_due_idx').on(t.nextRunAt).where(sql`${t.enabled}`),
    index('job_schedules_tenant_idx').on(t.tenantId),
  ],
);

/**
 * A person paused an organization's recurring work (a connector's schedule, a taxpayer's SAT sync).
 * Kept apart from `job_schedules.enabled`, which the owning module sets (a connector's edit writes
 * it again): a pause survives the owner's upserts and restarts, and only resume clears it. Keyed like
 * `job_schedules` (job, key), so a schedule row and work that is not in that table (the SAT's
 * instance-wide nightly run) pause the same way.
 */
export const jobPauses = pgTable(
  'job_pauses',
  {
    tenantId: uuid('tenant_id').notNull(),
    job: text('job').notNull(),
    key: text('key').notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who paused it, as the audit names them (a person's e-mail, an API key's name). */
    pausedBy: text('paused_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.job, t.key] })],
);
