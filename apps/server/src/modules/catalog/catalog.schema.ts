import type { CatalogKind } from '@boveda/contracts';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../tenants/tenants.schema.js';

/**
 * The organization's accounting catalogue: expense categories and accounting accounts. The code is
 * the identity invoices, exports and ERPs carry, so it never changes; an entry no longer used is
 * deactivated (kept for the invoices that name it), never deleted.
 */
export const catalogEntries = pgTable(
  'catalog_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CatalogKind>().notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The code of the entry above it (an account's parent account), when the firm keeps a tree. */
    parentCode: text('parent_code'),
    /** The SAT's código agrupador (Anexo 24 of the RMF), for accounts. */
    satCode: text('sat_code'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('catalog_entries_tenant_kind_code_idx').on(t.tenantId, t.kind, t.code),
    index('catalog_entries_tenant_active_idx').on(t.tenantId, t.active),
  ],
);
