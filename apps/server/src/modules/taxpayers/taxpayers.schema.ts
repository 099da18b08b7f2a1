import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../tenants/tenants.schema.js';

export const taxpayerStatusEnum = pgEnum('taxpayer_status', ['active', 'removed']);

/**
 * A client of the firm whose CFDI Bóveda downloads, identified by the RFC in its e.firma.
 * The e.firma itself (certificate, key, password) lives encrypted in object storage, never here;
 * a removed taxpayer keeps its row (a tombstone) so requests and packages stay linked to it.
 */
export const taxpayers = pgTable(
  'taxpayers',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    rfc: text('rfc').notNull(),
    legalName: text('legal_name').notNull(),
    /** SAT "número de certificado": the 20 ASCII digits of the X.509 serial. */
    certificateSerial: text('certificate_serial').notNull(),
    /** Hex sha256 of the DER certificate (public data), to recognise a re-upload. */
    certificateSha256: text('certificate_sha256').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    status: taxpayerStatusEnum('status').notNull().default('active'),
    /** The smallest expiry threshold (30, 7, 1 days) already announced; null before the first. */
    expiryAnnouncedDays: integer('expiry_announced_days'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('taxpayers_tenant_rfc_active_idx').on(t.tenantId, t.rfc).where(sql`${t.status} = 'active'`),
    index('taxpayers_tenant_idx').on(t.tenantId),
  ],
);

export type TaxpayerRow = typeof taxpayers.$inferSelect;
