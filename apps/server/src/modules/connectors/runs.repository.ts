import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { connectorRuns, type RunKind } from './connectors.schema.js';

export type RunRow = typeof connectorRuns.$inferSelect;
export type NewRun = typeof connectorRuns.$inferInsert;

/** A run whose heartbeat is older than this is a dead process's: another may start. */
export const STALE_RUN_SECONDS = 120;

export function createRunsRepository(db: Db) {
  return {
    async insert(row: NewRun): Promise<RunRow> {
      const [created] = await db.insert(connectorRuns).values(row).returning();
      return created!;
    },

    async get(tenantId: string, id: string): Promise<RunRow | null> {
      const [row] = await db
        .select()
        .from(connectorRuns)
        .where(and(eq(connectorRuns.tenantId, tenantId), eq(connectorRuns.id, id)));
      return row ?? null;
    },

    async list(
      tenantId: string,
      connectorId: string,
      filter: { kind?: RunKind },
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ) {
      const where = [eq(connectorRuns.tenantId, tenantId), eq(connectorRuns.connectorId, connectorId)];
      if (filter.kind) where.push(eq(connectorRuns.kind, filter.kind));
      const older = olderThan(connectorRuns.queuedAt, connectorRuns.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(connectorRuns)
        .where(and(...where))
        .orderBy(desc(connectorRuns.queuedAt), desc(connectorRuns.id))
        .limit(page.limit);
    },

    /** The newest run of each connector (for the list). */
    async latest(tenantId: string, connectorIds: string[]): Promise<RunRow[]> {
      if (connectorIds.length === 0) return [];
      return db
        .selectDistinctOn([connectorRuns.connectorId])
        .from(connectorRuns)
        .where(and(eq(connectorRuns.tenantId, tenantId), inArray(connectorRuns.connectorId, connectorIds)))
        .orderBy(connectorRuns.connectorId, desc(connectorRuns.queuedAt));
    },

    /** Another run of the connector that is alive (running with a fresh heartbeat). */
    async liveOther(connectorId: string, runId: string): Promise<RunRow | null> {
      const [row] = await db
        .select()
        .from(connectorRuns)
        .where(
          and(
            eq(connectorRuns.connectorId, connectorId),
            eq(connectorRuns.status, 'running'),
            sql`${connectorRuns.id} <> ${runId}`,
            sql`${connectorRuns.heartbeatAt} > now() - make_interval(secs => ${STALE_RUN_SECONDS})`,
          ),
        )
        .limit(1);
      return row ?? null;
    },

    async update(id: string, patch: Partial<NewRun>): Promise<RunRow> {
      const [row] = await db.update(connectorRuns).set(patch).where(eq(connectorRuns.id, id)).returning();
      return row!;
    },

    async heartbeat(
      id: string,
      progress: { counts: Record<string, number>; resources?: RunRow['resources'] },
    ) {
      await db
        .update(connectorRuns)
        .set({ heartbeatAt: new Date(), ...progress })
        .where(eq(connectorRuns.id, id));
    },
  };
}

export type RunsRepository = ReturnType<typeof createRunsRepository>;
