import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/crypto/index.js';

/**
 * The hash chain's pure parts (ADR 0016). A row's hash is
 *
 *   sha256(prev_hash ‖ canonicalJson({ v: 1, seq, tenantId, actorType, actorId, actorLabel, action,
 *                                       targetType, targetId, ip, userAgent, metadata, createdAt }))
 *
 * with `prev_hash` the previous row's 32-byte hash (32 zero bytes before the first row), keys sorted
 * at every level, absent values as null and `createdAt` as ISO-8601 in UTC with milliseconds. The
 * row id is not hashed (PostgreSQL assigns it); the position is `seq`. Changing anything here
 * breaks every existing chain: a new format needs a new `v`.
 */
export const CHAIN_FORMAT_VERSION = 1;
export const GENESIS_HASH = Buffer.alloc(32);
export const GLOBAL_CHAIN = 'global';

export const chainKeyOf = (tenantId: string | null) => (tenantId ? `tenant:${tenantId}` : GLOBAL_CHAIN);

/** What is hashed: the row's stored values, exactly as they read back from PostgreSQL. */
export interface ChainedFields {
  seq: number;
  tenantId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

export function chainHash(prevHash: Buffer, f: ChainedFields): Buffer {
  const body = canonicalJson({
    v: CHAIN_FORMAT_VERSION,
    seq: f.seq,
    tenantId: f.tenantId,
    actorType: f.actorType,
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    ip: f.ip,
    userAgent: f.userAgent,
    metadata: f.metadata,
    createdAt: f.createdAt.toISOString(),
  });
  return createHash('sha256').update(prevHash).update(body, 'utf8').digest();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string as PostgreSQL stores it: lone UTF-16 surrogates become U+FFFD (what the UTF-8 encoding
 * on the wire does anyway) and NUL, which neither `text` nor `jsonb` accepts, is dropped. Hashing
 * the stored form is what lets a row verify when it is read back.
 */
export function storedText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
}

/**
 * Metadata as it will come back from `jsonb`: a JSON round trip (a Date becomes its ISO string, an
 * `undefined` property disappears, -0 becomes 0) with every string, key included, as `storedText`
 * stores it. jsonb reorders keys and rewrites number formats, but to values that parse back equal,
 * and the canonical JSON sorts keys, so the hash of the normalized value matches the stored one.
 */
export function storedMetadata(metadata: Record<string, unknown> | undefined | null) {
  if (metadata === undefined || metadata === null) return null;
  const json = JSON.stringify(metadata, (_key, value: unknown) => {
    if (typeof value === 'string') return storedText(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[storedText(k)] = v;
      return out;
    }
    return value;
  });
  return JSON.parse(json) as Record<string, unknown>;
}
