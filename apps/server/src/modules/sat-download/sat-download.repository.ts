import type { SatAttentionCode, SatHistoryCode, SatHistoryParams } from '@boveda/contracts';
import { and, asc, desc, eq, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { satPackages, satRequestEvents, satRequests } from './sat-download.schema.js';

export type SatRequestRow = typeof satRequests.$inferSelect;
export type NewSatRequest = typeof satRequests.$inferInsert;
export type SatPackageRow = typeof satPackages.$inferSelect;
export type SatEventRow = typeof satRequestEvents.$inferSelect;
/** A history line to write: its `code` is required, so every new line can be said in Spanish. */
export type NewSatEvent = Omit<
  typeof satRequestEvents.$inferInsert,
  'id' | 'at' | 'tenantId' | 'requestId' | 'code'
> & {
  code: SatHistoryCode;
};

/** How many stopped requests per taxpayer the start page lists (it counts them all). */
export const HOME_ATTENTION_LIMIT = 5;

export interface HomeRequestStatus {
  lastSyncAt: Date | null;
  attentionCount: number;
  attention: {
    id: string;
    state: string;
    kind: 'cfdi' | 'metadata';
    direction: 'issued' | 'received' | null;
    periodStart: string | null;
    periodEnd: string | null;
    code: number | null;
    reason: string | null;
    /** The reason as a code of `satAttentionCodes` and its params; null on rows older than codes. */
    attention: { code: SatAttentionCode; params: SatHistoryParams } | null;
    finishedAt: Date | null;
  }[];
}

export const ACTIVE_STATES = ['pending', 'accepted', 'in_progress', 'ready'] as const;

export interface ListFilter {
  state?: string;
  kind?: 'cfdi' | 'metadata';
  direction?: 'issued' | 'received';
  year?: number;
  cursor?: { createdAt: Date; id: string };
  limit: number;
}

/** Every query is scoped by tenant: a row of another tenant is simply not found. */
export function createSatDownloadRepository(db: Db) {
  const byId = (tenantId: string, id: string) =>
    and(eq(satRequests.tenantId, tenantId), eq(satRequests.id, id));

  return {
    /** Inserts, or returns the active request with the same parameters (the duplicate guard). */
    async insertOrExisting(row: NewSatRequest): Promise<{ request: SatRequestRow; created: boolean }> {
      const existing = async () =>
        (
          await db
            .select()
            .from(satRequests)
            .where(
              and(
                eq(satRequests.tenantId, row.tenantId),
                eq(satRequests.paramsHash, row.paramsHash),
                inArray(satRequests.state, [...ACTIVE_STATES]),
              ),
            )
            .orderBy(asc(satRequests.createdAt))
            .limit(1)
        )[0];
      if (!row.replacesId) {
        const found = await existing();
        if (found) return { request: found, created: false };
      }
      // A concurrent insert of the same parameters wins the unique index: return that one. (No
      // catch-and-retry: inside a transaction a failed insert would abort it.)
      const [inserted] = await db.insert(satRequests).values(row).onConflictDoNothing().returning();
      if (!inserted) {
        const found = await existing();
        if (found) return { request: found, created: false };
        throw new Error('sat request insert conflicted with a request that is no longer active');
      }
      await db.insert(satRequestEvents).values({
        tenantId: row.tenantId,
        requestId: inserted.id,
        type: 'state',
        toState: inserted.state,
        code: 'request_created',
        params: { origin: row.origin },
        message: `Request created (${row.origin})`,
      });
      return { request: inserted, created: true };
    },

    async get(tenantId: string, id: string): Promise<SatRequestRow | undefined> {
      return (await db.select().from(satRequests).where(byId(tenantId, id)))[0];
    },

    /** Every period request of an RFC (not folio ones), for the per-year picture: a few hundred rows. */
    periodRequests: (tenantId: string, rfc: string) =>
      db
        .select({
          kind: satRequests.kind,
          direction: satRequests.direction,
          periodStart: satRequests.periodStart,
          periodEnd: satRequests.periodEnd,
          filters: satRequests.filters,
          folio: satRequests.folio,
          state: satRequests.state,
        })
        .from(satRequests)
        .where(and(eq(satRequests.tenantId, tenantId), eq(satRequests.rfc, rfc), isNull(satRequests.folio))),

    async list(tenantId: string, rfc: string, f: ListFilter): Promise<SatRequestRow[]> {
      const conditions = [eq(satRequests.tenantId, tenantId), eq(satRequests.rfc, rfc)];
      if (f.state) conditions.push(eq(satRequests.state, f.state));
      if (f.kind) conditions.push(eq(satRequests.kind, f.kind));
      if (f.direction) conditions.push(eq(satRequests.direction, f.direction));
      if (f.year) conditions.push(like(satRequests.periodStart, `${f.year}-%`));
      if (f.cursor)
        conditions.push(
          or(
            lt(satRequests.createdAt, f.cursor.createdAt),
            and(eq(satRequests.createdAt, f.cursor.createdAt), lt(satRequests.id, f.cursor.id)),
          )!,
        );
      return db
        .select()
        .from(satRequests)
        .where(and(...conditions))
        .orderBy(desc(satRequests.createdAt), desc(satRequests.id))
        .limit(f.limit);
    },

    /**
     * Moves a request and writes the history line. Runs inside the caller's transaction (the
     * request recorder's, which publishes the state change with it): the row is locked first.
     */
    async update(
      tenantId: string,
      id: string,
      patch: Partial<NewSatRequest>,
      event?: NewSatEvent,
    ): Promise<{ before: SatRequestRow; after: SatRequestRow }> {
      const [before] = await db.select().from(satRequests).where(byId(tenantId, id)).for('update');
      if (!before) throw new Error(`sat request ${id} vanished`);
      const [after] = await db
        .update(satRequests)
        .set({ ...patch, updatedAt: new Date() })
        .where(byId(tenantId, id))
        .returning();
      if (event || (patch.state && patch.state !== before.state)) {
        // Without a line of its own, a state change says just that: from and to.
        const line: NewSatEvent = event ?? {
          type: 'state',
          code: 'state_changed',
          params: { from: before.state, to: patch.state ?? before.state },
          message: `State ${before.state} → ${patch.state}`,
        };
        await db.insert(satRequestEvents).values({
          tenantId,
          requestId: id,
          ...line,
          ...(patch.state && patch.state !== before.state
            ? { fromState: before.state, toState: patch.state }
            : {}),
        });
      }
      return { before, after: after! };
    },

    async addEvent(tenantId: string, requestId: string, event: NewSatEvent): Promise<void> {
      await db.insert(satRequestEvents).values({ tenantId, requestId, ...event });
    },

    async events(tenantId: string, requestId: string): Promise<SatEventRow[]> {
      return db
        .select()
        .from(satRequestEvents)
        .where(and(eq(satRequestEvents.tenantId, tenantId), eq(satRequestEvents.requestId, requestId)))
        .orderBy(asc(satRequestEvents.id));
    },

    async activeFor(tenantId: string, rfc: string): Promise<SatRequestRow[]> {
      return db
        .select()
        .from(satRequests)
        .where(
          and(
            eq(satRequests.tenantId, tenantId),
            eq(satRequests.rfc, rfc),
            inArray(satRequests.state, [...ACTIVE_STATES]),
          ),
        )
        .orderBy(asc(satRequests.createdAt), asc(satRequests.id));
    },

    /** (tenant, RFC) pairs with work to do, optionally for one tenant. */
    async activeTaxpayers(tenantId?: string): Promise<{ tenantId: string; rfc: string }[]> {
      const conditions = [inArray(satRequests.state, [...ACTIVE_STATES])];
      if (tenantId) conditions.push(eq(satRequests.tenantId, tenantId));
      return db
        .selectDistinct({ tenantId: satRequests.tenantId, rfc: satRequests.rfc })
        .from(satRequests)
        .where(and(...conditions));
    },

    async forYear(tenantId: string, rfc: string, year: number): Promise<SatRequestRow[]> {
      return db
        .select()
        .from(satRequests)
        .where(
          and(
            eq(satRequests.tenantId, tenantId),
            eq(satRequests.rfc, rfc),
            like(satRequests.periodStart, `${year}-%`),
          ),
        )
        .orderBy(asc(satRequests.periodStart), asc(satRequests.createdAt));
    },

    async countsByState(tenantId: string, rfc?: string) {
      const conditions = [eq(satRequests.tenantId, tenantId)];
      if (rfc) conditions.push(eq(satRequests.rfc, rfc));
      return db
        .select({ rfc: satRequests.rfc, state: satRequests.state, count: sql<number>`count(*)::int` })
        .from(satRequests)
        .where(and(...conditions))
        .groupBy(satRequests.rfc, satRequests.state)
        .orderBy(satRequests.rfc, satRequests.state);
    },

    async needingAttention(tenantId: string, rfc?: string): Promise<SatRequestRow[]> {
      const conditions = [eq(satRequests.tenantId, tenantId), isNotNull(satRequests.needsAttentionReason)];
      if (rfc) conditions.push(eq(satRequests.rfc, rfc));
      return db
        .select()
        .from(satRequests)
        .where(and(...conditions, sql`${satRequests.state} <> 'replaced'`))
        .orderBy(asc(satRequests.rfc), asc(satRequests.periodStart));
    },

    async addPackages(
      request: SatRequestRow,
      packages: { satPackageId: string; storageKey: string }[],
    ): Promise<void> {
      if (!packages.length) return;
      await db
        .insert(satPackages)
        .values(
          packages.map((p) => ({
            tenantId: request.tenantId,
            requestId: request.id,
            satPackageId: p.satPackageId,
            kind: request.kind,
            storageKey: p.storageKey,
          })),
        )
        .onConflictDoNothing();
    },

    async packages(tenantId: string, requestId: string): Promise<SatPackageRow[]> {
      return db
        .select()
        .from(satPackages)
        .where(and(eq(satPackages.tenantId, tenantId), eq(satPackages.requestId, requestId)))
        .orderBy(asc(satPackages.satPackageId));
    },

    async packagesOf(tenantId: string, requestIds: string[]): Promise<SatPackageRow[]> {
      if (!requestIds.length) return [];
      return db
        .select()
        .from(satPackages)
        .where(and(eq(satPackages.tenantId, tenantId), inArray(satPackages.requestId, requestIds)));
    },

    async updatePackage(tenantId: string, id: string, patch: Partial<typeof satPackages.$inferInsert>) {
      await db
        .update(satPackages)
        .set(patch)
        .where(and(eq(satPackages.tenantId, tenantId), eq(satPackages.id, id)));
    },

    /** Stored packages no ingestion outcome was recorded for, last announced before `before`. */
    async awaitingIngestion(before: Date, limit: number): Promise<SatPackageRow[]> {
      return db
        .select()
        .from(satPackages)
        .where(
          and(
            eq(satPackages.state, 'stored'),
            isNull(satPackages.ingestionState),
            or(isNull(satPackages.ingestionRequestedAt), lt(satPackages.ingestionRequestedAt, before)),
          ),
        )
        .orderBy(asc(satPackages.storedAt))
        .limit(limit);
    },

    /** What the cfdi module reported for the package stored under `storageKey`. */
    async recordIngestion(tenantId: string, storageKey: string, state: 'completed' | 'failed', at: Date) {
      await db
        .update(satPackages)
        .set({ ingestionState: state, ingestedAt: at })
        .where(and(eq(satPackages.tenantId, tenantId), eq(satPackages.storageKey, storageKey)));
    },

    async pendingPackageCount(tenantId: string, requestId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(satPackages)
        .where(
          and(
            eq(satPackages.tenantId, tenantId),
            eq(satPackages.requestId, requestId),
            eq(satPackages.state, 'pending'),
          ),
        );
      return row?.n ?? 0;
    },

    /** Requests that replaced or split from this one, and what it replaced. */
    async related(tenantId: string, request: SatRequestRow): Promise<SatRequestRow[]> {
      const ids = [request.replacesId, request.replacedById, request.splitFromId].filter((x): x is string =>
        Boolean(x),
      );
      return db
        .select()
        .from(satRequests)
        .where(
          and(
            eq(satRequests.tenantId, tenantId),
            or(
              ids.length ? inArray(satRequests.id, ids) : sql`false`,
              eq(satRequests.splitFromId, request.id),
              eq(satRequests.replacesId, request.id),
            ),
          ),
        );
    },

    async unfiledReplacements(tenantId: string, rfc: string): Promise<SatRequestRow[]> {
      return db
        .select()
        .from(satRequests)
        .where(
          and(
            eq(satRequests.tenantId, tenantId),
            eq(satRequests.rfc, rfc),
            eq(satRequests.state, 'pending'),
            isNull(satRequests.satRequestId),
          ),
        );
    },

    /**
     * For the start page, per RFC: the last time a SAT conversation succeeded (a verification
     * answered, or a request finished other than stopped) and how many requests stopped, with the
     * newest five. Each RFC is one range of `sat_requests_tenant_rfc_idx` (LATERAL per RFC).
     */
    async homeStatus(tenantId: string, rfcs: string[]): Promise<Map<string, HomeRequestStatus>> {
      const out = new Map<string, HomeRequestStatus>();
      if (rfcs.length === 0) return out;
      // JSON, not an array literal: no RFC character (`&`, `Ñ`) needs quoting rules.
      const list = sql`jsonb_array_elements_text(${JSON.stringify(rfcs)}::jsonb) AS t(rfc)`;
      const { rows: stats } = await db.execute<{
        rfc: string;
        last_sync_at: Date | string | null;
        attention_count: number;
      }>(sql`
        SELECT t.rfc, s.last_sync_at, s.attention_count
        FROM ${list}
        CROSS JOIN LATERAL (
          SELECT max(GREATEST(r.last_verified_at, r.finished_at)) FILTER (WHERE r.state <> 'failed') AS last_sync_at,
            (count(*) FILTER (WHERE r.state = 'failed'))::int AS attention_count
          FROM sat_requests r WHERE r.tenant_id = ${tenantId}::uuid AND r.rfc = t.rfc
        ) s`);
      for (const r of stats)
        out.set(r.rfc, {
          lastSyncAt: r.last_sync_at === null ? null : new Date(r.last_sync_at),
          attentionCount: Number(r.attention_count),
          attention: [],
        });
      const { rows } = await db.execute<{
        rfc: string;
        id: string;
        state: string;
        kind: 'cfdi' | 'metadata';
        direction: 'issued' | 'received' | null;
        period_start: string | null;
        period_end: string | null;
        code: number | null;
        reason: string | null;
        reason_code: SatAttentionCode | null;
        reason_params: SatHistoryParams | null;
        finished_at: Date | string | null;
      }>(sql`
        SELECT t.rfc, a.*
        FROM ${list}
        CROSS JOIN LATERAL (
          -- 5000 is the SAT's "accepted": the code that stopped a request is whichever is not.
          SELECT r.id, r.state, r.kind, r.direction, r.period_start, r.period_end,
            COALESCE(NULLIF(r.sat_request_code, 5000), NULLIF(r.sat_status_code, 5000)) AS code,
            r.needs_attention_reason AS reason, r.needs_attention_code AS reason_code,
            r.needs_attention_params AS reason_params, r.finished_at
          FROM sat_requests r
          WHERE r.tenant_id = ${tenantId}::uuid AND r.rfc = t.rfc AND r.state = 'failed'
          ORDER BY r.finished_at DESC NULLS LAST, r.created_at DESC
          LIMIT ${HOME_ATTENTION_LIMIT}
        ) a`);
      for (const r of rows)
        out.get(r.rfc)?.attention.push({
          id: r.id,
          state: r.state,
          kind: r.kind,
          direction: r.direction,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          code: r.code === null ? null : Number(r.code),
          reason: r.reason,
          attention: r.reason_code ? { code: r.reason_code, params: r.reason_params ?? {} } : null,
          finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
        });
      return out;
    },
  };
}

export type SatDownloadRepository = ReturnType<typeof createSatDownloadRepository>;
