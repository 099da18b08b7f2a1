import type { FieldSource, InvoiceStatus } from '@boveda/contracts';
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { invoiceEdits, invoiceFiles, invoices } from './inbox.schema.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceFileRow = typeof invoiceFiles.$inferSelect;
export type InvoiceEditRow = typeof invoiceEdits.$inferSelect;
export type NewInvoiceFile = typeof invoiceFiles.$inferInsert;

export interface InvoiceFilters {
  status?: InvoiceStatus;
  /** Upload day range, inclusive, as UTC instants [from, toExclusive). */
  createdFrom?: Date;
  createdBefore?: Date;
  rfc?: string;
  minTotal?: string;
  maxTotal?: string;
  extraction?: InvoiceRow['extraction'];
  source?: FieldSource;
  q?: string;
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(tenantId: string, f: InvoiceFilters): SQL[] {
  const where: SQL[] = [eq(invoices.tenantId, tenantId)];
  if (f.status) where.push(eq(invoices.status, f.status));
  if (f.createdFrom) where.push(gte(invoices.createdAt, f.createdFrom));
  if (f.createdBefore) where.push(lt(invoices.createdAt, f.createdBefore));
  if (f.rfc) where.push(or(eq(invoices.emisorRfc, f.rfc), eq(invoices.receptorRfc, f.rfc))!);
  if (f.minTotal) where.push(gte(invoices.total, f.minTotal));
  if (f.maxTotal) where.push(lte(invoices.total, f.maxTotal));
  if (f.extraction) where.push(eq(invoices.extraction, f.extraction));
  if (f.source) where.push(sql`${f.source} = ANY(${invoices.sources})`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(
      sql`(${invoices.emisorNombre} ILIKE ${like} OR ${invoices.receptorNombre} ILIKE ${like}
        OR ${invoices.folio} ILIKE ${like} OR ${invoices.uuid} ILIKE ${like} OR ${invoices.fileName} ILIKE ${like})`,
    );
  }
  return where;
}

/** The inbox's tables; every method on tenant data takes the tenant id. */
export function createInboxRepository(db: Db) {
  return {
    async insertInvoice(row: typeof invoices.$inferInsert): Promise<InvoiceRow> {
      const [created] = await db.insert(invoices).values(row).returning();
      return created!;
    },

    /** The files whose bytes are new to the organization; a known sha256 is skipped (returned empty). */
    async insertFiles(rows: NewInvoiceFile[]): Promise<InvoiceFileRow[]> {
      if (rows.length === 0) return [];
      return db.insert(invoiceFiles).values(rows).onConflictDoNothing().returning();
    },

    /** The invoice that already holds these bytes. */
    async invoiceOfSha(tenantId: string, sha256: string): Promise<InvoiceRow | null> {
      const [row] = await db
        .select({ invoice: invoices })
        .from(invoiceFiles)
        .innerJoin(invoices, eq(invoices.id, invoiceFiles.invoiceId))
        .where(and(eq(invoiceFiles.tenantId, tenantId), eq(invoiceFiles.sha256, sha256)))
        .limit(1);
      return row?.invoice ?? null;
    },

    async get(tenantId: string, id: string): Promise<InvoiceRow | null> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
      return row ?? null;
    },

    /** Locks the row for a change decided on its current state (call inside a transaction). */
    async lock(tenantId: string, id: string): Promise<InvoiceRow | null> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)))
        .for('update');
      return row ?? null;
    },

    /** Applies a change and bumps the version; the caller holds the row lock. */
    async update(id: string, patch: Partial<typeof invoices.$inferInsert>): Promise<InvoiceRow> {
      const [row] = await db
        .update(invoices)
        .set({ ...patch, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
        .where(eq(invoices.id, id))
        .returning();
      return row!;
    },

    /** What the SAT said about the CFDI: information beside the values, no version bump. */
    async setSatStatus(
      tenantId: string,
      id: string,
      satStatus: NonNullable<InvoiceRow['satStatus']>,
    ): Promise<InvoiceRow | null> {
      const [row] = await db
        .update(invoices)
        .set({ satStatus })
        .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)))
        .returning();
      return row ?? null;
    },

    /** Not a change a person made: no version bump, no event. */
    async markRegistered(tenantId: string, id: string): Promise<void> {
      await db
        .update(invoices)
        .set({ registeredInVaultAt: new Date(), inVault: true })
        .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
    },

    files(tenantId: string, invoiceId: string): Promise<InvoiceFileRow[]> {
      return db
        .select()
        .from(invoiceFiles)
        .where(and(eq(invoiceFiles.tenantId, tenantId), eq(invoiceFiles.invoiceId, invoiceId)))
        .orderBy(asc(invoiceFiles.createdAt), asc(invoiceFiles.kind));
    },

    edits(tenantId: string, invoiceId: string): Promise<InvoiceEditRow[]> {
      return db
        .select()
        .from(invoiceEdits)
        .where(and(eq(invoiceEdits.tenantId, tenantId), eq(invoiceEdits.invoiceId, invoiceId)))
        .orderBy(asc(invoiceEdits.at), asc(invoiceEdits.id));
    },

    /** Every invoice still being read, in every organization (the worker's start-up sweep). */
    async processingRefs(): Promise<{ tenantId: string; invoiceId: string }[]> {
      return db
        .select({ tenantId: invoices.tenantId, invoiceId: invoices.id })
        .from(invoices)
        .where(eq(invoices.status, 'processing'));
    },
    async insertEdits(rows: (typeof invoiceEdits.$inferInsert)[]): Promise<void> {
      if (rows.length > 0) await db.insert(invoiceEdits).values(rows);
    },

    /** Another live invoice of the organization with this UUID (the first one uploaded). */
    async otherWithUuid(tenantId: string, uuid: string, exceptId: string): Promise<InvoiceRow | null> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(
          and(
            eq(invoices.tenantId, tenantId),
            eq(invoices.uuid, uuid),
            ne(invoices.id, exceptId),
            notInArray(invoices.status, ['rejected', 'failed']),
          ),
        )
        .orderBy(asc(invoices.createdAt))
        .limit(1);
      return row ?? null;
    },

    async list(
      tenantId: string,
      f: InvoiceFilters,
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ): Promise<InvoiceRow[]> {
      const where = conditions(tenantId, f);
      if (page.after) {
        where.push(
          or(
            lt(invoices.createdAt, page.after.createdAt),
            and(eq(invoices.createdAt, page.after.createdAt), lt(invoices.id, page.after.id)),
          )!,
        );
      }
      return db
        .select()
        .from(invoices)
        .where(and(...where))
        .orderBy(desc(invoices.createdAt), desc(invoices.id))
        .limit(page.limit);
    },

    async counts(tenantId: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: invoices.status, n: sql<number>`count(*)::int` })
        .from(invoices)
        .where(eq(invoices.tenantId, tenantId))
        .groupBy(invoices.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },

    /** Processed invoices by processing time, oldest first (an ERP pulls forward from a cursor). */
    async processed(
      tenantId: string,
      range: { from?: Date; before?: Date },
      page: { limit: number; after?: { processedAt: Date; id: string } },
    ): Promise<InvoiceRow[]> {
      const where: SQL[] = [eq(invoices.tenantId, tenantId), eq(invoices.status, 'processed')];
      if (range.from) where.push(gte(invoices.processedAt, range.from));
      if (range.before) where.push(lt(invoices.processedAt, range.before));
      if (page.after) {
        where.push(
          or(
            sql`${invoices.processedAt} > ${page.after.processedAt.toISOString()}`,
            and(eq(invoices.processedAt, page.after.processedAt), sql`${invoices.id} > ${page.after.id}`),
          )!,
        );
      }
      return db
        .select()
        .from(invoices)
        .where(and(...where))
        .orderBy(asc(invoices.processedAt), asc(invoices.id))
        .limit(page.limit);
    },

    /** The supplier's processed invoices, newest confirmation first (what suggestions learn from). */
    async confirmedOfSupplier(tenantId: string, emisorRfc: string, limit: number): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(
          and(
            eq(invoices.tenantId, tenantId),
            eq(invoices.emisorRfc, emisorRfc),
            eq(invoices.status, 'processed'),
          ),
        )
        .orderBy(desc(invoices.processedAt), desc(invoices.id))
        .limit(limit);
    },

    async editsOf(tenantId: string, ids: string[]): Promise<InvoiceEditRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(invoiceEdits)
        .where(and(eq(invoiceEdits.tenantId, tenantId), inArray(invoiceEdits.invoiceId, ids)))
        .orderBy(asc(invoiceEdits.at), asc(invoiceEdits.id));
    },

    async filesOf(tenantId: string, ids: string[]): Promise<InvoiceFileRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(invoiceFiles)
        .where(and(eq(invoiceFiles.tenantId, tenantId), inArray(invoiceFiles.invoiceId, ids)));
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
