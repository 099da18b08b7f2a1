/**
 * Backup and restore benchmark: seeds N synthetic CFDI (the search benchmark's generator) and M
 * stored objects of S KiB (random bytes: they do not compress, like zipped SAT packages) in
 * PostgreSQL (embedded, or DATABASE_URL) and a local object folder, then times `createBackup` and
 * `restoreBackup` into a new database and folder and prints MB/s and rows/s.
 *
 *   npm run bench:backup -- [--rows 200000] [--objects 200] [--object-kib 256] [--work <dir>]
 *
 * The last line is JSON with every figure.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createBackup, restoreBackup } from '../../apps/server/src/platform/backup/index.js';
import { createSecretBox, loadMasterKeyring } from '../../apps/server/src/platform/crypto/index.js';
import { createDatabase } from '../../apps/server/src/platform/db/client.js';
import { startEmbeddedPostgres } from '../../apps/server/src/platform/db/embedded-postgres.js';
import { runMigrations } from '../../apps/server/src/platform/db/migrate.js';
import { createObjectStore } from '../../apps/server/src/platform/storage/index.js';
import { BENCH_TENANT, seedBatch } from '../search/seed.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, def: number) => Number(arg(name) ?? def);
const rows = num('rows', 200_000);
const objects = num('objects', 200);
const objectKib = num('object-kib', 256);
const BATCH = 100_000;

const keep = arg('work');
const work = keep ? path.resolve(keep) : await mkdtemp(path.join(tmpdir(), 'boveda-bench-backup-'));
await mkdir(work, { recursive: true });
await chmod(work, 0o755); // as root, embedded PostgreSQL runs as postgres and must traverse it

const external = process.env.DATABASE_URL;
let stopPostgres = async () => {};
let adminUrl: string;
if (external) {
  adminUrl = external;
} else {
  const pgDir = path.join(work, 'pg');
  await rm(pgDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(pgDir, () => {});
  adminUrl = server.url;
  stopPostgres = () => server.stop();
}
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const names = [`bench_backup_src_${process.pid}`, `bench_backup_dst_${process.pid}`];
for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
const urlOf = (n: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${n}`;
  return u.toString();
};
const source = createDatabase(urlOf(names[0]!), 4);
const target = createDatabase(urlOf(names[1]!), 4);
const mb = (bytes: number) => bytes / 1024 / 1024;

try {
  await runMigrations(source.pool);
  await source.pool.query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'bench', 'Bench')", [
    BENCH_TENANT,
  ]);
  const keyring = await loadMasterKeyring({
    masterKey: randomBytes(32).toString('base64'),
    keyFile: path.join(work, 'unused.key'),
    log: { info: () => {}, warn: () => {} },
  });
  await createSecretBox({ db: source.db, keyring, accessLog: { recordDecryption: async () => {} } }).encrypt(
    BENCH_TENANT,
    'bench:1',
    'secreto',
  );
  const seedStart = performance.now();
  for (let from = 1; from <= rows; from += BATCH) {
    await seedBatch(source.pool, from, Math.min(BATCH, rows - from + 1));
    process.stderr.write(`\rseeded ${Math.min(from + BATCH - 1, rows).toLocaleString('en-US')} CFDI`);
  }
  const sourceStore = createObjectStore({ driver: 'fs', rootDir: path.join(work, 'objects-src') });
  for (let i = 0; i < objects; i++)
    await sourceStore.put(`tenants/${BENCH_TENANT}/paquetes/${i}.zip`, randomBytes(objectKib * 1024));
  process.stderr.write(
    `\rseeded ${rows.toLocaleString('en-US')} CFDI and ${objects} objects of ${objectKib} KiB in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`,
  );

  const file = path.join(work, 'backup.tar.gz');
  const b0 = performance.now();
  const backup = await createBackup({
    pool: source.pool,
    storage: sourceStore,
    keyring,
    out: createWriteStream(file),
  });
  const backupS = (performance.now() - b0) / 1000;
  const archiveBytes = (await stat(file)).size;

  const targetStore = createObjectStore({ driver: 'fs', rootDir: path.join(work, 'objects-dst') });
  const r0 = performance.now();
  const restore = await restoreBackup({
    file,
    pool: target.pool,
    storage: targetStore,
    keyring,
    log: (m) => process.stderr.write(`  restore +${((performance.now() - r0) / 1000).toFixed(2)} s: ${m}\n`),
  });
  const restoreS = (performance.now() - r0) / 1000;

  const inputBytes = backup.databaseBytes + backup.objectBytes;
  const table = [
    ['', 'backup', 'restore'],
    ['seconds', backupS.toFixed(2), restoreS.toFixed(2)],
    [
      'database rows/s',
      Math.round(backup.rows / (backup.databaseMs / 1000)).toLocaleString('en-US'),
      Math.round(restore.rows / restoreS).toLocaleString('en-US'),
    ],
    [
      'MB/s (COPY text + objects)',
      (mb(inputBytes) / backupS).toFixed(1),
      (mb(inputBytes) / restoreS).toFixed(1),
    ],
  ];
  console.log(
    `\n${backup.rows.toLocaleString('en-US')} rows (${mb(backup.databaseBytes).toFixed(1)} MB as COPY text), ${backup.objects} objects (${mb(backup.objectBytes).toFixed(1)} MB); archive ${mb(archiveBytes).toFixed(1)} MB\n`,
  );
  for (const row of table) console.log(`${row[0]!.padEnd(28)}${row[1]!.padStart(12)}${row[2]!.padStart(12)}`);
  console.log(
    JSON.stringify({
      rows: backup.rows,
      databaseMB: +mb(backup.databaseBytes).toFixed(1),
      objects: backup.objects,
      objectMB: +mb(backup.objectBytes).toFixed(1),
      archiveMB: +mb(archiveBytes).toFixed(1),
      backupSeconds: +backupS.toFixed(2),
      backupDatabaseSeconds: +(backup.databaseMs / 1000).toFixed(2),
      restoreSeconds: +restoreS.toFixed(2),
      backupMBps: +(mb(inputBytes) / backupS).toFixed(1),
      restoreMBps: +(mb(inputBytes) / restoreS).toFixed(1),
    }),
  );
} finally {
  await source.close();
  await target.close();
  for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  await admin.end();
  await stopPostgres();
  if (!keep) await rm(work, { recursive: true, force: true });
}
