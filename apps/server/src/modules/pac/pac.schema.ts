import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/bytea.js';
import { tenants } from '../tenants/tenants.schema.js';

export type PacEnvironment = 'sandbox' | 'production';

/**
 * An organization's own PAC account (one per organization; without it the instance's FACTURIFY_*
 * account is used). Key and secret are sealed; `key_hash` (SHA-256 of the key) names the shared
 * token cache without revealing the key; `key_hint` is its last 4 characters for the page.
 */
export const pacAccounts = pgTable('pac_accounts', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  provider: text('provider').$type<'facturify'>().notNull().default('facturify'),
  environment: text('environment').$type<PacEnvironment>().notNull(),
  apiKey: bytea('api_key').notNull(),
  apiSecret: bytea('api_secret').notNull(),
  keyHash: text('key_hash').notNull(),
  keyHint: text('key_hint').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
