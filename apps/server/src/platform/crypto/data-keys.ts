import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { KEY_BYTES } from './aes-gcm.js';
import { DecryptionError } from './crypto.errors.js';
import { type TenantKeyKind, tenantDataKeys } from './crypto.schema.js';
import { unwrapTenantKey, wrapTenantKey } from './data-key-wrap.js';
import type { MasterKeyring } from './master-keyring.js';
import { TtlCache } from './ttl-cache.js';

export interface DataKeyStoreOptions {
  db: Db;
  keyring: MasterKeyring;
  /** How long an unwrapped key stays in memory. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Most keys kept unwrapped at once. Default 1000. */
  cacheMaxEntries?: number;
}

export interface DataKey {
  version: number;
  key: Buffer;
}

export interface DataKeyStore {
  /** The tenant's newest data key, created (version 1) on first use. */
  active(tenantId: string): Promise<DataKey>;
  /** A specific data key version, or undefined when the tenant has no such key. */
  byVersion(tenantId: string, version: number): Promise<Buffer | undefined>;
  /** Adds a data key version used for new writes from now on; older versions keep decrypting. */
  rotate(tenantId: string): Promise<DataKey>;
  /**
   * The tenant's blind-index root key, created on first use. A separate random key, not derived
   * from a data key: `rotate` never changes it, so index values of existing rows keep matching.
   */
  blindIndexKey(tenantId: string): Promise<Buffer>;
}

type Row = typeof tenantDataKeys.$inferSelect;

// A rotation racing another one for the same tenant retries with the next free version.
const ROTATE_ATTEMPTS = 5;

export function createDataKeyStore(options: DataKeyStoreOptions): DataKeyStore {
  const { db, keyring } = options;
  const ttl = options.cacheTtlMs ?? 5 * 60_000;
  const max = options.cacheMaxEntries ?? 1000;
  const keys = new TtlCache<Buffer>(ttl, max);
  // Which version is active per tenant and kind. A rotation done by another process is seen when
  // this expires; meanwhile the old version keeps being used for writes, which stays decryptable.
  const activeVersions = new TtlCache<number>(ttl, max);
  const keyId = (tenantId: string, kind: TenantKeyKind, version: number) => `${tenantId}:${kind}:${version}`;

  async function unwrapRow(row: Row): Promise<Buffer> {
    const master = await keyring.resolve(row.masterKeyId);
    const key = unwrapTenantKey(master, row, row.wrappedKey);
    // A row whose wrap does not open was altered in the DB: treat it like any tampered secret.
    if (!key) throw new DecryptionError();
    keys.set(keyId(row.tenantId, row.kind, row.version), key);
    return key;
  }

  async function latestRow(tenantId: string, kind: TenantKeyKind): Promise<Row | undefined> {
    const rows = await db
      .select()
      .from(tenantDataKeys)
      .where(and(eq(tenantDataKeys.tenantId, tenantId), eq(tenantDataKeys.kind, kind)))
      .orderBy(desc(tenantDataKeys.version))
      .limit(1);
    return rows[0];
  }

  async function insertVersion(tenantId: string, kind: TenantKeyKind, version: number) {
    const key = randomBytes(KEY_BYTES);
    const master = keyring.active();
    const inserted = await db
      .insert(tenantDataKeys)
      .values({
        tenantId,
        kind,
        version,
        wrappedKey: wrapTenantKey(master, { tenantId, kind, version }, key),
        masterKeyId: master.id,
      })
      .onConflictDoNothing()
      .returning({ version: tenantDataKeys.version });
    if (inserted.length === 0) return undefined;
    keys.set(keyId(tenantId, kind, version), key);
    activeVersions.set(`${tenantId}:${kind}`, version);
    return { version, key };
  }

  async function activeOf(tenantId: string, kind: TenantKeyKind): Promise<DataKey> {
    const cachedVersion = activeVersions.get(`${tenantId}:${kind}`);
    if (cachedVersion !== undefined) {
      const key = keys.get(keyId(tenantId, kind, cachedVersion));
      if (key) return { version: cachedVersion, key };
    }
    let row = await latestRow(tenantId, kind);
    if (!row) {
      const created = await insertVersion(tenantId, kind, 1);
      if (created) return created;
      // Lost the race to another request or process: use the key it stored, never a second one.
      row = await latestRow(tenantId, kind);
      if (!row) throw new Error('Tenant key vanished right after being created');
    }
    const key = await unwrapRow(row);
    activeVersions.set(`${tenantId}:${kind}`, row.version);
    return { version: row.version, key };
  }

  return {
    active: (tenantId) => activeOf(tenantId, 'data'),

    async byVersion(tenantId, version) {
      const cached = keys.get(keyId(tenantId, 'data', version));
      if (cached) return cached;
      const t = tenantDataKeys;
      const rows = await db
        .select()
        .from(t)
        .where(and(eq(t.tenantId, tenantId), eq(t.kind, 'data'), eq(t.version, version)))
        .limit(1);
      return rows[0] ? unwrapRow(rows[0]) : undefined;
    },

    async rotate(tenantId) {
      for (let attempt = 0; attempt < ROTATE_ATTEMPTS; attempt++) {
        const latest = await latestRow(tenantId, 'data');
        const created = await insertVersion(tenantId, 'data', (latest?.version ?? 0) + 1);
        if (created) return created;
      }
      throw new Error(
        `Could not add a data key version for tenant ${tenantId}: too many concurrent rotations`,
      );
    },

    // Only version 1 exists: replacing it means recomputing every stored index (see README).
    blindIndexKey: async (tenantId) => (await activeOf(tenantId, 'blind-index')).key,
  };
}
