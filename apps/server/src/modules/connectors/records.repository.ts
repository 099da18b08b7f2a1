import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { olderThan } from '../../platform/db/keyset.js';
import { connectorRecords, type RecordStatus } from './connectors.schema.js';

export type RecordRow = typeof connectorRecords.$inferSelect;

export interface StagedInput {
  externalId: string;
  /** Canonical JSON text of the record (what the hash is over). */
  json: string;
  hash: string;
}

/** Records pulled from an ERP, latest version per (connector, resource, external id). */
export function createRecordsRepository(db: Db) {
  return {
    /**
     * Stores a page of records: new ones are `added`; ones whose hash changed are `updated` and go
     * back to review; the rest are not written at all (a re-sync of an unchanged ERP writes nothing).
     */
    async stage(
      ref: { tenantId: string; connectorId: string; resource: string; kind: string; runId: string },
      records: StagedInput[],
    ): Promise<{ added: number; updated: number; unchanged: number }> {
      if (records.length === 0) return { added: 0, updated: 0, unchanged: 0 };
      // One JSON parameter for the page (drizzle would spread a JS array into a list of parameters).
      const rows = `[${records.map((r) => `{"e":${JSON.stringify(r.externalId)},"h":"${r.hash}","p":${r.json}}`).join(',')}]`;
      const result = await db.execute<{ inserted: boolean }>(sql`
        INSERT INTO connector_records
          (id, tenant_id, connector_id, resource, kind, external_id, payload, payload_hash, status, last_action, last_run_id)
        SELECT gen_random_uuid(), ${ref.tenantId}, ${ref.connectorId}, ${ref.resource}, ${ref.kind},
               r->>'e', r->'p', r->>'h', 'staged', 'added', ${ref.runId}
        FROM jsonb_array_elements(${rows}::jsonb) AS r
        ON CONFLICT (connector_id, resource, external_id) DO UPDATE SET
          payload = excluded.payload,
          payload_hash = excluded.payload_hash,
          status = 'staged',
          last_action = 'updated',
          last_modified_at = now(),
          last_run_id = excluded.last_run_id,
          reviewed_at = NULL,
          reviewed_by = NULL
        WHERE connector_records.payload_hash <> excluded.payload_hash
        RETURNING (xmax = 0) AS inserted`);
      const added = result.rows.filter((r) => r.inserted).length;
      const updated = result.rows.length - added;
      return { added, updated, unchanged: records.length - result.rows.length };
    },

    async list(
      tenantId: string,
      connectorId: string,
      filter: { resource?: string; status?: RecordStatus; q?: string },
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ): Promise<RecordRow[]> {
      const where = [eq(connectorRecords.tenantId, tenantId), eq(connectorRecords.connectorId, connectorId)];
      if (filter.resource) where.push(eq(connectorRecords.resource, filter.resource));
      if (filter.status) where.push(eq(connectorRecords.status, filter.status));
      if (filter.q)
        where.push(ilike(connectorRecords.externalId, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      const older = olderThan(connectorRecords.lastModifiedAt, connectorRecords.id, page.after);
      if (older) where.push(older);
      return db
        .select()
        .from(connectorRecords)
        .where(and(...where))
        .orderBy(desc(connectorRecords.lastModifiedAt), desc(connectorRecords.id))
        .limit(page.limit);
    },

    /** Marks staged records reviewed; answers the rows that changed (already reviewed ones do not). */
    async review(
      tenantId: string,
      connectorId: string,
      ids: string[],
      status: 'accepted' | 'ignored',
      by: string,
    ): Promise<RecordRow[]> {
      return db
        .update(connectorRecords)
        .set({ status, reviewedAt: new Date(), reviewedBy: by })
        .where(
          and(
            eq(connectorRecords.tenantId, tenantId),
            eq(connectorRecords.connectorId, connectorId),
            inArray(connectorRecords.id, ids),
            eq(connectorRecords.status, 'staged'),
          ),
        )
        .returning();
    },

    async countsByResource(tenantId: string, connectorId: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ resource: connectorRecords.resource, n: sql<number>`count(*)::int` })
        .from(connectorRecords)
        .where(
          and(
            eq(connectorRecords.tenantId, tenantId),
            eq(connectorRecords.connectorId, connectorId),
            eq(connectorRecords.status, 'staged'),
          ),
        )
        .groupBy(connectorRecords.resource);
      return Object.fromEntries(rows.map((r) => [r.resource, r.n]));
    },
  };
}

export type RecordsRepository = ReturnType<typeof createRecordsRepository>;
