import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { connectorExportLog, connectorExports, connectors, type DocumentKind } from './connectors.schema.js';

export type ExportRow = typeof connectorExports.$inferSelect;
export type ExportLogRow = typeof connectorExportLog.$inferSelect;
export type NewExportLog = typeof connectorExportLog.$inferInsert;

type Page = { limit: number; after?: { createdAt: Date; id: string } };

/** Where each document stands with each connector, and every call made to export it. */
export function createExportsRepository(db: Db) {
  return {
    async forDocuments(
      connectorId: string,
      kind: DocumentKind,
      ids: string[],
    ): Promise<Map<string, ExportRow>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select()
        .from(connectorExports)
        .where(
          and(
            eq(connectorExports.connectorId, connectorId),
            eq(connectorExports.documentKind, kind),
            inArray(connectorExports.documentId, ids),
          ),
        );
      return new Map(rows.map((r) => [r.documentId, r]));
    },

    /** Creates the row on a document's first attempt; a forced export starts a new generation. */
    async begin(
      tenantId: string,
      connectorId: string,
      kind: DocumentKind,
      documentId: string,
      force: boolean,
    ): Promise<ExportRow> {
      const [row] = await db
        .insert(connectorExports)
        .values({
          id: crypto.randomUUID(),
          tenantId,
          connectorId,
          documentKind: kind,
          documentId,
          status: 'failed',
          lastError: null,
        })
        .onConflictDoUpdate({
          target: [connectorExports.connectorId, connectorExports.documentKind, connectorExports.documentId],
          set: force
            ? { generation: sql`${connectorExports.generation} + 1`, updatedAt: new Date() }
            : { updatedAt: new Date() },
          // A forced export of a failed document keeps its generation: it was never received.
          ...(force ? { setWhere: eq(connectorExports.status, 'exported') } : {}),
        })
        .returning();
      if (row) return row;
      const [existing] = await db
        .select()
        .from(connectorExports)
        .where(
          and(
            eq(connectorExports.connectorId, connectorId),
            eq(connectorExports.documentKind, kind),
            eq(connectorExports.documentId, documentId),
          ),
        );
      return existing!;
    },

    async finish(
      id: string,
      outcome:
        | { status: 'exported'; externalId: string | null; payloadHash: string; attempts: number }
        | { status: 'failed'; error: string; attempts: number },
    ) {
      await db
        .update(connectorExports)
        .set(
          outcome.status === 'exported'
            ? {
                status: 'exported',
                externalId: outcome.externalId,
                payloadHash: outcome.payloadHash,
                lastExportedAt: new Date(),
                lastError: null,
                attempts: sql`${connectorExports.attempts} + ${outcome.attempts}`,
                updatedAt: new Date(),
              }
            : {
                status: 'failed',
                lastError: outcome.error,
                attempts: sql`${connectorExports.attempts} + ${outcome.attempts}`,
                updatedAt: new Date(),
              },
        )
        .where(eq(connectorExports.id, id));
    },

    async log(entries: NewExportLog[]) {
      if (entries.length > 0) await db.insert(connectorExportLog).values(entries);
    },

    async list(
      tenantId: string,
      connectorId: string,
      filter: { status?: 'exported' | 'failed' },
      page: Page,
    ) {
      const where = [eq(connectorExports.tenantId, tenantId), eq(connectorExports.connectorId, connectorId)];
      if (filter.status) where.push(eq(connectorExports.status, filter.status));
      const older = olderThan(connectorExports.updatedAt, connectorExports.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(connectorExports)
        .where(and(...where))
        .orderBy(desc(connectorExports.updatedAt), desc(connectorExports.id))
        .limit(page.limit);
    },

    async logPage(
      tenantId: string,
      connectorId: string,
      filter: { runId?: string; documentId?: string },
      page: Page,
    ): Promise<ExportLogRow[]> {
      const where = [
        eq(connectorExportLog.tenantId, tenantId),
        eq(connectorExportLog.connectorId, connectorId),
      ];
      if (filter.runId) where.push(eq(connectorExportLog.runId, filter.runId));
      if (filter.documentId) where.push(eq(connectorExportLog.documentId, filter.documentId));
      const older = olderThan(connectorExportLog.at, connectorExportLog.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(connectorExportLog)
        .where(and(...where))
        .orderBy(desc(connectorExportLog.at), desc(connectorExportLog.id))
        .limit(page.limit);
    },

    /** Every connector's row for these documents, with the connector's name. */
    async byDocuments(tenantId: string, kind: DocumentKind, ids: string[]) {
      return db
        .select({ exp: connectorExports, connectorName: connectors.name })
        .from(connectorExports)
        .innerJoin(connectors, eq(connectors.id, connectorExports.connectorId))
        .where(
          and(
            eq(connectorExports.tenantId, tenantId),
            eq(connectorExports.documentKind, kind),
            inArray(connectorExports.documentId, ids),
          ),
        )
        .orderBy(connectors.name);
    },

    async stats(tenantId: string, connectorId: string, kind: DocumentKind | null) {
      const since = new Date(Date.now() - 30 * 86_400_000);
      const [row] = await db
        .select({
          exported: sql<number>`count(*) FILTER (WHERE ${connectorExports.status} = 'exported')::int`,
          failed: sql<number>`count(*) FILTER (WHERE ${connectorExports.status} = 'failed')::int`,
          exportedOfSource: kind
            ? sql<number>`count(*) FILTER (WHERE ${connectorExports.status} = 'exported' AND ${connectorExports.documentKind} = ${kind})::int`
            : sql<number>`0`,
          lastExportedAt: sql<Date | null>`max(${connectorExports.lastExportedAt})`,
          exported30: sql<number>`count(*) FILTER (WHERE ${connectorExports.status} = 'exported' AND ${connectorExports.lastExportedAt} >= ${since.toISOString()})::int`,
          failed30: sql<number>`count(*) FILTER (WHERE ${connectorExports.status} = 'failed' AND ${connectorExports.updatedAt} >= ${since.toISOString()})::int`,
        })
        .from(connectorExports)
        .where(and(eq(connectorExports.tenantId, tenantId), eq(connectorExports.connectorId, connectorId)));
      return row!;
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
