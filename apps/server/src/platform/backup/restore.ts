import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { open } from '../crypto/aes-gcm.js';
import { unwrapTenantKey } from '../crypto/data-key-wrap.js';
import type { MasterKeyring } from '../crypto/index.js';
import { type Migration, readMigrations, runMigrations } from '../db/migrate.js';
import type { ObjectStore } from '../storage/index.js';
import {
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupManifest,
  backupHeaderSchema,
  backupManifestSchema,
  DB_PREFIX,
  HEADER_ENTRY,
  ident,
  MANIFEST_ENTRY,
  OBJECTS_PREFIX,
  PROBE_PLAINTEXT,
  probeAad,
  readAll,
  readArchive,
} from './archive.js';
import { appliedMigrationTimes, BACKED_UP_SCHEMA, listTables, tablesWithRows } from './schema-info.js';

/** Written to the object store while a restore copies objects, removed once the data committed. */
export const RESTORE_MARKER_KEY = 'boveda-restore/in-progress.json';

export type RestoreRefusal =
  | 'archive-invalid'
  | 'archive-newer'
  | 'wrong-master-key'
  | 'target-not-empty'
  | 'interrupted-restore';

/** A restore that stopped before writing anything, with why. */
export class RestoreRefusedError extends Error {
  constructor(
    readonly reason: RestoreRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreOptions {
  file: string;
  pool: pg.Pool;
  storage: ObjectStore;
  keyring: MasterKeyring;
  migrations?: Migration[];
  log?: (msg: string) => void;
}

export interface RestoreResult {
  backupId: string;
  createdAt: string;
  tables: number;
  rows: number;
  objects: number;
  objectBytes: number;
  objectsIncluded: boolean;
  /** S3 manifest mode: objects the manifest lists that the bucket lacks (or holds with another size). */
  objectsMissing: number;
  migrations: number;
  durationMs: number;
}

/**
 * Restores an archive onto an empty database (and empty object storage when the archive carries
 * the objects). Refuses, before writing anything: a damaged archive, an archive of a newer Bóveda,
 * a master key that cannot decrypt it, a target that holds data. Then migrates the database to the
 * archive's migrations, loads every table in ONE transaction (in foreign-key order), sets the
 * sequences, copies the objects, and only then commits: an interrupted restore leaves the tables
 * empty, never half-filled.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const code = opts.migrations ?? readMigrations();

  const header = await readHeader(opts.file);
  const codeTags = new Map(code.map((m) => [m.tag, m]));
  const unknown = header.migrations.filter((t) => !codeTags.has(t));
  if (unknown.length > 0)
    throw new RestoreRefusedError(
      'archive-newer',
      `The archive was made by a newer Bóveda (version ${header.appVersion}): ${unknown.length} of its migrations are unknown to this version (${unknown.slice(0, 3).join(', ')}). Restore it with that version or a later one.`,
    );
  checkMasterKeys(header, opts.keyring);
  log('Master key checked: it opens every tenant key of the archive.');
  await checkTargetEmpty(opts, header, code);
  log('Target checked: empty.');
  const manifest = await verifyArchive(opts.file, header);
  log(
    `Archive verified: ${manifest.tables.length} tables, ${manifest.objects.count} objects, checksums match.`,
  );

  const wanted = new Set(header.migrations);
  await runMigrations(
    opts.pool,
    code.filter((m) => wanted.has(m.tag)),
  );
  log(`Database migrated to the archive's ${header.migrations.length} migrations.`);

  const loaded = await load(opts, header, manifest, log);
  let objectsMissing = 0;
  if (!manifest.objects.included) {
    const present = new Map<string, number>();
    for await (const o of opts.storage.list('')) present.set(o.key, o.size);
    objectsMissing = manifest.objects.items.filter((o) => present.get(o.key) !== o.size).length;
  }
  return {
    backupId: header.backupId,
    createdAt: header.createdAt,
    tables: manifest.tables.length,
    rows: loaded.rows,
    objects: manifest.objects.count,
    objectBytes: manifest.objects.bytes,
    objectsIncluded: manifest.objects.included,
    objectsMissing,
    migrations: header.migrations.length,
    durationMs: Date.now() - started,
  };
}

/** The archive's header (its first entry), without reading further. */
export async function readHeader(file: string): Promise<BackupHeader> {
  try {
    for await (const entry of readArchive(file)) {
      if (entry.name !== HEADER_ENTRY) break;
      const parsed = backupHeaderSchema.safeParse(JSON.parse((await readAll(entry.body)).toString('utf8')));
      if (!parsed.success) break;
      if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION)
        throw new RestoreRefusedError(
          'archive-newer',
          `The archive's format (version ${parsed.data.formatVersion}) is newer than this Bóveda reads (${BACKUP_FORMAT_VERSION}).`,
        );
      return parsed.data;
    }
  } catch (err) {
    if (err instanceof RestoreRefusedError) throw err;
    throw new RestoreRefusedError(
      'archive-invalid',
      `Not a readable Bóveda backup: ${(err as Error).message}`,
    );
  }
  throw new RestoreRefusedError(
    'archive-invalid',
    'Not a Bóveda backup: its first entry is not the backup header.',
  );
}

/**
 * Proves the configured master key(s) are the backup's: each probe opens, and every wrapped tenant
 * key unwraps (so every secret and sealed column will decrypt). Reports ids only, never keys.
 */
export function checkMasterKeys(header: BackupHeader, keyring: MasterKeyring): void {
  const missing = header.masterKeyIds.filter((id) => !keyring.get(id));
  const badProbe = header.probes.filter((p) => {
    const key = keyring.get(p.masterKeyId);
    const opened = key && open(key.key, Buffer.from(p.sealed, 'base64'), probeAad(header.backupId));
    return !opened?.equals(PROBE_PLAINTEXT);
  });
  const badKeys = header.tenantKeys.filter((k) => {
    const key = keyring.get(k.masterKeyId);
    return (
      !key ||
      !unwrapTenantKey(
        key,
        { tenantId: k.tenantId, kind: k.kind, version: k.version },
        Buffer.from(k.wrappedKey, 'base64'),
      )
    );
  });
  if (missing.length > 0 || badProbe.length > 0 || badKeys.length > 0)
    throw new RestoreRefusedError(
      'wrong-master-key',
      `The configured master key cannot decrypt this backup: it was made with master key id(s) ${header.masterKeyIds.join(', ')}; this process holds ${keyring.ids().join(', ') || 'none'}` +
        `${badKeys.length > 0 ? ` (${badKeys.length} of ${header.tenantKeys.length} tenant keys do not unwrap)` : ''}. ` +
        'Configure the backup’s key (BOVEDA_MASTER_KEY, or its key file) and run the restore again. Nothing was written.',
    );
}

async function checkTargetEmpty(opts: RestoreOptions, header: BackupHeader, code: Migration[]) {
  const archiveTimes = new Set(code.filter((m) => header.migrations.includes(m.tag)).map((m) => m.when));
  const client = await opts.pool.connect();
  try {
    const applied = await appliedMigrationTimes(client);
    if (applied.some((t) => !archiveTimes.has(t)))
      throw new RestoreRefusedError(
        'target-not-empty',
        'The target database has migrations the archive lacks (it was set up by a newer Bóveda): restore into a new, empty database.',
      );
    const full = await tablesWithRows(client, await listTables(client));
    if (full.length > 0)
      throw new RestoreRefusedError(
        'target-not-empty',
        `The target database is not empty (rows in ${full.slice(0, 5).join(', ')}${full.length > 5 ? ', …' : ''}): a restore only goes into a new, empty database. Nothing was written.`,
      );
  } finally {
    client.release();
  }
  if (header.objectsIncluded) {
    if (await opts.storage.head(RESTORE_MARKER_KEY))
      throw new RestoreRefusedError(
        'interrupted-restore',
        `An earlier restore into this object storage was interrupted (${RESTORE_MARKER_KEY} is there; the database kept none of its rows). Empty the storage (${opts.storage.driver === 'fs' ? 'the objects folder' : 'the bucket'}) and run the restore again.`,
      );
    for await (const _ of opts.storage.list(''))
      throw new RestoreRefusedError(
        'target-not-empty',
        `The target object storage is not empty (${opts.storage.driver === 'fs' ? 'the objects folder' : 'the bucket'} holds objects): a restore only goes into empty storage. Nothing was written.`,
      );
  }
}

const tableOf = (name: string) => name.slice(DB_PREFIX.length, name.lastIndexOf('/'));

/** Reads the whole archive once: every table's and object's sha256 and size against the manifest. */
export async function verifyArchive(file: string, header: BackupHeader): Promise<BackupManifest> {
  const damaged = (why: string) =>
    new RestoreRefusedError(
      'archive-invalid',
      `The archive is damaged or incomplete: ${why}. Nothing was written.`,
    );
  const tables: {
    name: string;
    hash: ReturnType<typeof createHash>;
    rows: number;
    bytes: number;
    chunks: number;
  }[] = [];
  const objects = new Map<string, { size: number; sha256: string }>();
  let headerSha256 = '';
  let manifest: BackupManifest | undefined;
  let index = 0;
  try {
    for await (const entry of readArchive(file)) {
      if (manifest) throw damaged(`an entry after the manifest (${entry.name})`);
      if (index++ === 0) {
        headerSha256 = createHash('sha256')
          .update(await readAll(entry.body))
          .digest('hex');
      } else if (entry.name.startsWith(DB_PREFIX)) {
        const name = tableOf(entry.name);
        let t = tables[tables.length - 1];
        if (t?.name !== name) {
          if (tables.some((x) => x.name === name)) throw damaged(`table ${name} is split`);
          t = { name, hash: createHash('sha256'), rows: 0, bytes: 0, chunks: 0 };
          tables.push(t);
        }
        t.chunks++;
        for await (const b of entry.body) {
          t.hash.update(b);
          t.bytes += b.length;
          for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) t.rows++;
        }
      } else if (entry.name.startsWith(OBJECTS_PREFIX)) {
        const hash = createHash('sha256');
        let size = 0;
        for await (const b of entry.body) {
          hash.update(b);
          size += b.length;
        }
        objects.set(entry.name.slice(OBJECTS_PREFIX.length), { size, sha256: hash.digest('hex') });
      } else if (entry.name === MANIFEST_ENTRY) {
        const parsed = backupManifestSchema.safeParse(
          JSON.parse((await readAll(entry.body)).toString('utf8')),
        );
        if (!parsed.success) throw damaged('the manifest does not parse');
        manifest = parsed.data;
      } else {
        throw damaged(`an unexpected entry (${entry.name})`);
      }
    }
  } catch (err) {
    if (err instanceof RestoreRefusedError) throw err;
    throw damaged((err as Error).message);
  }
  if (!manifest) throw damaged('no manifest at its end (the backup did not finish)');
  if (manifest.backupId !== header.backupId || manifest.headerSha256 !== headerSha256)
    throw damaged('the header does not match the manifest');
  if (manifest.tables.length !== tables.length)
    throw damaged('the number of tables differs from the manifest');
  manifest.tables.forEach((m, i) => {
    const t = tables[i]!;
    if (t.name !== m.name) throw damaged(`table ${m.name} is missing or out of order`);
    if (
      t.hash.digest('hex') !== m.sha256 ||
      t.rows !== m.rows ||
      t.bytes !== m.bytes ||
      t.chunks !== m.chunks
    )
      throw damaged(`table ${m.name} does not match its checksum`);
  });
  if (manifest.objects.included) {
    if (objects.size !== manifest.objects.items.length)
      throw damaged('the number of objects differs from the manifest');
    for (const o of manifest.objects.items) {
      const seen = objects.get(o.key);
      if (!seen || seen.size !== o.size || seen.sha256 !== o.sha256)
        throw damaged(`object ${o.key} is missing or does not match its checksum`);
    }
  } else if (objects.size > 0) throw damaged('objects in an archive whose manifest lists none');
  return manifest;
}

