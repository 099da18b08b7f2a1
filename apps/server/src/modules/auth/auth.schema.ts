import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/index.js';
import { roleEnum, tenants, users } from '../tenants/tenants.schema.js';

/** Web sessions. Only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** API keys `bov_live_<prefix>_<secret>`: the prefix is shown, only the SHA-256 of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    role: roleEnum('role').notNull(),
    /**
     * Powers beyond the role (`pac:token`), for internal services, and resource scopes
     * (`orders:read`…) that restrict the key to the routes declaring them.
     */
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The signing secret `bsk_…` of signed requests, sealed by the SecretBox
     * (`column:api_keys.signing_secret:<id>`). NULL for keys made before signed requests existed
     * until one is rotated in. The version rises on each rotation: caches of the opened secret are
     * keyed by it, so a rotated secret stops working at once in every process (ADR 0017).
     */
    signingSecret: bytea('signing_secret'),
    signingSecretVersion: integer('signing_secret_version').notNull().default(0),
    signingSecretCreatedAt: timestamp('signing_secret_created_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);
