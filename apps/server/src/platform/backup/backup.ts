import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pack as tarPack } from 'tar-stream';
import { seal } from '../crypto/aes-gcm.js';
import type { MasterKeyring } from '../crypto/index.js';
import { type Migration, readMigrations } from '../db/migrate.js';
import { ObjectNotFoundError, type ObjectStore } from '../storage/index.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupManifest,
  DB_PREFIX,
  HEADER_ENTRY,
  ident,
  MANIFEST_ENTRY,
  OBJECTS_PREFIX,
  type ObjectEntry,
  PROBE_PLAINTEXT,
  probeAad,
  type TableEntry,
  writeEntry,
} from './archive.js';
import {
  appliedMigrationTimes,
  BACKED_UP_SCHEMA,
  foreignKeyOrder,
  listTables,
  readSequences,
} from './schema-info.js';

/** A table's COPY text goes into the archive in pieces of at most this many bytes (memory bound). */
const CHUNK_BYTES = 8 * 1024 * 1024;

export function appVersion(): string {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export interface BackupOptions {
  pool: pg.Pool;
  storage: ObjectStore;
  keyring: MasterKeyring;
  /** Where the gzip'd archive goes (a file stream). */
  out: NodeJS.WritableStream;
  /** Copy the objects into the archive. Default: yes with local storage, no (manifest only) with S3. */
  includeObjects?: boolean;
  migrations?: Migration[];
  gzipLevel?: number;
}

export interface BackupResult {
  backupId: string;
  tables: number;
  rows: number;
  /** Bytes of COPY text (before gzip). */
  databaseBytes: number;
  objects: number;
  objectBytes: number;
  objectsIncluded: boolean;
  /** Objects listed but deleted before they were read (left out). */
  objectsVanished: number;
  masterKeyIds: string[];
  /** Master key ids that wrap a tenant key but are not in this process's keyring. */
  masterKeyIdsMissing: string[];
  /** Jobs queued, retrying or running at the snapshot, by name: the job queue is not backed up (ADR 0022). */
  pendingJobs: Record<string, number>;
  migrations: number;
  durationMs: number;
  databaseMs: number;
}

/**
 * Writes one archive: the database as a logical dump read in ONE repeatable-read, read-only
 * transaction (a consistent snapshot while the server keeps writing), then the objects, then the
 * manifest. Streams throughout: memory holds at most one 8 MiB piece of a table.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const code = opts.migrations ?? readMigrations();
  const includeObjects = opts.includeObjects ?? opts.storage.driver === 'fs';
  const pack = tarPack();
  const written = pipeline(pack, createGzip({ level: opts.gzipLevel ?? 6 }), opts.out);
  // A failing consumer must end the writers' waits (a pending entry would otherwise never settle).
  written.catch((err: unknown) => pack.destroy(err as Error));

  const backupId = randomUUID();
  const tables: TableEntry[] = [];
  let sequences: BackupManifest['sequences'] = [];
  let header: BackupHeader;
  let headerSha256: string;
  let databaseMs = 0;
  let masterKeyIdsMissing: string[] = [];
  let pendingJobs: Record<string, number> = {};
  try {
    const client = await opts.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const times = new Set(await appliedMigrationTimes(client));
      const known = new Set(code.map((m) => m.when));
      const unknown = [...times].filter((t) => !known.has(t));
      if (unknown.length > 0)
        throw new Error(
          `the database has ${unknown.length} migration(s) this version of Bóveda does not know; back it up with the version that runs it`,
        );
      const migrations = code.filter((m) => times.has(m.when)).map((m) => m.tag);
      const keys = await readTenantKeys(client);
      const usedIds = [...new Set([...keys.rows.map((r) => r.master_key_id), opts.keyring.active().id])];
      masterKeyIdsMissing = usedIds.filter((id) => !opts.keyring.get(id));
      const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
      header = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        backupId,
        appVersion: appVersion(),
        createdAt: new Date().toISOString(),
        postgresVersion: version[0]?.server_version ?? 'unknown',
        migrations,
        storageDriver: opts.storage.driver,
        objectsIncluded: includeObjects,
        masterKeyIds: usedIds,
        probes: usedIds.flatMap((id) => {
          const key = opts.keyring.get(id);
          return key
            ? [
                {
                  masterKeyId: id,
                  sealed: seal(key.key, PROBE_PLAINTEXT, probeAad(backupId)).toString('base64'),
                },
              ]
            : [];
        }),
        tenantKeys: keys.rows.map((r) => ({
          tenantId: r.tenant_id,
          kind: r.kind,
          version: r.version,
          masterKeyId: r.master_key_id,
          wrappedKey: r.wrapped_key.toString('base64'),
        })),
      };
      const headerBytes = Buffer.from(JSON.stringify(header, null, 2));
      headerSha256 = createHash('sha256').update(headerBytes).digest('hex');
      await writeEntry(pack, HEADER_ENTRY, headerBytes.length, [headerBytes]);

      const ordered = await foreignKeyOrder(client, await listTables(client));
      for (const table of ordered) tables.push(await dumpTable(client, pack, table.name, table.columns));
      sequences = await readSequences(client);
      pendingJobs = await readPendingJobs(client);
      await client.query('COMMIT');
      databaseMs = Date.now() - started;
      client.release();
    } catch (err) {
      // Dropped, not rolled back: a ROLLBACK would wait behind a COPY cut off halfway.
      // The dying connection may still report its end (e.g. the server terminating it): not unhandled.
      client.on('error', () => {});
      client.release(true);
      throw err;
    }

    // Objects are listed after the snapshot: every object a row of the snapshot names was stored
    // before that row committed (modules store first, then record), so it is listed here unless it
    // was deleted in between; objects newer than the snapshot come along and are harmless.
    const objects: ObjectEntry[] = [];
    let objectBytes = 0;
    let vanished = 0;
    for await (const info of opts.storage.list('')) {
      if (!includeObjects) {
        objects.push({ key: info.key, size: info.size, ...(info.etag ? { etag: info.etag } : {}) });
        objectBytes += info.size;
        continue;
      }
      let body: NodeJS.ReadableStream;
      try {
        body = await opts.storage.get(info.key);
      } catch (err) {
        if (err instanceof ObjectNotFoundError) {
          vanished++;
          continue;
        }
        throw err;
      }
      const hash = createHash('sha256');
      const hashed = (async function* () {
        for await (const chunk of body) {
          const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
          hash.update(b);
          yield b;
        }
      })();
      // The size listed is the entry's size; an object rewritten since with another length fails
      // the entry (tar-stream checks it), and so the backup: objects are written once in Bóveda.
      await writeEntry(pack, `${OBJECTS_PREFIX}${info.key}`, info.size, hashed);
      objects.push({ key: info.key, size: info.size, sha256: hash.digest('hex') });
      objectBytes += info.size;
    }

    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      backupId,
      headerSha256,
      tables,
      sequences,
      objects: { included: includeObjects, count: objects.length, bytes: objectBytes, items: objects },
      finishedAt: new Date().toISOString(),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    await writeEntry(pack, MANIFEST_ENTRY, manifestBytes.length, [manifestBytes]);
    pack.finalize();
    await written;
    return {
      backupId,
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      databaseBytes: tables.reduce((n, t) => n + t.bytes, 0),
      objects: objects.length,
      objectBytes,
      objectsIncluded: includeObjects,
      objectsVanished: vanished,
      masterKeyIds: header.masterKeyIds,
      masterKeyIdsMissing,
      pendingJobs,
      migrations: header.migrations.length,
      durationMs: Date.now() - started,
      databaseMs,
    };
  } catch (err) {
    pack.destroy(err as Error);
    await written.catch(() => {});
    throw err;
  }
}

interface TenantKeyRow {
  tenant_id: string;
  kind: 'data' | 'blind-index';
  version: number;
  master_key_id: string;
  wrapped_key: Buffer;
}

async function readTenantKeys(client: pg.PoolClient): Promise<{ rows: TenantKeyRow[] }> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('${BACKED_UP_SCHEMA}.tenant_data_keys') IS NOT NULL AS exists`,
  );
  // A database never migrated has no such table, and nothing encrypted.
  if (!rows[0]?.exists) return { rows: [] };
  return client.query<TenantKeyRow>(
    `SELECT tenant_id::text, kind, version, master_key_id, wrapped_key FROM ${BACKED_UP_SCHEMA}.tenant_data_keys
      ORDER BY tenant_id, kind, version`,
  );
}

/** What pg-boss held as queued, retrying or running at the snapshot (not in the archive). */
async function readPendingJobs(client: pg.PoolClient): Promise<Record<string, number>> {
  const { rows } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('pgboss.job') IS NOT NULL AS exists",
  );
  // pg-boss's own queues (`__…`) and cron jobs come back by themselves after a restore.
  if (!rows[0]?.exists) return {};
  const { rows: jobs } = await client.query<{ name: string; n: number }>(
    `SELECT name, count(*)::int AS n FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '\\_\\_%'
        AND name NOT IN (SELECT name FROM pgboss.schedule)
      GROUP BY name ORDER BY name`,
  );
  return Object.fromEntries(jobs.map((j) => [j.name, j.n]));
}

/** One table's rows as COPY text, in pieces, with its row count and sha256. */
async function dumpTable(
  client: pg.PoolClient,
  pack: ReturnType<typeof tarPack>,
  name: string,
  columns: string[],
): Promise<TableEntry> {
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let chunks = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0 && chunks > 0) return;
    chunks++;
    const piece = `${DB_PREFIX}${name}/${String(chunks).padStart(6, '0')}.copy`;
    await writeEntry(pack, piece, pendingBytes, pending);
    pending = [];
    pendingBytes = 0;
  };
  const cols = columns.map(ident).join(', ');
  // COPY text: one line per row (newlines inside values are escaped), portable across PostgreSQL
  // versions, unlike the binary format. An empty table still gets one (empty) piece.
  const stream = client.query(
    copyTo(`COPY (SELECT ${cols} FROM ${BACKED_UP_SCHEMA}.${ident(name)}) TO STDOUT`),
  );
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    hash.update(b);
    bytes += b.length;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) rows++;
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  if (pendingBytes > 0 || chunks === 0) await flush();
  return { name, columns, rows, bytes, sha256: hash.digest('hex'), chunks };
}