async function load(
  opts: RestoreOptions,
  header: BackupHeader,
  manifest: BackupManifest,
  log: (msg: string) => void,
): Promise<{ rows: number }> {
  const client = await opts.pool.connect();
  const written: string[] = [];
  let rows = 0;
  try {
    await client.query('BEGIN');
    // Two restores at once into one database would both see it empty.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('boveda:restore'))");
    const target = new Map((await listTables(client)).map((t) => [t.name, t]));
    const full = await tablesWithRows(client, [...target.values()]);
    if (full.length > 0)
      throw new RestoreRefusedError(
        'target-not-empty',
        `The target database received rows meanwhile (${full[0]}).`,
      );
    for (const t of manifest.tables) {
      const there = target.get(t.name);
      if (!there || there.columns.join(',') !== t.columns.join(','))
        throw new Error(`table ${t.name} of the archive does not match the migrated schema`);
    }
    if (target.size !== manifest.tables.length)
      throw new Error('the migrated schema has tables the archive does not list');
    if (manifest.objects.included) {
      await opts.storage.put(RESTORE_MARKER_KEY, JSON.stringify({ backupId: header.backupId }));
      written.push(RESTORE_MARKER_KEY);
    }

    // Secondary indexes are built once after the load instead of row by row (as pg_dump does): on
    // 200,000 CFDI the load took a third of the time. Indexes a constraint owns or a foreign key
    // relies on stay. DDL is transactional: a failed restore rolls this back too.
    await client.query("SET LOCAL maintenance_work_mem = '128MB'");
    const deferred = await secondaryIndexes(client);
    for (const i of deferred) await client.query(`DROP INDEX ${BACKED_UP_SCHEMA}.${ident(i.name)}`);

    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    let copy: ReturnType<typeof copyFrom> | undefined;
    let copying: string | undefined;
    // Checked again while loading (the file could change after the verification pass): a
    // mismatch fails the transaction before COMMIT.
    let tableHash = createHash('sha256');
    const endCopy = async () => {
      if (!copy) return;
      const stream = copy;
      copy = undefined;
      stream.end();
      await finished(stream);
      const expected = byName.get(copying!)!;
      if (stream.rowCount !== expected.rows)
        throw new Error(
          `table ${copying}: ${stream.rowCount} rows loaded, the manifest says ${expected.rows}`,
        );
      if (tableHash.digest('hex') !== expected.sha256)
        throw new Error(`table ${copying}: the archive changed since it was verified`);
      rows += stream.rowCount;
    };
    const objectHashes = new Map(manifest.objects.items.map((o) => [o.key, o.sha256]));
    for await (const entry of readArchive(opts.file)) {
      if (entry.name.startsWith(DB_PREFIX)) {
        const name = tableOf(entry.name);
        if (name !== copying) {
          await endCopy();
          copying = name;
          tableHash = createHash('sha256');
          const t = byName.get(name);
          if (!t) throw new Error(`table ${name} is not in the manifest`);
          copy = client.query(
            copyFrom(
              `COPY ${BACKED_UP_SCHEMA}.${ident(name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`,
            ),
          );
          // Its error is read by `finished` or the drain wait; without a listener it would crash.
          copy.on('error', () => {});
        }
        for await (const b of entry.body) {
          const stream = copy!;
          tableHash.update(b);
          // A COPY the server failed is destroyed: it would never drain again.
          if (stream.destroyed) throw stream.errored ?? new Error(`COPY into ${name} ended early`);
          if (!stream.write(b)) await once(stream, 'drain');
        }
        continue;
      }
      await endCopy();
      if (entry.name.startsWith(OBJECTS_PREFIX)) {
        const key = entry.name.slice(OBJECTS_PREFIX.length);
        written.push(key);
        const put = await opts.storage.put(key, Readable.from(entry.body));
        if (put.sha256 !== objectHashes.get(key))
          throw new Error(`object ${key}: the archive changed since it was verified`);
      }
    }
    await endCopy();
    for (const i of deferred) await client.query(i.definition);
    log(
      `Tables loaded: ${rows} rows${manifest.objects.included ? `; ${written.length - 1} objects copied` : ''}.`,
    );
    for (const s of manifest.sequences)
      await client.query(`SELECT setval($1, $2::bigint, $3)`, [
        `${BACKED_UP_SCHEMA}.${ident(s.name)}`,
        s.lastValue,
        s.isCalled,
      ]);
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    // The connection is dropped, not rolled back: a ROLLBACK would wait behind a COPY cut off
    // halfway. PostgreSQL aborts the transaction of a closed connection.
    // The dying connection may still report its end (e.g. the server terminating it): not unhandled.
    client.on('error', () => {});
    client.release(true);
    // Objects of a failed restore go too (the marker last: it flags leftovers of a crash).
    for (const key of written.reverse()) await opts.storage.delete(key).catch(() => {});
    throw err;
  }
  if (manifest.objects.included) await opts.storage.delete(RESTORE_MARKER_KEY);
  // Planner statistics now rather than at autovacuum's leisure.
  await opts.pool.query('ANALYZE');
  return { rows };
}

async function secondaryIndexes(client: pg.PoolClient): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname::text AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY 1`,
    [BACKED_UP_SCHEMA],
  );
  return rows;
}
