import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../tenants/tenants.schema.js';
import { foldSql } from './name-fold.js';

// Money and rates as NUMERIC: exact, returned to JS as strings.
const money = (name: string) => numeric(name, { precision: 24, scale: 6 });
// CFDI dates are local Mexican time without a zone, exactly as written in the document.
const localTime = (name: string) => timestamp(name, { withTimezone: false, mode: 'string' });
// A name without case or accents, kept by PostgreSQL (name-fold.ts), for the search box and the
// counterpart filter. Not trigram-indexed: GIN trigram indexes on both names cut metadata ingestion
// from ~59,000 to ~21,000 rows/s (bench:ingest), for a search that already reads newest-first.
const folded = (column: string) => text(`${column}_folded`).generatedAlwaysAs(foldSql(sql.raw(column)));

/**
 * One row per CFDI (or Retenciones) per tenant, deduplicated by UUID. The original XML stays in
 * object storage (`source_object_key` + `source_entry`: the SAT package zip and its entry, or an
 * uploaded file); `document` is the full parsed JSON (stored as `json`: see docs/adr/0002).
 */
export const cfdiDocuments = pgTable(
  'cfdi_documents',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    uuid: uuid('uuid').notNull(),
    kind: text('kind').notNull(),
    version: text('version').notNull(),
    tipo: text('tipo'),
    serie: text('serie'),
    folio: text('folio'),
    issuedAt: localTime('issued_at'),
    certifiedAt: localTime('certified_at'),
    rfcPac: text('rfc_pac'),
    emisorRfc: text('emisor_rfc'),
    emisorNombre: text('emisor_nombre'),
    emisorNombreFolded: folded('emisor_nombre'),
    emisorRegimen: text('emisor_regimen'),
    receptorRfc: text('receptor_rfc'),
    receptorNombre: text('receptor_nombre'),
    receptorNombreFolded: folded('receptor_nombre'),
    receptorRegimen: text('receptor_regimen'),
    receptorUsoCfdi: text('receptor_uso_cfdi'),
    receptorDomicilio: text('receptor_domicilio'),
    moneda: text('moneda'),
    tipoCambio: money('tipo_cambio'),
    subtotal: money('subtotal'),
    descuento: money('descuento'),
    total: money('total'),
    trasladosIsr: money('traslados_isr'),
    trasladosIva: money('traslados_iva'),
    trasladosIeps: money('traslados_ieps'),
    retencionesIsr: money('retenciones_isr'),
    retencionesIva: money('retenciones_iva'),
    retencionesIeps: money('retenciones_ieps'),
    metodoPago: text('metodo_pago'),
    formaPago: text('forma_pago'),
    complementos: text('complementos').array().notNull().default(sql`'{}'::text[]`),
    related: jsonb('related').$type<{ tipoRelacion: string | null; uuids: string[] }[]>(),
    payments: jsonb('payments').$type<unknown[]>(),
    nomina: jsonb('nomina').$type<Record<string, unknown>>(),
    /** 'vigente' | 'cancelado' from metadata; 'unknown' until metadata says. */
    status: text('status').notNull().default('unknown'),
    cancelledAt: localTime('cancelled_at'),
    // json, not jsonb: only ever returned whole (queries use the normalized columns), so PostgreSQL
    // validates the text and stores it as is instead of converting it (docs/adr/0002).
    document: json('document').notNull(),
    sourceObjectKey: text('source_object_key'),
    sourceEntry: text('source_entry'),
    ingestionId: uuid('ingestion_id'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.uuid] }),
    index('cfdi_documents_emisor_idx').on(t.tenantId, t.emisorRfc, t.issuedAt),
    index('cfdi_documents_receptor_idx').on(t.tenantId, t.receptorRfc, t.issuedAt),
    index('cfdi_documents_issued_idx').on(t.tenantId, t.issuedAt),
    // Sorting a whole tenant by amount (explorer "Total, mayor primero", exports) without a sort.
    index('cfdi_documents_total_idx').on(t.tenantId, t.total),
    // The search box's serie-folio: the folio is exact, the serie is checked on the few rows found.
    index('cfdi_documents_folio_idx').on(t.tenantId, t.folio),
  ],
);

/**
 * One row per metadata line (SAT Metadata packages), deduplicated by UUID per tenant.
 * `tenant_id` has no row-level foreign key: each upsert batch checks and locks its tenant once
 * (`FOR KEY SHARE`), and deleting a tenant deletes its rows by trigger (migration 0010, ADR 0004).
 */
export const cfdiMetadata = pgTable(
  'cfdi_metadata',
  {
    tenantId: uuid('tenant_id').notNull(),
    uuid: uuid('uuid').notNull(),
    emisorRfc: text('emisor_rfc'),
    emisorNombre: text('emisor_nombre'),
    emisorNombreFolded: folded('emisor_nombre'),
    receptorRfc: text('receptor_rfc'),
    receptorNombre: text('receptor_nombre'),
    receptorNombreFolded: folded('receptor_nombre'),
    rfcPac: text('rfc_pac'),
    issuedAt: localTime('issued_at'),
    certifiedAt: localTime('certified_at'),
    monto: money('monto'),
    efecto: text('efecto'),
    status: text('status').notNull(),
    cancelledAt: localTime('cancelled_at'),
    terceroRfc: text('tercero_rfc'),
    terceroNombre: text('tercero_nombre'),
    extras: jsonb('extras').$type<Record<string, string>>(),
    ingestionId: uuid('ingestion_id'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.uuid] }),
    index('cfdi_metadata_emisor_idx').on(t.tenantId, t.emisorRfc, t.issuedAt),
    index('cfdi_metadata_receptor_idx').on(t.tenantId, t.receptorRfc, t.issuedAt),
  ],
);

/** One row per ingested package or upload batch: what was read, stored, skipped and why. */
export const cfdiIngestions = pgTable(
  'cfdi_ingestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** 'cfdi' | 'metadata' */
    kind: text('kind').notNull(),
    sourceObjectKey: text('source_object_key').notNull(),
    /** The sat_packages row this came from, when it came from the SAT. */
    satPackageId: uuid('sat_package_id'),
    /** running | completed | failed */
    state: text('state').notNull().default('running'),
    read: integer('read').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    skippedEntries: integer('skipped_entries').notNull().default(0),
    /** First rejections with their reasons (file name, code), capped. */
    rejections: jsonb('rejections').$type<{ file: string; code: string; reason: string }[]>(),
    error: text('error'),
    durationMs: bigint('duration_ms', { mode: 'number' }),
    complete: boolean('complete').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('cfdi_ingestions_source_idx').on(t.tenantId, t.sourceObjectKey)],
);
