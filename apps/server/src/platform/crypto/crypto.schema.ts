import { customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Per-tenant data keys, wrapped (AES-256-GCM) by a master key. `version` grows when a tenant's
 * data key is replaced; old versions stay to decrypt old ciphertexts. Rotating the master key
 * re-wraps every row in place (`master_key_id` tells which master key wraps it now).
 */
export const tenantDataKeys = pgTable(
  'tenant_data_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    version: integer('version').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    masterKeyId: text('master_key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);
