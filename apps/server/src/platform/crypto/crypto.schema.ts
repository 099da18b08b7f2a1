import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.js';

/**
 * What a tenant key is for. `data`: AES-256-GCM key of the secret box, rotated by
 * `rotateTenantDataKey`. `blind-index`: HMAC root key of `blindIndex`, with its own lifecycle so a
 * data key rotation never changes index values (ADR 0005).
 */
export const TENANT_KEY_KINDS = ['data', 'blind-index'] as const;
export type TenantKeyKind = (typeof TENANT_KEY_KINDS)[number];

/**
 * Per-tenant keys, wrapped (AES-256-GCM) by a master key. `version` grows when a tenant's key of a
 * kind is replaced; old versions stay to decrypt old ciphertexts. Rotating the master key re-wraps
 * every row in place (`master_key_id` tells which master key wraps it now).
 */
export const tenantDataKeys = pgTable(
  'tenant_data_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    kind: text('kind').$type<TenantKeyKind>().notNull().default('data'),
    version: integer('version').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    masterKeyId: text('master_key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind, t.version] }),
    check('tenant_data_keys_kind_check', sql`${t.kind} IN ('data', 'blind-index')`),
  ],
);
