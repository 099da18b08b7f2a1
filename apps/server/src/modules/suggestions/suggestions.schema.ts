import type { SuggestionField, SuggestionKind } from '@boveda/contracts';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { invoices } from '../inbox/inbox.schema.js';
import { tenants } from '../tenants/tenants.schema.js';

/**
 * A suggestion offered on an invoice, and what a person did with it. Written the first time the
 * invoice's suggestions are read (that is when it is offered), so the counts measure what people
 * saw; a dismissed one stays, so it is not offered again on that invoice.
 */
export const invoiceSuggestions = pgTable(
  'invoice_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** The emisor RFC the evidence came from. */
    supplierRfc: text('supplier_rfc').notNull(),
    kind: text('kind').$type<SuggestionKind>().notNull(),
    field: text('field').$type<SuggestionField>().notNull(),
    value: text('value').notNull(),
    /** `rules` (confirmed invoices, offline) or `llm` (the optional model, marked as such). */
    source: text('source').$type<'rules' | 'llm'>().notNull().default('rules'),
    /** The model that proposed it (source `llm`): its evidence. */
    model: text('model'),
    matching: integer('matching').notNull(),
    of: integer('of').notNull(),
    status: text('status').$type<'offered' | 'accepted' | 'dismissed'>().notNull().default('offered'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One offer per invoice, field and value: reading again never counts it twice.
    uniqueIndex('invoice_suggestions_invoice_field_value_idx').on(t.invoiceId, t.field, t.value),
    index('invoice_suggestions_tenant_supplier_idx').on(t.tenantId, t.supplierRfc, t.field, t.value),
    index('invoice_suggestions_tenant_kind_idx').on(t.tenantId, t.kind, t.status),
  ],
);
