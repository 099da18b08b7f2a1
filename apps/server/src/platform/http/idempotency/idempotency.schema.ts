import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../crypto/bytea.js';

/**
 * Answers to `POST`/`PATCH` requests sent with an `Idempotency-Key`, owned by platform/http
 * (idempotency.ts). One row per (tenant, client, key): inserted `in_progress` before the handler
 * runs (the unique index is the lock between API processes), then `done` with the answer, or
 * deleted when the answer was a 5xx. The stored body is sealed with the tenant's data key.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    /** `api_key:<id>` or `user:<id>`: who sent it; a key is only ever looked up with its client. */
    client: text('client').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 (hex) of the body, canonical JSON (keys sorted), as it arrived. */
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_progress', 'done'] }).notNull(),
    /** An `in_progress` row older than this belongs to a request that died: it may be taken over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    responseStatus: integer('response_status'),
    /** The headers worth replaying (content type, location). */
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: bytea('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_tenant_client_key_uq').on(t.tenantId, t.client, t.key),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);
