import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { auditChainHeads, auditEvents } from './audit.schema.js';
import { type ChainedFields, chainHash, chainKeyOf, GENESIS_HASH } from './audit-chain.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
/** A new event as `record` builds it; the chain columns and the time are set by `append`. */
export type NewAuditEvent = Omit<ChainedFields, 'seq' | 'createdAt'>;
export interface ChainHead {
  seq: number;
  hash: Buffer;
}

const ofChain = (tenantId: string | null) =>
  tenantId ? eq(auditEvents.tenantId, tenantId) : isNull(auditEvents.tenantId);

export function createAuditRepository(db: Db) {
  return {
    /**
     * Appends the event at the end of its tenant's chain. The head row is locked FOR UPDATE for
     * the length of this short transaction, so concurrent writers of one chain (in any process)
     * take consecutive positions; writers of different chains do not wait for each other.
     */
    async append(event: NewAuditEvent): Promise<void> {
      const chainKey = chainKeyOf(event.tenantId);
      await db.transaction(async (tx) => {
        const lockHead = () =>
          tx.select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, chainKey)).for('update');
        let [head] = await lockHead();
        if (!head) {
          // The chain's first event: create its head (concurrent first writers: one insert wins,
          // the others wait for it, then lock the row it created).
          await tx
            .insert(auditChainHeads)
            .values({ chainKey, seq: 0, hash: GENESIS_HASH })
            .onConflictDoNothing();
          [head] = await lockHead();
        }
        const seq = head!.seq + 1;
        // Taken under the lock, in whole milliseconds (a JS Date), so what is hashed is stored exactly.
        const createdAt = new Date();
        const hash = chainHash(head!.hash, { ...event, seq, createdAt });
        await tx.insert(auditEvents).values({ ...event, createdAt, seq, prevHash: head!.hash, hash });
        await tx.update(auditChainHeads).set({ seq, hash }).where(eq(auditChainHeads.chainKey, chainKey));
      });
    },
    /** Newest first; `beforeId` is the cursor (ids only grow). */
    async list(tenantId: string, limit: number, beforeId?: number) {
      return db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenantId), beforeId ? lt(auditEvents.id, beforeId) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(limit);
    },
    async head(tenantId: string | null): Promise<ChainHead | null> {
      const [head] = await db
        .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
        .from(auditChainHeads)
        .where(eq(auditChainHeads.chainKey, chainKeyOf(tenantId)));
      return head ?? null;
    },
    /** Chained rows of one chain in seq order, after `afterSeq` and up to `uptoSeq`. */
    async chainedBatch(tenantId: string | null, afterSeq: number, uptoSeq: number, limit: number) {
      return db
        .select()
        .from(auditEvents)
        .where(and(ofChain(tenantId), gt(auditEvents.seq, afterSeq), lte(auditEvents.seq, uptoSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(limit);
    },
    /** Rows of the chain's tenant without a position: written before the chain existed. */
    async countUnchained(tenantId: string | null): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(auditEvents)
        .where(and(ofChain(tenantId), isNull(auditEvents.seq)));
      return row?.n ?? 0;
    },
    /** Tenants with a chain (a head) or with chained rows; null is the global chain. */
    async chainTenants(): Promise<(string | null)[]> {
      const heads = await db.select({ key: auditChainHeads.chainKey }).from(auditChainHeads);
      const rows = await db
        .selectDistinct({ tenantId: auditEvents.tenantId })
        .from(auditEvents)
        .where(isNotNull(auditEvents.seq));
      const tenants = new Set<string | null>(rows.map((r) => r.tenantId));
      for (const { key } of heads)
        tenants.add(key.startsWith('tenant:') ? key.slice('tenant:'.length) : null);
      return [...tenants].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
