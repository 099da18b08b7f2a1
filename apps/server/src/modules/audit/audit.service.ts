import { decodeIdCursor, encodeIdCursor } from '../../platform/http/cursors.js';
import type { AuditEventRow, AuditRepository } from './audit.repository.js';
import { chainHash, GENESIS_HASH, storedMetadata, storedText } from './audit-chain.js';

export interface Actor {
  type: 'user' | 'api_key' | 'oauth_client' | 'cli' | 'system';
  id?: string;
  label?: string;
  ip?: string;
  userAgent?: string;
}

export interface AuditInput {
  tenantId: string | null;
  actor: Actor;
  /** `<noun>.<verb>`, e.g. `api_key.created`, `auth.login.failed`, `secret.decrypted`. */
  action: string;
  target?: { type: string; id: string };
  /**
   * Never secrets: this is stored in clear and shown to admins. JSON only (it is stored as jsonb
   * and hashed as it reads back); before/after values go under `changes` (`changesOf`).
   */
  metadata?: Record<string, unknown>;
}

export interface AuditRecorder {
  record(input: AuditInput): Promise<void>;
}

export type ChainBreakReason = 'hash_mismatch' | 'gap' | 'prev_mismatch' | 'head_mismatch';

export interface ChainVerification {
  /** True when every chained row and the head agree. Unchained rows do not make it false. */
  ok: boolean;
  /** Chained rows read (up to and including the first broken one). */
  checked: number;
  /** Rows written before the chain existed (no hash): reported, not verified. */
  unchained: number;
  /** The head's position when verification started (0: no chained event yet). */
  headSeq: number;
  /**
   * The first place the chain breaks:
   * - `hash_mismatch`: this row's content is not what was hashed (edited);
   * - `prev_mismatch`: this row does not follow the previous row's hash (a row replaced or re-hashed);
   * - `gap`: positions before this row are missing (deleted); `expectedSeq` is the first missing one;
   * - `head_mismatch`: the chain does not end where its head says (`seq` is the head's position; `id`
   *   is null when that row is gone: the tail was deleted), or rows exist without a head.
   */
  firstBroken?: { id: string | null; seq: number; reason: ChainBreakReason; expectedSeq?: number };
}

/** Rows read per query while verifying: memory stays bounded whatever the chain's length. */
const VERIFY_BATCH = 1000;

export function createAuditService(repo: AuditRepository, options: { verifyBatch?: number } = {}) {
  const verifyBatch = options.verifyBatch ?? VERIFY_BATCH;
  return {
    /** Appends the event to its tenant's hash chain (or the global one when tenantId is null). */
    async record(input: AuditInput) {
      const text = (v: string | undefined) => (v === undefined ? null : storedText(v));
      await repo.append({
        // PostgreSQL returns uuids lower-case; the hash covers the value as it reads back.
        tenantId: input.tenantId?.toLowerCase() ?? null,
        actorType: storedText(input.actor.type),
        actorId: text(input.actor.id),
        actorLabel: text(input.actor.label),
        action: storedText(input.action),
        targetType: text(input.target?.type),
        targetId: text(input.target?.id),
        ip: text(input.actor.ip),
        userAgent: text(input.actor.userAgent?.slice(0, 512)),
        metadata: storedMetadata(input.metadata),
      });
    },
    async list(tenantId: string, limit: number, cursor?: string) {
      const rows = await repo.list(tenantId, limit + 1, cursor ? decodeIdCursor(cursor) : undefined);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? encodeIdCursor(items.at(-1)!.id) : null };
    },
    /**
     * Re-computes a chain (a tenant's, or the global one for null) from its first row, in batches,
     * and compares its end with the head. Rows appended while it runs (after the head was read) are
     * left for the next run. Stops at the first break.
     */
    async verifyChain(tenantId: string | null): Promise<ChainVerification> {
      const chain = tenantId?.toLowerCase() ?? null;
      const head = await repo.head(chain);
      const unchained = await repo.countUnchained(chain);
      const headSeq = head?.seq ?? 0;
      const upto = head ? head.seq : Number.MAX_SAFE_INTEGER;
      let checked = 0;
      let prevHash: Buffer = GENESIS_HASH;
      let last: AuditEventRow | undefined;
      const broken = (
        row: AuditEventRow | null,
        seq: number,
        reason: ChainBreakReason,
        expectedSeq?: number,
      ) => ({
        ok: false,
        checked,
        unchained,
        headSeq,
        firstBroken: {
          id: row ? String(row.id) : null,
          seq,
          reason,
          ...(expectedSeq ? { expectedSeq } : {}),
        },
      });
      for (;;) {
        const rows = await repo.chainedBatch(chain, last?.seq ?? 0, upto, verifyBatch);
        for (const row of rows) {
          checked++;
          const expected = (last?.seq ?? 0) + 1;
          if (row.seq !== expected) return broken(row, row.seq!, 'gap', expected);
          if (!row.prevHash?.equals(prevHash)) return broken(row, row.seq, 'prev_mismatch');
          const hash = chainHash(prevHash, { ...row, seq: row.seq });
          if (!row.hash?.equals(hash)) return broken(row, row.seq, 'hash_mismatch');
          prevHash = row.hash;
          last = row;
        }
        if (rows.length < verifyBatch) break;
      }
      if (!head) {
        // Chained rows but no head: the head row was deleted.
        return last ? broken(last, last.seq!, 'head_mismatch') : { ok: true, checked, unchained, headSeq };
      }
      const lastSeq = last?.seq ?? 0;
      if (lastSeq < head.seq) return broken(null, head.seq, 'head_mismatch', lastSeq + 1);
      if (!head.hash.equals(prevHash)) return broken(last ?? null, head.seq, 'head_mismatch');
      return { ok: true, checked, unchained, headSeq };
    },
    /** Every chain that has events: tenant ids, and null for the global chain. */
    chains: () => repo.chainTenants(),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
