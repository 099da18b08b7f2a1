import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/bytea.js';
import { tenants } from '../tenants/tenants.schema.js';

export type AiDocumentKind = 'pdf-text' | 'pdf-image' | 'image';
export type AiCurrency = 'MXN' | 'USD';
export type AiCapKind = 'tokens' | 'cost';

/**
 * An organization's AI provider (one row per organization; without it the instance's INBOX_LLM_*
 * default applies). The API key is sealed (AAD: this table, column and tenant); `api_key_hint` is
 * its last 4 characters for the page. Prices are per 1M tokens in `currency`.
 */
export const aiSettings = pgTable(
  'ai_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(false),
    baseUrl: text('base_url'),
    model: text('model'),
    apiKey: bytea('api_key'),
    apiKeyHint: text('api_key_hint'),
    allowedKinds: jsonb('allowed_kinds').$type<AiDocumentKind[]>().notNull().default([]),
    timeoutMs: integer('timeout_ms').notNull().default(60_000),
    currency: text('currency').$type<AiCurrency>().notNull().default('USD'),
    inputPricePerMillion: numeric('input_price_per_million', { precision: 20, scale: 6 })
      .notNull()
      .default('0'),
    outputPricePerMillion: numeric('output_price_per_million', { precision: 20, scale: 6 })
      .notNull()
      .default('0'),
    capKind: text('cap_kind').$type<AiCapKind>(),
    capValue: numeric('cap_value', { precision: 24, scale: 6 }),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('ai_settings_cap_ck', sql`(${t.capKind} is null) = (${t.capValue} is null)`)],
);

/**
 * Usage counters per organization, day (America/Mexico_City), model and currency: upserted by
 * every LLM call (`requests` when the call is let through, tokens and cost from the answer's
 * `usage`). Cost is estimated with the prices in force at the call, in that currency.
 */
export const aiUsageDays = pgTable(
  'ai_usage_days',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    model: text('model').notNull(),
    currency: text('currency').$type<AiCurrency>().notNull(),
    requests: integer('requests').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    cost: numeric('cost', { precision: 24, scale: 8 }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.model, t.currency] })],
);

/**
 * The extraction prompt per organization and document kind, versioned: every save is a new
 * version (who, when, text); restoring an old one is a new version with its text. The newest
 * version is the one in use; no version: the product's default (`prompt-template.ts`).
 */
export const aiPromptVersions = pgTable(
  'ai_prompt_versions',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AiDocumentKind>().notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    /** The version whose text this one restored (null: written). */
    restoredFrom: integer('restored_from'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ai_prompt_versions_uq').on(t.tenantId, t.kind, t.version)],
);

export type AiTestStatus = 'pending' | 'ok' | 'failed';

/** "Probar conexión": one row per request, moved to ok/failed by the `ai.test-connection` job. */
export const aiConnectionTests = pgTable(
  'ai_connection_tests',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    status: text('status').$type<AiTestStatus>().notNull().default('pending'),
    model: text('model'),
    latencyMs: integer('latency_ms'),
    answer: text('answer'),
    errorCode: text('error_code'),
    requestedBy: text('requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('ai_connection_tests_tenant_idx').on(t.tenantId, t.createdAt)],
);

export type AiTrialStatus = 'queued' | 'running' | 'done' | 'failed';

/** One header field of a trial: the invoice's value now beside the draft prompt's answer. */
export interface AiTrialFieldResult {
  field: string;
  current: string | null;
  trial: string | null;
  refused: boolean;
}

/**
 * "Probar con un documento": a draft prompt (never a version: it is not in use) run on one stored
 * inbox document by the `ai.prompt-trial` job: queued → running → done (the fields, latency,
 * tokens) or failed (an error code).
 */
export const aiPromptTrials = pgTable(
  'ai_prompt_trials',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AiDocumentKind>().notNull(),
    /** The inbox invoice (the inbox module's; read through its index.ts, so no foreign key here). */
    invoiceId: uuid('invoice_id').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<AiTrialStatus>().notNull().default('queued'),
    model: text('model'),
    latencyMs: integer('latency_ms'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    errorCode: text('error_code'),
    fields: jsonb('fields').$type<AiTrialFieldResult[]>(),
    requestedBy: text('requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('ai_prompt_trials_tenant_idx').on(t.tenantId, t.createdAt)],
);
