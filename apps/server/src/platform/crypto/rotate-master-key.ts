import { randomBytes } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { KEY_BYTES } from './aes-gcm.js';
import { MasterKeyConfigError } from './crypto.errors.js';
import { tenantDataKeys } from './crypto.schema.js';
import { unwrapTenantKey, wrapTenantKey } from './data-key-wrap.js';
import { readKeyFile, replaceKeyFile } from './key-file.js';
import { type MasterKey, masterKey } from './master-key.js';
import type { KeyringLog, MasterKeyring } from './master-keyring.js';

export interface RotateMasterKeyOptions {
  db: Db;
  keyring: MasterKeyring;
  /** Rows re-wrapped per transaction. Default 200. */
  batchSize?: number;
  log?: Pick<KeyringLog, 'info'>;
}

export interface RotateMasterKeyResult {
  /** The master key that now wraps the tenant keys (data and blind-index keys alike). */
  masterKeyId: string;
  /** True when a new key was generated and appended to the key file. */
  createdKey: boolean;
  rewrapped: number;
  /** Rows wrapped by a master key this process does not hold (or that did not unwrap): left as they were. */
  skipped: number;
  /** Rows still not wrapped by the new key afterwards (0 after a clean rotation). */
  remaining: number;
}

// Arbitrary constant: serializes key-file rotations of processes sharing the database, so two
// concurrent `boveda keys rotate` cannot each rewrite the file and drop the other's new key.
const ROTATION_LOCK_ID = 0x626f7665; // "bove"

async function appendNewKeyToFile(db: Db, file: string): Promise<MasterKey> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROTATION_LOCK_ID})`);
    const current = await readKeyFile(file);
    if (!current) throw new MasterKeyConfigError(`Master key file ${file} is missing`);
    const newest = Math.max(...current.map((k) => k.createdAt.getTime()));
    // Strictly newer than every existing key, even with a clock that went backwards, so it becomes active.
    const created = masterKey(randomBytes(KEY_BYTES), new Date(Math.max(Date.now(), newest + 1)));
    await replaceKeyFile(file, [...current, created]);
    return created;
  });
}

/**
 * Makes the newest master key wrap every tenant key (data and blind-index keys). With a key file:
 * generates a key, appends it (old keys stay, so running processes keep unwrapping), then re-wraps
 * rows in batches. With env keys: BOVEDA_MASTER_KEY is the new key and rows wrapped by
 * BOVEDA_MASTER_KEY_PREVIOUS move to it. Each row is updated only if it is still wrapped by the key
 * read, so it is safe to run while the application serves requests, and to run again after an
 * interruption.
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<RotateMasterKeyResult> {
  const { db, keyring } = options;
  const batchSize = options.batchSize ?? 200;
  let createdKey = false;
  if (keyring.source === 'file') {
    await appendNewKeyToFile(db, keyring.keyFile!);
    await keyring.reload();
    createdKey = true;
  }
  const target = keyring.active();
  options.log?.info(`Re-wrapping tenant data keys with master key ${target.id}`);

  let rewrapped = 0;
  let skipped = 0;
  let after: { tenantId: string; kind: string; version: number } | undefined;
  for (;;) {
    const t = tenantDataKeys;
    const rows = await db
      .select()
      .from(t)
      .where(
        and(
          ne(t.masterKeyId, target.id),
          after
            ? sql`(${t.tenantId}, ${t.kind}, ${t.version}) > (${after.tenantId}::uuid, ${after.kind}, ${after.version})`
            : undefined,
        ),
      )
      .orderBy(asc(t.tenantId), asc(t.kind), asc(t.version))
      .limit(batchSize);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!;
    after = { tenantId: last.tenantId, kind: last.kind, version: last.version };

    await db.transaction(async (tx) => {
      for (const row of rows) {
        const old = keyring.get(row.masterKeyId);
        const tenantKey = old && unwrapTenantKey(old, row, row.wrappedKey);
        if (!tenantKey) {
          skipped++;
          continue;
        }
        const updated = await tx
          .update(t)
          .set({
            wrappedKey: wrapTenantKey(target, row, tenantKey),
            masterKeyId: target.id,
            rewrappedAt: new Date(),
          })
          .where(
            and(
              eq(t.tenantId, row.tenantId),
              eq(t.kind, row.kind),
              eq(t.version, row.version),
              eq(t.masterKeyId, old.id),
            ),
          )
          .returning({ version: t.version });
        rewrapped += updated.length;
      }
    });
  }

  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tenantDataKeys)
    .where(ne(tenantDataKeys.masterKeyId, target.id));
  options.log?.info(`Re-wrapped ${rewrapped} data keys; ${skipped} skipped`);
  return { masterKeyId: target.id, createdKey, rewrapped, skipped, remaining: left?.n ?? 0 };
}
