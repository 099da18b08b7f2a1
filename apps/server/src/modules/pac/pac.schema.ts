import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

export type PacInvoiceStatus = 'draft' | 'stamping' | 'stamped' | 'failed';
export type CancellationStatus = 'none' | 'requested' | 'pending' | 'accepted' | 'rejected' | 'expired';

/**
 * An invoice issued through the PAC. `request` is the validated body and `amounts` what Bóveda
 * computed (both frozen: a retry sends the same invoice); `fecha` is fixed at creation so a lookup
 * after a lost answer can recognise it at the PAC. Stamped XML and PDF live in object storage.
 */
export const pacInvoices = pgTable(
  'pac_invoices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    status: text('status').$type<PacInvoiceStatus>().notNull().default('draft'),
    tipo: text('tipo').$type<'I' | 'E'>().notNull(),
    issuerRfc: text('issuer_rfc').notNull(),
    receptorRfc: text('receptor_rfc').notNull(),
    receptorNombre: text('receptor_nombre').notNull(),
    /** Local date-time sent as `factura.fecha` (America/Mexico_City), `YYYY-MM-DD HH:mm:ss`. */
    fecha: text('fecha').notNull(),
    moneda: text('moneda').notNull(),
    request: jsonb('request').notNull(),
    amounts: jsonb('amounts').$type<Record<string, string>>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The PAC's job id while stamping asynchronously (code 70). */
    pacJobId: text('pac_job_id'),
    uuid: text('uuid'),
    serie: text('serie'),
    folio: text('folio'),
    xmlKey: text('xml_key'),
    pdfKey: text('pdf_key'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    cancellationStatus: text('cancellation_status').$type<CancellationStatus>().notNull().default('none'),
    cancelMotivo: text('cancel_motivo'),
    cancelSubstitute: text('cancel_substitute'),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    cancelResolvedAt: timestamp('cancel_resolved_at', { withTimezone: true }),
    cancelError: text('cancel_error'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    stampedAt: timestamp('stamped_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pac_invoices_tenant_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('pac_invoices_uuid_uq').on(t.tenantId, t.uuid),
  ],
);
