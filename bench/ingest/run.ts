/**
 * End-to-end ingestion benchmark: a simulator package of n CFDI and a metadata file of m rows in
 * a file object store, ingested into PostgreSQL (embedded, or DATABASE_URL) by the real service.
 *
 *   npm run bench:ingest -- --cfdi 200000 --metadata 1000000
 *     [--workers 2] [--batch 300] [--connections 2] [--metadata-batch 20000] [--work <dir>] [--reference 20000]
 *     [--pg-max-wal-size 4GB]   (ALTER SYSTEM on the server used; default: leave it as it is)
 *
 * The last line printed is one JSON object (cfdiPerSecond, peakRssMb, metadataRowsPerSecond,
 * referenceParsePerSecond, …). --work keeps the generated packages there and reuses them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import pg from 'pg';
import pino from 'pino';
import { createCfdiIngestion } from '../../apps/server/src/modules/cfdi/ingestion/index.js';
import { readZipEntries } from '../../apps/server/src/modules/cfdi/parsing/index.js';
import { createPubSub } from '../../apps/server/src/platform/cache/index.js';
import { createDatabase } from '../../apps/server/src/platform/db/client.js';
import { startEmbeddedPostgres } from '../../apps/server/src/platform/db/embedded-postgres.js';
import { runMigrations } from '../../apps/server/src/platform/db/migrate.js';
import { createEvents } from '../../apps/server/src/platform/events/index.js';
import { createJobs } from '../../apps/server/src/platform/jobs/jobs.js';
import { createNotifications } from '../../apps/server/src/platform/notify/index.js';
import { createFsObjectStore } from '../../apps/server/src/platform/storage/index.js';

const argv = process.argv.slice(2);
function arg(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}
function num(name: string, fallback: number): number {
  const v = Number(arg(name));
  return Number.isFinite(v) && v >= 0 && arg(name) !== undefined ? v : fallback;
}

const cfdiCount = num('cfdi', 20_000);
const metadataRows = num('metadata', 100_000);
const workers = num('workers', 2);
const batchRows = num('batch', 300);
const connections = num('connections', 2);
const metadataBatch = num('metadata-batch', 20_000);
const referenceCount = num('reference', 20_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const keep = arg('work');
const work = keep ? path.resolve(keep) : await mkdtemp(path.join(tmpdir(), 'boveda-bench-ingest-'));
await mkdir(work, { recursive: true });
// As root, embedded PostgreSQL runs as the postgres user and must traverse the folder.
await chmod(work, 0o755);
const objectsDir = path.join(work, 'objects');
const tenantPrefix = 'tenants/00000000-0000-4000-8000-000000000001/clientes/EKU9003173C9/2025/paquetes';
const cfdiKey = `${tenantPrefix}/cfdi/BENCH_${cfdiCount}.zip`;
const metadataKey = `${tenantPrefix}/metadata/BENCH_${metadataRows}.zip`;

let generation = 'reused';
if (!existsSync(path.join(objectsDir, cfdiKey)) || !existsSync(path.join(objectsDir, metadataKey))) {
  console.error(`generating ${cfdiCount} CFDI and ${metadataRows} metadata rows with the simulator…`);
  generation = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'generate.ts'),
      objectsDir,
      cfdiKey,
      `${cfdiCount}`,
      metadataKey,
      `${metadataRows}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
}

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
const dbName = `bench_ingest_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
// Optional server setting (a deployment choice, not the app's): fewer checkpoints during a
// multi-GB load means fewer full-page images of index pages in the WAL.
const maxWalSize = arg('pg-max-wal-size');
if (maxWalSize) {
  await admin.query(`ALTER SYSTEM SET max_wal_size = '${maxWalSize.replace(/[^0-9A-Za-z]/g, '')}'`);
  await admin.query('SELECT pg_reload_conf()');
}
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const database = createDatabase(dbUrl.toString(), 6);

const results: Record<string, unknown> = {};
try {
  await runMigrations(database.pool);
  const { rows: serverInfo } = await database.pool.query<{ v: string }>(
    "SELECT current_setting('server_version') AS v",
  );
  const tenantId = '00000000-0000-4000-8000-000000000001';
  await database.pool.query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'bench', 'Bench')", [tenantId]);
  const storage = createFsObjectStore({ rootDir: objectsDir });
  const jobs = createJobs({
    connectionString: dbUrl.toString(),
    pollingIntervalSeconds: 60,
    supervise: false,
    onError: () => {},
  });
  // As in the app: the outcome row and its `cfdi.package.ingested` event commit together (the
  // outbox insert is part of what is measured; nobody consumes it here).
  const events = createEvents({
    pool: database.pool,
    transaction: database.transaction,
    jobs,
    pubsub: await createPubSub({ onError: () => {} }),
    // Only rings (no listener here); it connects only to listen.
    notifications: createNotifications({ connectionString: dbUrl.toString(), onError: () => {} }),
    onError: () => {},
  });
  const ingestion = createCfdiIngestion({
    pool: database.pool,
    transaction: database.transaction,
    events,
    storage,
    jobs,
    logger: pino({ level: 'silent' }),
    tempDir: work,
    cfdi: { workers, batchRows },
    metadata: { batchRows: metadataBatch, connections },
  });

  let sampledRss = 0;
  // At the sampled peak: how much of the RSS is the main thread's heap (the rest is the workers'
  // isolates, native buffers and code).
  let mainThreadAtPeak: Record<string, number> = {};
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss <= sampledRss) return;
    sampledRss = m.rss;
    mainThreadAtPeak = {
      heapTotalMb: mb(m.heapTotal),
      heapUsedMb: mb(m.heapUsed),
      externalMb: mb(m.external),
    };
  }, 100);

  const t0 = performance.now();
  const cfdi = await ingestion.ingestPackage({ tenantId, objectKey: cfdiKey, kind: 'cfdi' });
  const cfdiSeconds = (performance.now() - t0) / 1000;
  const rssAfterCfdi = process.resourceUsage().maxRSS * 1024;

  const t1 = performance.now();
  const meta = await ingestion.ingestPackage({ tenantId, objectKey: metadataKey, kind: 'metadata' });
  const metadataSeconds = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  const rssAfterMetadata = process.resourceUsage().maxRSS * 1024;

  if (cfdi.state !== 'completed' || cfdi.stored !== cfdiCount)
    throw new Error(
      `CFDI ingestion: ${cfdi.state}, stored ${cfdi.stored} of ${cfdiCount} (${cfdi.error ?? ''})`,
    );
  if (meta.state !== 'completed' || meta.stored !== metadataRows)
    throw new Error(
      `metadata ingestion: ${meta.state}, stored ${meta.stored} of ${metadataRows} (${meta.error ?? ''})`,
    );
  const { rows: status } = await database.pool.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM cfdi_documents GROUP BY status ORDER BY status',
  );

  // Reference: a plain single-threaded fast-xml-parser loop over the same XML, already in memory
  // (measured after the ingestion so its strings do not count in the ingestion's peak RSS).
  const xml: string[] = [];
  for await (const entry of readZipEntries(path.join(objectsDir, cfdiKey), { extensions: ['.xml'] })) {
    if ('data' in entry) xml.push(entry.data.toString('utf8'));
    if (xml.length >= Math.min(referenceCount, cfdiCount)) break;
  }
  const plain = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
  });
  const tr = performance.now();
  for (const s of xml) plain.parse(s);
  const referenceParsePerSecond = xml.length / ((performance.now() - tr) / 1000);
  const avgXmlBytes = xml.reduce((n, s) => n + Buffer.byteLength(s), 0) / Math.max(xml.length, 1);

  Object.assign(results, {
    cfdi: cfdiCount,
    metadata: metadataRows,
    cfdiPerSecond: Math.round(cfdiCount / cfdiSeconds),
    cfdiSeconds: Number(cfdiSeconds.toFixed(2)),
    peakRssMb: mb(rssAfterCfdi),
    metadataRowsPerSecond: Math.round(metadataRows / metadataSeconds),
    metadataSeconds: Number(metadataSeconds.toFixed(2)),
    peakRssAfterMetadataMb: mb(rssAfterMetadata),
    sampledPeakRssMb: mb(sampledRss),
    mainThreadAtPeak,
    referenceParsePerSecond: Math.round(referenceParsePerSecond),
    referenceDocs: xml.length,
    avgXmlBytes: Math.round(avgXmlBytes),
    documentStatuses: Object.fromEntries(status.map((s) => [s.status, s.n])),
    workers,
    batchRows,
    connections,
    metadataBatch,
    postgres: external ? `DATABASE_URL ${serverInfo[0]!.v}` : `embedded ${serverInfo[0]!.v}`,
    maxWalSize: maxWalSize ?? 'server default',
    generation: generation === 'reused' ? generation : JSON.parse(generation),
  });
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  await stopPostgres();
  if (!keep) await rm(work, { recursive: true, force: true });
}

const table: [string, string][] = [
  ['CFDI ingested', `${results.cfdi} in ${results.cfdiSeconds} s`],
  ['CFDI per second (end-to-end, committed)', `${results.cfdiPerSecond}  (target ≥ 5,000)`],
  ['Peak RSS during CFDI ingestion', `${results.peakRssMb} MB  (target ≤ 400)`],
  ['Metadata rows ingested', `${results.metadata} in ${results.metadataSeconds} s  (target 1M ≤ 15 s)`],
  ['Metadata rows per second', `${results.metadataRowsPerSecond}`],
  ['Peak RSS incl. metadata', `${results.peakRssAfterMetadataMb} MB`],
  [
    'Reference: fast-xml-parser, 1 thread',
    `${results.referenceParsePerSecond} docs/s over ${results.referenceDocs} docs`,
  ],
  ['PostgreSQL', `${results.postgres}`],
];
for (const [k, v] of table) console.log(`${k.padEnd(42)} ${v}`);
console.log(JSON.stringify(results));
