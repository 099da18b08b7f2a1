import type { OrderStatus, ReturnReasonCode } from '@boveda/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/bytea.js';
import { tenants } from '../tenants/tenants.schema.js';

export type ReturnStatus = 'none' | 'partially_returned' | 'returned';
export type LinkedInvoiceStatus = 'draft' | 'stamping' | 'stamped' | 'failed';

/**
 * A client of the organization. Email, phone and address are personal data: sealed columns
 * (platform SecretBox, AAD = `column:clients.<column>:<id>`), never in clear; the email's keyed
 * blind index makes it unique per organization (normalized: trimmed, lower-case) and findable.
 * Name, RFC and the fiscal data stay in clear: lists, search and invoicing need them.
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    rfc: text('rfc'),
    email: bytea('email').notNull(),
    emailIndex: bytea('email_index').notNull(),
    phone: bytea('phone'),
    address: bytea('address'),
    fiscalRegime: text('fiscal_regime'),
    postalCode: text('postal_code'),
    cfdiUse: text('cfdi_use'),
    /** Kept by the order writes in their transaction, so a list never counts. */
    orderCount: integer('order_count').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('clients_email_index_uq').on(t.tenantId, t.emailIndex),
    index('clients_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('clients_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

/** One line of an order as stored (jsonb): what was ordered and where its units are. */
export interface StoredLine {
  sku: string;
  description: string;
  quantity: number;
  unitPrice: string;
  taxes: { type: 'IVA' | 'IEPS' | 'ISR'; rate: string | null; exempt: boolean; withheld: boolean }[];
  productCode: string;
  unitCode: string;
  shippedQuantity: number;
  returnedQuantity: number;
}

/** How the order was invoiced: what its credit notes repeat (issuer, receptor, payment form). */
export interface InvoicingTerms {
  issuerRfc: string;
  formaPago: string;
  metodoPago: 'PUE' | 'PPD';
  serie?: string;
  receptor: { rfc: string; nombre: string; regimenFiscal: string; codigoPostal: string; usoCfdi: string };
}

export const ORDER_STATUSES_SQL = sql.raw(
  `'received','picking','packing','shipped','delivered','returned','cancelled'`,
);

/**
 * An order: unique number per organization (any case), its client, its lines (jsonb: they are read
 * and written with the order, under its row lock) and the status the transition table allows.
 * Amounts are exact numerics computed from the lines as the PAC computes a CFDI.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    status: text('status').$type<OrderStatus>().notNull().default('received'),
    returnStatus: text('return_status').$type<ReturnStatus>().notNull().default('none'),
    lines: jsonb('lines').$type<StoredLine[]>().notNull(),
    subtotal: numeric('subtotal', { precision: 18, scale: 2 }).notNull(),
    taxes: numeric('taxes', { precision: 18, scale: 2 }).notNull(),
    withheld: numeric('withheld', { precision: 18, scale: 2 }).notNull(),
    total: numeric('total', { precision: 18, scale: 2 }).notNull(),
    returnedTotal: numeric('returned_total', { precision: 18, scale: 2 }).notNull().default('0'),
    notes: text('notes'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    cancelReason: text('cancel_reason'),
    invoiceId: uuid('invoice_id'),
    invoiceUuid: text('invoice_uuid'),
    invoiceStatus: text('invoice_status').$type<LinkedInvoiceStatus>(),
    invoicing: jsonb('invoicing').$type<InvoicingTerms>(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Returns so far: the next one is `<number>-D<returnCount + 1>`. */
    returnCount: integer('return_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.tenantId, sql`lower(${t.number})`),
    index('orders_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('orders_tenant_status_idx').on(t.tenantId, t.status, t.createdAt, t.id),
    index('orders_client_idx').on(t.tenantId, t.clientId, t.createdAt, t.id),
    index('orders_invoice_idx').on(t.invoiceId),
    check('orders_status_ck', sql`${t.status} in (${ORDER_STATUSES_SQL})`),
    check('orders_return_status_ck', sql`${t.returnStatus} in ('none','partially_returned','returned')`),
    // Terminal and dated states carry their date; a returned order has its return mark.
    check('orders_cancelled_at_ck', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check(
      'orders_returned_ck',
      sql`${t.status} <> 'returned' or (${t.returnStatus} = 'returned' and ${t.returnedAt} is not null)`,
    ),
  ],
);

/** Every status change of an order, who made it and why: the order's own history. */
export const orderTransitions = pgTable(
  'order_transitions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<OrderStatus>(),
    toStatus: text('to_status').$type<OrderStatus>().notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    note: text('note'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_transitions_order_idx').on(t.orderId, t.id)],
);

export interface StoredReturnItem {
  sku: string;
  description: string;
  quantity: number;
  receivedQuantity: number;
  damagedQuantity: number;
  total: string;
}

/** A return: units of a shipped order that came back, why, and the credit note that answers it. */
export const orderReturns = pgTable(
  'order_returns',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    number: text('number').notNull(),
    reasonCode: text('reason_code').$type<ReturnReasonCode>().notNull(),
    note: text('note').notNull(),
    items: jsonb('items').$type<StoredReturnItem[]>().notNull(),
    total: numeric('total', { precision: 18, scale: 2 }).notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    creditNoteInvoiceId: uuid('credit_note_invoice_id'),
    creditNoteUuid: text('credit_note_uuid'),
    creditNoteStatus: text('credit_note_status').$type<LinkedInvoiceStatus>(),
    /** The order's invoice is not stamped yet: the credit note is issued when it is. */
    creditNotePending: boolean('credit_note_pending').notNull().default(false),
  },
  (t) => [
    uniqueIndex('order_returns_number_uq').on(t.tenantId, t.number),
    index('order_returns_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('order_returns_order_idx').on(t.orderId, t.createdAt),
    index('order_returns_credit_note_idx').on(t.creditNoteInvoiceId),
    check('order_returns_note_ck', sql`length(trim(${t.note})) > 0`),
  ],
);
