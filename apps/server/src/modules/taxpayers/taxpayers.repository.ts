import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { type TaxpayerRow, taxpayers } from './taxpayers.schema.js';

export type NewTaxpayer = Omit<TaxpayerRow, 'status' | 'createdAt' | 'removedAt'>;

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';

export function createTaxpayersRepository(db: Db) {
  const active = (tenantId: string, rfc: string) =>
    and(eq(taxpayers.tenantId, tenantId), eq(taxpayers.rfc, rfc), eq(taxpayers.status, 'active'));

  return {
    /**
     * Inserts the row, then runs `afterInsert` (writing the encrypted objects) in the same
     * transaction: if the objects cannot be written the row never becomes visible. Returns
     * undefined when an active taxpayer with that RFC already exists.
     */
    async insertWith(row: NewTaxpayer, afterInsert: () => Promise<void>): Promise<TaxpayerRow | undefined> {
      try {
        return await db.transaction(async (tx) => {
          const [inserted] = await tx.insert(taxpayers).values(row).returning();
          await afterInsert();
          return inserted!;
        });
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    async findActive(tenantId: string, rfc: string): Promise<TaxpayerRow | undefined> {
      const [row] = await db.select().from(taxpayers).where(active(tenantId, rfc));
      return row;
    },
    async list(tenantId: string, includeRemoved: boolean): Promise<TaxpayerRow[]> {
      const where = includeRemoved
        ? eq(taxpayers.tenantId, tenantId)
        : and(eq(taxpayers.tenantId, tenantId), eq(taxpayers.status, 'active'));
      return db.select().from(taxpayers).where(where).orderBy(asc(taxpayers.rfc), asc(taxpayers.createdAt));
    },
    async listAllActive() {
      return db
        .select({ tenantId: taxpayers.tenantId, rfc: taxpayers.rfc, taxpayerId: taxpayers.id })
        .from(taxpayers)
        .where(eq(taxpayers.status, 'active'))
        .orderBy(asc(taxpayers.tenantId), asc(taxpayers.rfc));
    },
    /**
     * Locks the active row, runs `erase` (deleting the objects), then marks it removed. Concurrent
     * removals of the same taxpayer wait on the lock and then find nothing to remove.
     */
    async removeWith(tenantId: string, rfc: string, erase: (row: TaxpayerRow) => Promise<void>, at: Date) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(taxpayers).where(active(tenantId, rfc)).for('update');
        if (!row) return undefined;
        await erase(row);
        const [removed] = await tx
          .update(taxpayers)
          .set({ status: 'removed', removedAt: at })
          .where(eq(taxpayers.id, row.id))
          .returning();
        return removed!;
      });
    },
  };
}

export type TaxpayersRepository = ReturnType<typeof createTaxpayersRepository>;
