import type {
  SatAttentionCode,
  SatHistoryCode,
  SatHistoryParams,
  SatRequestFilters,
} from '@boveda/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../tenants/tenants.schema.js';

/** Counters per recovery cause: each cause may re-file a request at most once along a chain. */
export interface RecoveryAttempts {
  stale?: number;
  expired?: number;
  packagesGone?: number;
}

/** v1.5 filters, as validated before sending (see sat-request-rules.ts); the API shows them as stored. */
export type { SatRequestFilters };

/**
 * One request to the SAT's Descarga Masiva, from the moment a person (or the year bulk, or a
 * recovery) asks for it. Periods are the SAT's naive local timestamps (`YYYY-MM-DDTHH:mm:ss`), kept
 * as text so they round-trip exactly.
 */
export const satRequests = pgTable(
  'sat_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    taxpayerId: uuid('taxpayer_id'),
    rfc: text('rfc').notNull(),
    kind: text('kind').$type<'cfdi' | 'metadata'>().notNull(),
    /** Null for a folio (single UUID) request. */
    direction: text('direction').$type<'issued' | 'received'>(),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    filters: jsonb('filters').$type<SatRequestFilters>().notNull().default({}),
    folio: text('folio'),
    /** sha256 of the canonical parameters: the duplicate guard's key. */
    paramsHash: text('params_hash').notNull(),
    state: text('state').notNull(),
    origin: text('origin').notNull(),
    satRequestId: text('sat_request_id'),
    satStatusCode: integer('sat_status_code'),
    satStatusMessage: text('sat_status_message'),
    satRequestState: integer('sat_request_state'),
    satRequestCode: integer('sat_request_code'),
    cfdiCount: integer('cfdi_count'),
    replacesId: uuid('replaces_id'),
    replacedById: uuid('replaced_by_id'),
    splitFromId: uuid('split_from_id'),
    attempts: jsonb('attempts').$type<RecoveryAttempts>().notNull().default({}),
    needsAttentionReason: text('needs_attention_reason'),
    /** The reason as a code of `satAttentionCodes` with its params, which the web says in Spanish. */
    needsAttentionCode: text('needs_attention_code').$type<SatAttentionCode>(),
    needsAttentionParams: jsonb('needs_attention_params').$type<SatHistoryParams>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sat_requests_tenant_rfc_idx').on(t.tenantId, t.rfc, t.createdAt),
    index('sat_requests_state_idx').on(t.state),
    // The duplicate guard under concurrency: one active request per parameter set, except the
    // replacement of a stale/expired one, which briefly coexists with the request it replaces.
    uniqueIndex('sat_requests_active_params_idx')
      .on(t.tenantId, t.paramsHash)
      .where(sql`state in ('pending','accepted','in_progress','ready') and replaces_id is null`),
  ],
);

/** Append-only history of a request: every SAT call, state change and package event. */
export const satRequestEvents = pgTable(
  'sat_request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => satRequests.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** call | state | package | note */
    type: text('type').notNull(),
    operation: text('operation'),
    fromState: text('from_state'),
    toState: text('to_state'),
    satCode: integer('sat_code'),
    satMessage: text('sat_message'),
    /** English, for the API, the CLI and the log; rows older than `code` have only this. */
    message: text('message').notNull(),
    /** What happened as a code of `satHistoryCodes`, with its params, for the web to say. */
    code: text('code').$type<SatHistoryCode>(),
    params: jsonb('params').$type<SatHistoryParams>(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('sat_request_events_request_idx').on(t.requestId, t.id)],
);

export const satPackages = pgTable(
  'sat_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => satRequests.id, { onDelete: 'cascade' }),
    satPackageId: text('sat_package_id').notNull(),
    kind: text('kind').$type<'cfdi' | 'metadata'>().notNull(),
    /** pending | stored | failed */
    state: text('state').notNull().default('pending'),
    storageKey: text('storage_key').notNull(),
    size: bigint('size', { mode: 'number' }),
    sha256: text('sha256'),
    downloadAttempts: integer('download_attempts').notNull().default(0),
    lastError: text('last_error'),
    storedAt: timestamp('stored_at', { withTimezone: true }),
    /** Last time `sat.package.stored` was published for it (the sweeper publishes again after an hour). */
    ingestionRequestedAt: timestamp('ingestion_requested_at', { withTimezone: true }),
    /** What the cfdi module reported (`cfdi.package.ingested`): completed | failed; null while pending. */
    ingestionState: text('ingestion_state').$type<'completed' | 'failed'>(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sat_packages_tenant_package_idx').on(t.tenantId, t.satPackageId),
    index('sat_packages_awaiting_ingestion_idx')
      .on(t.ingestionRequestedAt)
      .where(sql`state = 'stored' and ingestion_state is null`),
    index('sat_packages_request_idx').on(t.requestId),
  ],
);
