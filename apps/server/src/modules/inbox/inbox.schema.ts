import type { InvoiceConcepto, InvoicePreview, InvoiceStatus, InvoiceTax } from '@boveda/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { tenants } from '../tenants/tenants.schema.js';

/** What a person confirmed: flat header values, taxes and conceptos. */
export interface InvoiceFinalData {
  fields: Record<string, string | null>;
  taxes: InvoiceTax[];
  conceptos: InvoiceConcepto[];
}

/** The SAT status service's answer, as the API shows it. */
export interface InvoiceSatStatusValue {
  estado: 'vigente' | 'cancelado' | 'no_encontrado';
  cancelable: string | null;
  cancellationStatus: string | null;
  efosListed: boolean;
  checkedAt: string;
}

/**
 * One invoice of the inbox, from upload to a person's decision. The header columns (uuid, RFCs,
 * total…) mirror the preview, then the final data, so the list filters and sorts in SQL.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    status: text('status').$type<InvoiceStatus>().notNull(),
    /** Starts at 1, +1 on every change: edits and decisions send it back (lost-update guard). */
    version: integer('version').notNull().default(1),
    fileName: text('file_name').notNull(),
    extraction: text('extraction').$type<'xml' | 'pdf-text' | 'pdf-image' | 'image'>(),
    preview: jsonb('preview').$type<InvoicePreview>(),
    finalData: jsonb('final_data').$type<InvoiceFinalData>(),
    uuid: text('uuid'),
    serie: text('serie'),
    folio: text('folio'),
    fecha: text('fecha'),
    emisorRfc: text('emisor_rfc'),
    emisorNombre: text('emisor_nombre'),
    receptorRfc: text('receptor_rfc'),
    receptorNombre: text('receptor_nombre'),
    total: numeric('total', { precision: 24, scale: 6 }),
    moneda: text('moneda'),
    direction: text('direction').$type<'issued' | 'received'>(),
    /** Codes of the organization's catalogue (the catalog module) a person chose; not foreign keys: an entry is deactivated, never deleted. */
    categoryCode: text('category_code'),
    accountCode: text('account_code'),
    /** Every field source present in the preview (filter "has OCR values", "edited by a person"). */
    sources: text('sources').array().notNull().default(sql`'{}'::text[]`),
    lowConfidenceFields: text('low_confidence_fields').array().notNull().default(sql`'{}'::text[]`),
    inVault: boolean('in_vault').notNull().default(false),
    duplicateOf: uuid('duplicate_of'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    rejectionReason: text('rejection_reason'),
    satStatus: jsonb('sat_status').$type<InvoiceSatStatusValue>(),
    attempts: integer('attempts').notNull().default(0),
    createdBy: text('created_by').notNull(),
    processedBy: text('processed_by'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    registeredInVaultAt: timestamp('registered_in_vault_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoices_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('invoices_tenant_status_idx').on(t.tenantId, t.status),
    index('invoices_tenant_uuid_idx').on(t.tenantId, t.uuid),
    // What people confirmed for a supplier, newest first: the suggestions' evidence.
    index('invoices_tenant_emisor_processed_idx').on(t.tenantId, t.emisorRfc, t.processedAt.desc()),
  ],
);

/** The files of an invoice: one, or the XML and PDF of the same CFDI uploaded together. */
export const invoiceFiles = pgTable(
  'invoice_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'xml' | 'pdf' | 'image'>().notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoice_files_invoice_idx').on(t.invoiceId),
    // The same bytes are one invoice per organization: a second upload answers with the first.
    uniqueIndex('invoice_files_tenant_sha_idx').on(t.tenantId, t.sha256),
  ],
);

/** Who changed which value of the preview, when: the validation trail. */
export const invoiceEdits = pgTable(
  'invoice_edits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invoice_edits_invoice_idx').on(t.invoiceId, t.at)],
);
