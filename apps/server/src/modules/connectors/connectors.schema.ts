import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/bytea.js';
import { tenants } from '../tenants/tenants.schema.js';

export type ConnectorDirection = 'push' | 'pull' | 'both';
export type ConnectorAuthType = 'none' | 'api_key' | 'bearer' | 'basic' | 'oauth2';
export type RunKind = 'push' | 'pull';
export type RunTrigger = 'manual' | 'schedule';
export type RunStatus = 'queued' | 'running' | 'success' | 'partial' | 'failed';
export type DocumentKind = 'invoice' | 'cfdi';
export type ExportStatus = 'exported' | 'failed';
export type RecordStatus = 'staged' | 'accepted' | 'ignored';

/**
 * A REST API of an organization's ERP. The secret part of its auth (key, token, password, client
 * secret) is one sealed column; what is not secret (header name, user, token URL, client id) stays
 * in clear so the page can show it without a decryption. Push and pull settings are JSON validated
 * by the contracts (`pushConfig`, `pullConfig`).
 */
export const connectors = pgTable(
  'connectors',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    direction: text('direction').$type<ConnectorDirection>().notNull(),
    baseUrl: text('base_url').notNull(),
    authType: text('auth_type').$type<ConnectorAuthType>().notNull(),
    /** `{ header?, username?, tokenUrl?, clientId?, scope? }`: the non-secret half of the auth. */
    authPublic: jsonb('auth_public').$type<Record<string, string>>().notNull().default({}),
    /** Sealed secret string; null for `none`. */
    authSecret: bytea('auth_secret'),
    /** Grows with each credential change: cached ERP tokens are keyed on it. */
    credentialsVersion: integer('credentials_version').notNull().default(1),
    testPath: text('test_path'),
    timeoutMs: integer('timeout_ms').notNull(),
    rateLimitPerSecond: integer('rate_limit_per_second'),
    scheduleCron: text('schedule_cron'),
    scheduleTimeZone: text('schedule_time_zone'),
    enabled: boolean('enabled').notNull().default(true),
    push: jsonb('push'),
    pull: jsonb('pull'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('connectors_tenant_idx').on(t.tenantId, t.createdAt)],
);

/**
 * One push or pull of a connector, on demand or on schedule. At most one runs per connector at a
 * time (the claim locks the connector row); `heartbeat_at` tells a live run from a dead process.
 */
export const connectorRuns = pgTable(
  'connector_runs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RunKind>().notNull(),
    trigger: text('trigger').$type<RunTrigger>().notNull(),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    /** push: `{ documents?: [{kind, id}], force }`; pull: `{ resources?: string[], full }`. */
    scope: jsonb('scope').$type<Record<string, unknown>>().notNull().default({}),
    attempt: integer('attempt').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    resources: jsonb('resources')
      .$type<Record<string, Record<string, number | string | null>>>()
      .notNull()
      .default({}),
    error: text('error'),
    requestedBy: text('requested_by'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('connector_runs_connector_idx').on(t.connectorId, t.queuedAt),
    index('connector_runs_active_idx').on(t.connectorId).where(sql`status IN ('queued', 'running')`),
  ],
);

/**
 * Where each document stands with each connector: exported once (with the ERP's id) or failed.
 * `generation` grows with each forced re-export and is part of the Idempotency-Key, so a retry of
 * the same export replays while a forced one is new to the ERP.
 */
export const connectorExports = pgTable(
  'connector_exports',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    documentKind: text('document_kind').$type<DocumentKind>().notNull(),
    documentId: uuid('document_id').notNull(),
    status: text('status').$type<ExportStatus>().notNull(),
    externalId: text('external_id'),
    generation: integer('generation').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    payloadHash: text('payload_hash'),
    lastExportedAt: timestamp('last_exported_at', { withTimezone: true }),
    lastError: text('last_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('connector_exports_document_uq').on(t.connectorId, t.documentKind, t.documentId),
    index('connector_exports_tenant_document_idx').on(t.tenantId, t.documentKind, t.documentId),
    index('connector_exports_status_idx').on(t.connectorId, t.status, t.updatedAt),
  ],
);

/** Every call a push made: request and response excerpts (no credentials), status, latency. */
export const connectorExportLog = pgTable(
  'connector_export_log',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    runId: uuid('run_id'),
    documentKind: text('document_kind').$type<DocumentKind>().notNull(),
    documentId: uuid('document_id').notNull(),
    attempt: integer('attempt').notNull(),
    method: text('method').notNull(),
    url: text('url').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestExcerpt: text('request_excerpt').notNull(),
    status: integer('status'),
    responseExcerpt: text('response_excerpt'),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome').$type<'exported' | 'replayed' | 'rejected' | 'retrying' | 'failed'>().notNull(),
    error: text('error'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('connector_export_log_connector_idx').on(t.connectorId, t.at),
    index('connector_export_log_document_idx').on(t.connectorId, t.documentId),
  ],
);

/**
 * Records pulled from the ERP, latest version only, keyed by the ERP's id. The payload hash detects
 * change: a re-sync rewrites only records whose content changed, and a changed record comes back
 * to `staged` for review.
 */
export const connectorRecords = pgTable(
  'connector_records',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    payload: jsonb('payload').notNull(),
    payloadHash: text('payload_hash').notNull(),
    status: text('status').$type<RecordStatus>().notNull().default('staged'),
    lastAction: text('last_action').$type<'added' | 'updated'>().notNull(),
    lastRunId: uuid('last_run_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastModifiedAt: timestamp('last_modified_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
  },
  (t) => [
    uniqueIndex('connector_records_uq').on(t.connectorId, t.resource, t.externalId),
    index('connector_records_review_idx').on(t.connectorId, t.status, t.lastModifiedAt),
  ],
);

/** The incremental cursor of each pulled resource, saved after every page (a failed run resumes). */
export const connectorCursors = pgTable(
  'connector_cursors',
  {
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The greatest change time seen (the records' own text, ISO 8601). */
    value: text('value'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('connector_cursors_pk').on(t.connectorId, t.resource)],
);
