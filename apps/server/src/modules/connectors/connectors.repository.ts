import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { connectorCursors, connectors } from './connectors.schema.js';

export type ConnectorRow = typeof connectors.$inferSelect;
export type NewConnector = typeof connectors.$inferInsert;
export type ConnectorPatch = Partial<Omit<NewConnector, 'id' | 'tenantId' | 'createdAt'>>;

/** Connectors of an organization and their pull cursors; every method takes the tenant id. */
export function createConnectorsRepository(db: Db) {
  return {
    async insert(row: NewConnector): Promise<ConnectorRow> {
      const [created] = await db.insert(connectors).values(row).returning();
      return created!;
    },

    /** The organization's connectors (what a plan's `connectors` limit counts). */
    async count(tenantId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(connectors)
        .where(eq(connectors.tenantId, tenantId));
      return row?.n ?? 0;
    },

    async get(tenantId: string, id: string): Promise<ConnectorRow | null> {
      const [row] = await db
        .select()
        .from(connectors)
        .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, id)));
      return row ?? null;
    },

    /** The row locked until the transaction ends: runs of one connector never overlap. */
    async lock(tenantId: string, id: string): Promise<ConnectorRow | null> {
      const [row] = await db
        .select()
        .from(connectors)
        .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, id)))
        .for('update');
      return row ?? null;
    },

    /** Newest first, by (created_at, id). */
    async list(tenantId: string, page: { limit: number; after?: { createdAt: Date; id: string } }) {
      const where = [eq(connectors.tenantId, tenantId)];
      const older = olderThan(connectors.createdAt, connectors.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(connectors)
        .where(and(...where))
        .orderBy(desc(connectors.createdAt), desc(connectors.id))
        .limit(page.limit);
    },

    async listAll(tenantId: string): Promise<ConnectorRow[]> {
      return db.select().from(connectors).where(eq(connectors.tenantId, tenantId)).orderBy(connectors.name);
    },

    async update(tenantId: string, id: string, patch: ConnectorPatch): Promise<ConnectorRow | null> {
      const [row] = await db
        .update(connectors)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, id)))
        .returning();
      return row ?? null;
    },

    async delete(tenantId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(connectors)
        .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, id)))
        .returning({ id: connectors.id });
      return rows.length > 0;
    },

    async cursor(tenantId: string, connectorId: string, resource: string): Promise<string | null> {
      const [row] = await db
        .select({ value: connectorCursors.value })
        .from(connectorCursors)
        .where(
          and(
            eq(connectorCursors.tenantId, tenantId),
            eq(connectorCursors.connectorId, connectorId),
            eq(connectorCursors.resource, resource),
          ),
        );
      return row?.value ?? null;
    },

    /** Keeps the greater of the stored and the new value (ISO 8601 text of one API sorts as time). */
    async saveCursor(tenantId: string, connectorId: string, resource: string, value: string) {
      await db
        .insert(connectorCursors)
        .values({ tenantId, connectorId, resource, value })
        .onConflictDoUpdate({
          target: [connectorCursors.connectorId, connectorCursors.resource],
          set: {
            value: sql`GREATEST(${connectorCursors.value}, excluded.value)`,
            updatedAt: new Date(),
          },
        });
    },
  };
}

export type ConnectorsRepository = ReturnType<typeof createConnectorsRepository>;
