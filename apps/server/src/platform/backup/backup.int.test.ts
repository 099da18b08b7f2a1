import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createSecretBox, loadMasterKeyring, type MasterKeyring } from '../crypto/index.js';
import { readMigrations, runMigrations } from '../db/migrate.js';
import { createObjectStore, type ObjectStore } from '../storage/index.js';
import { createBackup, RESTORE_MARKER_KEY, readArchive, readHeader, restoreBackup } from './index.js';

/**
 * The backup's S3 modes against s3rver (a real S3-protocol server in this process) and the
 * refusal of an archive made by a newer Bóveda. The full round trip through the API is
 * `test/e2e/backup-restore.int.test.ts`.
 */
let s3: S3rver;
let s3dir: string;
let endpoint: string;
let work: string;
let source: Awaited<ReturnType<typeof createTestDatabase>>;
let keyring: MasterKeyring;
const dropped: (() => Promise<unknown>)[] = [];

const bucket = (name: string): ObjectStore =>
  createObjectStore({
    driver: 's3',
    endpoint,
    region: 'us-east-1',
    bucket: name,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });

async function emptyPool() {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  dropped.push(async () => {
    await pool.end();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return pool;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'boveda-backup-s3-'));
  s3dir = path.join(work, 's3');
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3dir,
    configureBuckets: [{ name: 'origen' }, { name: 'destino' }],
  });
  endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
  source = await createTestDatabase();
  keyring = await loadMasterKeyring({
    masterKey: randomBytes(32).toString('base64'),
    keyFile: path.join(work, 'unused.key'),
    log: { info: () => {}, warn: () => {} },
  });
  const { rows } = await source.pool.query<{ id: string }>(
    "INSERT INTO tenants (name, slug) VALUES ('S3', 's3') RETURNING id",
  );
  const box = createSecretBox({ db: source.db, keyring, accessLog: { recordDecryption: async () => {} } });
  await box.encrypt(rows[0]!.id, 'test:1', 'un secreto');
  const store = bucket('origen');
  await store.put(`tenants/${rows[0]!.id}/a.xml`, '<a/>');
  await store.put(`tenants/${rows[0]!.id}/año/b.zip`, randomBytes(70_000));
});

afterAll(async () => {
  for (const d of dropped) await d().catch(() => {});
  await source?.close();
  await s3?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('backups with S3 storage', () => {
  it('lists the bucket (keys, sizes, ETags) without copying it, and the restore checks it', async () => {
    const file = path.join(work, 'manifest-only.tar.gz');
    const store = bucket('origen');
    const result = await createBackup({
      pool: source.pool,
      storage: store,
      keyring,
      out: createWriteStream(file),
    });
    expect(result).toMatchObject({ objectsIncluded: false, objects: 2, objectBytes: 70_004 });
    let manifest: { objects: { items: { key: string; etag?: string; sha256?: string }[] } } | undefined;
    for await (const e of readArchive(file)) {
      expect(e.name.startsWith('objects/')).toBe(false);
      if (e.name === 'manifest.json') {
        const chunks: Buffer[] = [];
        for await (const c of e.body) chunks.push(c);
        manifest = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      }
    }
    expect(manifest!.objects.items).toHaveLength(2);
    for (const o of manifest!.objects.items) expect(o.etag).toMatch(/^[0-9a-f]{32}/);

    // Restored next to the same bucket (kept by the bucket's own backup): every object is there.
    const restored = await restoreBackup({ file, pool: await emptyPool(), storage: store, keyring });
    expect(restored).toMatchObject({ objectsIncluded: false, objectsMissing: 0, tables: result.tables });
    // Against an empty bucket: reported, not silently ignored.
    const elsewhere = await restoreBackup({
      file,
      pool: await emptyPool(),
      storage: bucket('destino'),
      keyring,
    });
    expect(elsewhere.objectsMissing).toBe(2);
  });

  it('copies the objects with --include-objects, and restores them into an empty bucket', async () => {
    const file = path.join(work, 'with-objects.tar.gz');
    const result = await createBackup({
      pool: source.pool,
      storage: bucket('origen'),
      keyring,
      out: createWriteStream(file),
      includeObjects: true,
    });
    expect(result).toMatchObject({ objectsIncluded: true, objects: 2 });
    const target = bucket('destino');
    // The previous test restored nothing into it; make sure it is empty.
    for await (const o of target.list('')) await target.delete(o.key);
    const restored = await restoreBackup({ file, pool: await emptyPool(), storage: target, keyring });
    expect(restored).toMatchObject({ objectsIncluded: true, objects: 2, objectsMissing: 0 });
    for await (const o of bucket('origen').list(''))
      expect(await target.getBuffer(o.key)).toEqual(await bucket('origen').getBuffer(o.key));
  });
});

describe('versions', () => {
  it('refuses an archive whose migrations this code does not know', async () => {
    const file = path.join(work, 'newer.tar.gz');
    await createBackup({
      pool: source.pool,
      storage: bucket('origen'),
      keyring,
      out: createWriteStream(file),
    });
    const header = await readHeader(file);
    expect(header.migrations).toEqual(readMigrations().map((m) => m.tag));
    const pool = await emptyPool();
    const older = readMigrations().slice(0, -1);
    await expect(
      restoreBackup({ file, pool, storage: bucket('destino'), keyring, migrations: older }),
    ).rejects.toMatchObject({ reason: 'archive-newer' });
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    expect(rows[0].n).toBe(0);
  });
});

describe('failures midway', () => {
  it('a destination that fails ends the backup with its error (no hang) and the pool stays usable', async () => {
    let seen = 0;
    const failing = new Writable({
      write(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > 2_000 ? new Error('disk full') : null);
      },
    });
    const store = createObjectStore({ driver: 'fs', rootDir: path.join(work, 'fail-src') });
    await store.put('tenants/x/big.bin', randomBytes(300_000));
    await expect(createBackup({ pool: source.pool, storage: store, keyring, out: failing })).rejects.toThrow(
      'disk full',
    );
    expect((await source.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a load the database rejects leaves the tables empty and removes the objects it wrote', async () => {
    const store = createObjectStore({ driver: 'fs', rootDir: path.join(work, 'fail-src2') });
    await store.put('tenants/x/a.bin', randomBytes(1000));
    const file = path.join(work, 'fails-to-load.tar.gz');
    await createBackup({ pool: source.pool, storage: store, keyring, out: createWriteStream(file) });
    // A migrated, empty target whose deferred trigger refuses the rows at COMMIT: after every
    // table was loaded and every object copied (a stand-in for any late failure).
    const pool = await emptyPool();
    await runMigrations(pool);
    await pool.query(
      "CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refuse_all'; END $$",
    );
    await pool.query(
      'CREATE CONSTRAINT TRIGGER refuse_all AFTER INSERT ON tenants DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_all()',
    );
    const target = createObjectStore({ driver: 'fs', rootDir: path.join(work, 'fail-dst') });
    await expect(restoreBackup({ file, pool, storage: target, keyring })).rejects.toThrow(/refuse_all/);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM tenant_data_keys');
    expect(rows[0].n).toBe(0);
    const left: string[] = [];
    for await (const o of target.list('')) left.push(o.key);
    expect(left).toEqual([]);
    expect(await target.head(RESTORE_MARKER_KEY)).toBeNull();
  });
});
