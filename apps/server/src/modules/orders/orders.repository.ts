import type { OrderStatus, ReturnReasonCode } from '@boveda/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { clients, orderReturns, orders, orderTransitions } from './orders.schema.js';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type ReturnRow = typeof orderReturns.$inferSelect;
export type TransitionRow = typeof orderTransitions.$inferSelect;
type Page = { limit: number; after?: { createdAt: Date; id: string } };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const clientOf = { id: clients.id, name: clients.name, rfc: clients.rfc };

export function createOrdersRepository(db: Db) {
  return {
    /** Null when the number (any case) is taken in the tenant. */
    async insert(row: NewOrder): Promise<OrderRow | null> {
      const [created] = await db.insert(orders).values(row).onConflictDoNothing().returning();
      return created ?? null;
    },
    async byNumber(tenantId: string, number: string, opts: { forUpdate?: boolean } = {}) {
      const q = db
        .select()
        .from(orders)
        .where(and(eq(orders.tenantId, tenantId), sql`lower(${orders.number}) = lower(${number})`));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row ?? null;
    },
    async byId(tenantId: string, id: string, opts: { forUpdate?: boolean } = {}) {
      const q = db
        .select()
        .from(orders)
        .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id)));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row ?? null;
    },
    async byInvoice(tenantId: string, invoiceId: string) {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.tenantId, tenantId), eq(orders.invoiceId, invoiceId)))
        .for('update');
      return row ?? null;
    },
    async update(id: string, patch: Partial<NewOrder>) {
      const [row] = await db
        .update(orders)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(orders.id, id))
        .returning();
      return row!;
    },
    async delete(id: string) {
      await db.delete(orders).where(eq(orders.id, id));
    },
    /** Newest first, each with its client's name (one indexed join, no decryption). */
    async list(
      tenantId: string,
      filter: { status?: OrderStatus; clientId?: string; q?: string },
      page: Page,
    ) {
      return db
        .select({ order: orders, client: clientOf })
        .from(orders)
        .innerJoin(clients, eq(clients.id, orders.clientId))
        .where(
          and(
            eq(orders.tenantId, tenantId),
            filter.status ? eq(orders.status, filter.status) : undefined,
            filter.clientId ? eq(orders.clientId, filter.clientId) : undefined,
            filter.q
              ? sql`lower(${orders.number}) like ${`${escapeLike(filter.q.toLowerCase())}%`}`
              : undefined,
            olderThan(orders.createdAt, orders.id, page.after),
          ),
        )
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(page.limit);
    },
    async clientSummary(clientId: string) {
      const [row] = await db.select(clientOf).from(clients).where(eq(clients.id, clientId));
      return row!;
    },

    async addTransition(row: typeof orderTransitions.$inferInsert) {
      await db.insert(orderTransitions).values(row);
    },
    history(orderId: string) {
      return db
        .select()
        .from(orderTransitions)
        .where(eq(orderTransitions.orderId, orderId))
        .orderBy(asc(orderTransitions.id));
    },

    async insertReturn(row: typeof orderReturns.$inferInsert) {
      const [created] = await db.insert(orderReturns).values(row).returning();
      return created!;
    },
    async updateReturn(id: string, patch: Partial<typeof orderReturns.$inferInsert>) {
      const [row] = await db.update(orderReturns).set(patch).where(eq(orderReturns.id, id)).returning();
      return row!;
    },
    returnsOf(orderId: string) {
      return db
        .select()
        .from(orderReturns)
        .where(eq(orderReturns.orderId, orderId))
        .orderBy(asc(orderReturns.createdAt));
    },
    async returnByCreditNote(tenantId: string, invoiceId: string) {
      const [row] = await db
        .select()
        .from(orderReturns)
        .where(and(eq(orderReturns.tenantId, tenantId), eq(orderReturns.creditNoteInvoiceId, invoiceId)))
        .for('update');
      return row ?? null;
    },
    /** Newest first, with the order's number and the client. */
    listReturns(
      tenantId: string,
      filter: { reasonCode?: ReturnReasonCode; clientId?: string; orderId?: string },
      page: Page,
    ) {
      return db
        .select({ ret: orderReturns, orderNumber: orders.number, client: clientOf })
        .from(orderReturns)
        .innerJoin(orders, eq(orders.id, orderReturns.orderId))
        .innerJoin(clients, eq(clients.id, orders.clientId))
        .where(
          and(
            eq(orderReturns.tenantId, tenantId),
            filter.reasonCode ? eq(orderReturns.reasonCode, filter.reasonCode) : undefined,
            filter.clientId ? eq(orders.clientId, filter.clientId) : undefined,
            filter.orderId ? eq(orderReturns.orderId, filter.orderId) : undefined,
            olderThan(orderReturns.createdAt, orderReturns.id, page.after),
          ),
        )
        .orderBy(desc(orderReturns.createdAt), desc(orderReturns.id))
        .limit(page.limit);
    },
  };
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
