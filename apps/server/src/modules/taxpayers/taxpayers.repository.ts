import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { type TaxpayerRow, taxpayers } from './taxpayers.schema.js';

export type NewTaxpayer = Omit<TaxpayerRow, 'status' | 'createdAt' | 'removedAt' | 'expiryAnnouncedDays'>;

export function createTaxpayersRepository(db: Db) {
  const active = (tenantId: string, rfc: string) =>
    and(eq(taxpayers.tenantId, tenantId), eq(taxpayers.rfc, rfc), eq(taxpayers.status, 'active'));

  return {
    /**
     * Inserts the row, or answers undefined when an active taxpayer with that RFC exists. Inside a
     * transaction (the service's, which also stores the encrypted objects): a unique violation
     * aborts it, so the caller treats undefined as "roll back".
     */
    async insert(row: NewTaxpayer): Promise<TaxpayerRow | undefined> {
      const [inserted] = await db.insert(taxpayers).values(row).onConflictDoNothing().returning();
      return inserted;
    },
    async findActive(tenantId: string, rfc: string): Promise<TaxpayerRow | undefined> {
      const [row] = await db.select().from(taxpayers).where(active(tenantId, rfc));
      return row;
    },
    /** Active taxpayers of the organization (what a plan's `taxpayers` limit counts). */
    async countActive(tenantId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(taxpayers)
        .where(and(eq(taxpayers.tenantId, tenantId), eq(taxpayers.status, 'active')));
      return row?.n ?? 0;
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
    /** The active row, locked until the caller's transaction ends (removal, announcements). */
    async lockActive(tenantId: string, rfc: string): Promise<TaxpayerRow | undefined> {
      const [row] = await db.select().from(taxpayers).where(active(tenantId, rfc)).for('update');
      return row;
    },
    async markRemoved(id: string, at: Date): Promise<TaxpayerRow> {
      const [removed] = await db
        .update(taxpayers)
        .set({ status: 'removed', removedAt: at })
        .where(eq(taxpayers.id, id))
        .returning();
      return removed!;
    },
    /**
     * Active taxpayers of every tenant whose e.firma ends before `until` and whose last announced
     * threshold (if any) is above `threshold` days: the ones to announce for that threshold.
     */
    async expiringBefore(until: Date, threshold: number): Promise<TaxpayerRow[]> {
      return db
        .select()
        .from(taxpayers)
        .where(
          and(
            eq(taxpayers.status, 'active'),
            lt(taxpayers.validUntil, until),
            or(isNull(taxpayers.expiryAnnouncedDays), gt(taxpayers.expiryAnnouncedDays, threshold)),
          ),
        )
        .orderBy(asc(taxpayers.validUntil));
    },
    async setExpiryAnnounced(id: string, days: number): Promise<void> {
      await db.update(taxpayers).set({ expiryAnnouncedDays: days }).where(eq(taxpayers.id, id));
    },
  };
}

export type TaxpayersRepository = ReturnType<typeof createTaxpayersRepository>;
