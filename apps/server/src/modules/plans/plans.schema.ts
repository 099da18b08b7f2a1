import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../tenants/tenants.schema.js';

/**
 * The operator's plans. Each limit is null when the plan does not limit it; the code is what the
 * CLI and the operator API name a plan by.
 */
export const plans = pgTable('plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  documentsPerMonth: bigint('documents_per_month', { mode: 'number' }),
  ocrPagesPerMonth: bigint('ocr_pages_per_month', { mode: 'number' }),
  llmTokensPerMonth: bigint('llm_tokens_per_month', { mode: 'number' }),
  apiRequestsPerMinute: integer('api_requests_per_minute'),
  connectors: integer('connectors'),
  webhookEndpoints: integer('webhook_endpoints'),
  taxpayers: integer('taxpayers'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which plan an organization is on; no row: no limits. */
export const tenantPlans = pgTable(
  'tenant_plans',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tenant_plans_plan_idx').on(t.planId)],
);

/**
 * Monthly usage per organization and metric (`documents`, `ocrPages`, `llmTokens`), counted where
 * the work happens whether or not a plan limits it. `alertedPercent` is the highest threshold (80,
 * 100) its admins were e-mailed about this month: each is sent once, by whichever process crosses it.
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    /** `YYYY-MM` in America/Mexico_City. */
    period: text('period').notNull(),
    used: bigint('used', { mode: 'number' }).notNull().default(0),
    alertedPercent: integer('alerted_percent').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.metric, t.period] })],
);

export type PlanRow = typeof plans.$inferSelect;
