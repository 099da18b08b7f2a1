import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { type PacInvoiceStatus, pacInvoices } from './pac.schema.js';

export type PacInvoiceRow = typeof pacInvoices.$inferSelect;
export type NewPacInvoice = typeof pacInvoices.$inferInsert;
export type PacInvoicePatch = Partial<Omit<NewPacInvoice, 'id' | 'tenantId' | 'createdAt'>>;

export function createPacInvoicesRepository(db: Db) {
  return {
    async insert(row: NewPacInvoice): Promise<PacInvoiceRow> {
      const [created] = await db.insert(pacInvoices).values(row).returning();
      return created!;
    },
    async get(tenantId: string, id: string): Promise<PacInvoiceRow | null> {
      const [row] = await db
        .select()
        .from(pacInvoices)
        .where(and(eq(pacInvoices.tenantId, tenantId), eq(pacInvoices.id, id)));
      return row ?? null;
    },
    async byUuid(tenantId: string, uuid: string): Promise<PacInvoiceRow | null> {
      const [row] = await db
        .select()
        .from(pacInvoices)
        .where(and(eq(pacInvoices.tenantId, tenantId), eq(pacInvoices.uuid, uuid.toUpperCase())));
      return row ?? null;
    },
    async byJob(tenantId: string, jobId: string): Promise<PacInvoiceRow | null> {
      const [row] = await db
        .select()
        .from(pacInvoices)
        .where(and(eq(pacInvoices.tenantId, tenantId), eq(pacInvoices.pacJobId, jobId)));
      return row ?? null;
    },
    /** Locked until the transaction ends: one job moves an invoice at a time. */
    async lock(tenantId: string, id: string): Promise<PacInvoiceRow | null> {
      const [row] = await db
        .select()
        .from(pacInvoices)
        .where(and(eq(pacInvoices.tenantId, tenantId), eq(pacInvoices.id, id)))
        .for('update');
      return row ?? null;
    },
    async list(
      tenantId: string,
      filter: { status?: PacInvoiceStatus },
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ) {
      const where = [eq(pacInvoices.tenantId, tenantId)];
      if (filter.status) where.push(eq(pacInvoices.status, filter.status));
      const older = olderThan(pacInvoices.createdAt, pacInvoices.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(pacInvoices)
        .where(and(...where))
        .orderBy(desc(pacInvoices.createdAt), desc(pacInvoices.id))
        .limit(page.limit);
    },
    async update(id: string, patch: PacInvoicePatch): Promise<PacInvoiceRow> {
      const [row] = await db
        .update(pacInvoices)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(pacInvoices.id, id))
        .returning();
      return row!;
    },
  };
}
