import { and, desc, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { clients } from './orders.schema.js';

export type ClientRow = typeof clients.$inferSelect;
export type NewClient = typeof clients.$inferInsert;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createClientsRepository(db: Db) {
  return {
    /** Null when the email's index is taken in the tenant (concurrent creations: one wins). */
    async insert(row: NewClient): Promise<ClientRow | null> {
      const [created] = await db
        .insert(clients)
        .values(row)
        .onConflictDoNothing({ target: [clients.tenantId, clients.emailIndex] })
        .returning();
      return created ?? null;
    },
    async get(tenantId: string, id: string, opts: { forUpdate?: boolean } = {}) {
      const q = db
        .select()
        .from(clients)
        .where(and(eq(clients.tenantId, tenantId), eq(clients.id, id)));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row ?? null;
    },
    async byEmailIndex(tenantId: string, emailIndex: Buffer) {
      const [row] = await db
        .select()
        .from(clients)
        .where(and(eq(clients.tenantId, tenantId), eq(clients.emailIndex, emailIndex)));
      return row ?? null;
    },
    async update(tenantId: string, id: string, patch: Partial<NewClient>) {
      const [row] = await db
        .update(clients)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(clients.tenantId, tenantId), eq(clients.id, id)))
        .returning();
      return row ?? null;
    },
    async delete(tenantId: string, id: string) {
      const rows = await db
        .delete(clients)
        .where(and(eq(clients.tenantId, tenantId), eq(clients.id, id), eq(clients.orderCount, 0)))
        .returning({ id: clients.id });
      return rows.length > 0;
    },
    async addOrders(tenantId: string, id: string, delta: number) {
      await db
        .update(clients)
        .set({ orderCount: sql`${clients.orderCount} + ${delta}` })
        .where(and(eq(clients.tenantId, tenantId), eq(clients.id, id)));
    },
    /** Newest first; `q` matches words of the name or the RFC; `emailIndex` is an exact lookup. */
    async list(
      tenantId: string,
      filter: { q?: string; emailIndex?: Buffer; archived: 'true' | 'false' | 'all' },
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ) {
      const q = filter.q?.trim();
      return db
        .select()
        .from(clients)
        .where(
          and(
            eq(clients.tenantId, tenantId),
            filter.archived === 'all'
              ? undefined
              : filter.archived === 'true'
                ? isNotNull(clients.archivedAt)
                : isNull(clients.archivedAt),
            filter.emailIndex ? eq(clients.emailIndex, filter.emailIndex) : undefined,
            q ? or(ilike(clients.name, `%${escapeLike(q)}%`), eq(clients.rfc, q.toUpperCase())) : undefined,
            olderThan(clients.createdAt, clients.id, page.after),
          ),
        )
        .orderBy(desc(clients.createdAt), desc(clients.id))
        .limit(page.limit);
    },
  };
}

export type ClientsRepository = ReturnType<typeof createClientsRepository>;
