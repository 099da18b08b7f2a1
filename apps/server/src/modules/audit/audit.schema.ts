import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/index.js';

/**
 * Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE. No foreign keys, so
 * the trail outlives the users, keys and tenants it mentions.
 *
 * Hash chain (ADR 0016): each row written since the chain began has its position in its tenant's
 * chain (`seq`, from 1), the previous row's hash and its own:
 * `hash = sha256(prev_hash ‖ canonical JSON of the row)` (see `audit-chain.ts`). Rows written before
 * have all three null ("unchained"); they are never backfilled.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null for events outside any tenant (a failed login for an unknown email). */
    tenantId: uuid('tenant_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** Set by the app (whole milliseconds), since it is hashed; the default serves old writers. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seq: bigint('seq', { mode: 'number' }),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash'),
  },
  (t) => [
    index('audit_events_tenant_idx').on(t.tenantId, t.id),
    // Verification walks a chain in seq order; unique also refuses two rows at one position of a
    // tenant's chain (NULL tenants are distinct here: the global chain relies on its head's lock).
    uniqueIndex('audit_events_chain_seq_uq').on(t.tenantId, t.seq),
  ],
);

/**
 * One row per chain: `tenant:<uuid>`, or `global` for events without a tenant. `record()` locks it
 * FOR UPDATE, so writers of one chain serialize across processes; it also remembers the last
 * position and hash, which is how a deleted tail is noticed.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chainKey: text('chain_key').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
});
