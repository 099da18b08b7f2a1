import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
