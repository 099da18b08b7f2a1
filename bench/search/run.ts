/**
 * Search benchmark: seeds N CFDI for one tenant (default 1,000,000; ~50 RFCs over 6 years) in
 * PostgreSQL (embedded, or DATABASE_URL), ANALYZEs, then times the API's searches through the real
 * repository: RFC + direction + date range, newest first, one page of 50 (the explorer's default).
 *
 *   npm run bench:search -- [--rows 1000000] [--queries 200] [--work <dir>] [--seed 42]
 *
 * The last line is JSON with `p95Ms` (target ≤ 50 ms) for the RFC + date-range query.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createCfdiSearchRepository } from '../../apps/server/src/modules/cfdi/cfdi.search.repository.js';
import {
  CFDI_TABLE,
  type CfdiFilters,
  cfdiConditions,
  pageSql,
  type SortSpec,
} from '../../apps/server/src/modules/cfdi/cfdi.search.sql.js';
import { createDatabase } from '../../apps/server/src/platform/db/client.js';
import { startEmbeddedPostgres } from '../../apps/server/src/platform/db/embedded-postgres.js';
import { runMigrations } from '../../apps/server/src/platform/db/migrate.js';
import { BENCH_TENANT, benchRfc, FIRST_DAY, RFC_COUNT, seedBatch, YEARS } from './seed.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, def: number) => Number(arg(name) ?? def);
const rows = num('rows', 1_000_000);
const queries = num('queries', 200);
let seed = num('seed', 42);
const BATCH = 100_000;

// Deterministic query mix (mulberry32), so two runs time the same searches.
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A random RFC (same skew as the data) and a window of 1, 3 or 12 months inside the 6 years. */
function randomFilters(): CfdiFilters {
  const months = pick([1, 3, 12]);
  const startMonth = Math.floor(random() * (YEARS * 12 - months + 1));
  const start = new Date(`${FIRST_DAY}T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() + startMonth);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + months);
  end.setUTCDate(end.getUTCDate() - 1);
  return {
    rfc: benchRfc(Math.floor(RFC_COUNT * random() ** 2)),
    direction: pick(['issued', 'received'] as const),
    from: day(start),
    to: day(end),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const keep = arg('work');
const work = keep ? path.resolve(keep) : await mkdtemp(path.join(tmpdir(), 'boveda-bench-search-'));
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
const dbName = `bench_search_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const database = createDatabase(dbUrl.toString(), 4);

try {
  await runMigrations(database.pool);
  const { rows: info } = await database.pool.query<{ v: string }>(
    "SELECT current_setting('server_version') AS v",
  );
  await database.pool.query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'bench', 'Bench')", [
    BENCH_TENANT,
  ]);

  const seedStart = performance.now();
  for (let from = 1; from <= rows; from += BATCH) {
    await seedBatch(database.pool, from, Math.min(BATCH, rows - from + 1));
    process.stderr.write(`\rseeded ${Math.min(from + BATCH - 1, rows).toLocaleString('en-US')} rows`);
  }
  await database.pool.query('VACUUM ANALYZE cfdi_documents');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  process.stderr.write(`\rseeded ${rows.toLocaleString('en-US')} rows in ${seedSeconds.toFixed(1)} s\n`);

  const repo = createCfdiSearchRepository(database.db);
  // Stored UUIDs for the search box, pasted the way people do: upper case, no dashes, spaces.
  const { rows: stored } = await database.pool.query<{ uuid: string }>(
    'SELECT uuid::text AS uuid FROM cfdi_documents TABLESAMPLE SYSTEM (1) LIMIT 500',
  );
  const pastedUuid = () => `  ${pick(stored).uuid.replaceAll('-', '').toUpperCase()} `;
  const folioNumber = () => 1 + Math.floor(random() * rows);
  const newest: SortSpec = { field: 'date', order: 'desc' };
  const byTotal: SortSpec = { field: 'total', order: 'desc' };
  // The last three are reported, not targeted; fewer runs keep the bench short.
  const scenarios: {
    name: string;
    filters: () => CfdiFilters;
    sort: SortSpec;
    nextPage?: boolean;
    runs?: number;
  }[] = [
    { name: 'rfc+direction+dates, newest first (target)', filters: randomFilters, sort: newest },
    { name: 'same, second page (cursor)', filters: randomFilters, sort: newest, nextPage: true },
    {
      name: 'rfc (either side)+dates, newest first',
      filters: () => ({ ...randomFilters(), direction: undefined }),
      sort: newest,
    },
    { name: 'rfc+direction+dates, by total', filters: randomFilters, sort: byTotal },
    { name: 'whole tenant, newest first', filters: () => ({}), sort: newest, runs: 50 },
    { name: 'whole tenant, by total', filters: () => ({}), sort: byTotal, runs: 10 },
    {
      name: 'name contains (q), newest first',
      filters: () => ({ q: `empresa ${Math.floor(random() * 50)} sa` }),
      sort: newest,
      runs: 10,
    },
    { name: 'search box: pasted UUID', filters: () => ({ q: pastedUuid() }), sort: newest },
    { name: 'search box: serie-folio (a-123)', filters: () => ({ q: `a-${folioNumber()}` }), sort: newest },
    { name: 'search box: folio (123)', filters: () => ({ q: String(folioNumber()) }), sort: newest },
    {
      name: 'search box: RFC, newest first',
      filters: () => ({ q: benchRfc(Math.floor(RFC_COUNT * random() ** 2)) }),
      sort: newest,
    },
  ];
  const results: {
    name: string;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    runs: number;
    avgRows: number;
  }[] = [];
  for (const scenario of scenarios) {
    const runs = Math.min(queries, scenario.runs ?? queries);
    for (let i = 0; i < Math.min(20, runs); i++) {
      await repo.searchCfdi(BENCH_TENANT, scenario.filters(), { sort: scenario.sort, limit: 50 });
    }
    const times: number[] = [];
    let rowsSeen = 0;
    for (let i = 0; i < runs; i++) {
      const filters = scenario.filters();
      let after: Awaited<ReturnType<typeof repo.searchCfdi>>['next'] | undefined;
      if (scenario.nextPage)
        after = (await repo.searchCfdi(BENCH_TENANT, filters, { sort: scenario.sort, limit: 50 })).next;
      const t0 = performance.now();
      const page = await repo.searchCfdi(BENCH_TENANT, filters, {
        sort: scenario.sort,
        limit: 50,
        ...(after ? { after } : {}),
      });
      times.push(performance.now() - t0);
      rowsSeen += page.items.length;
    }
    times.sort((a, b) => a - b);
    results.push({
      name: scenario.name,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times.at(-1)!,
      runs,
      avgRows: rowsSeen / runs,
    });
  }

  // The plan of one target query, so a regression to a sequential scan is visible in the output.
  const sample = randomFilters();
  const { rows: plan } = await database.db.execute<{ 'QUERY PLAN': string }>(
    sql`EXPLAIN SELECT uuid FROM cfdi_documents d WHERE tenant_id = ${BENCH_TENANT}::uuid
        AND emisor_rfc = ${sample.rfc} AND issued_at >= ${sample.from}::date AND issued_at < ${sample.to}::date + 1
        ORDER BY d.issued_at DESC NULLS FIRST, d.uuid DESC LIMIT 51`,
  );
  // And of the search box's UUID and serie-folio lookups: the (tenant, uuid) key, the folio index.
  const planOf = async (q: string) =>
    (
      await database.db.execute<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN ANALYZE ${pageSql(CFDI_TABLE, sql`uuid`, cfdiConditions(BENCH_TENANT, { q }), newest, 50)}`,
      )
    ).rows
      .map((p) => p['QUERY PLAN'].trim())
      .join(' | ');
  const uuidPlan = await planOf(pastedUuid());
  const folioPlan = await planOf(`A-${folioNumber()}`);
  const { rows: size } = await database.pool.query<{ s: string }>(
    "SELECT pg_size_pretty(pg_total_relation_size('cfdi_documents')) AS s",
  );

  const pad = (s: string, n: number) => s.padEnd(n);
  const ms = (v: number) => v.toFixed(2).padStart(8);
  console.log(
    `\nPostgreSQL ${info[0]!.v}, ${rows.toLocaleString('en-US')} CFDI (${size[0]!.s} with indexes), up to ${queries} queries per scenario, page of 50\n`,
  );
  console.log(`${pad('scenario', 46)}  p50 ms   p95 ms   p99 ms   max ms  rows/page`);
  for (const r of results) {
    console.log(
      `${pad(r.name, 46)}${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}  ${r.avgRows.toFixed(1).padStart(9)}`,
    );
  }
  console.log(`\nplan: ${plan.map((p) => p['QUERY PLAN'].trim()).join(' | ')}\n`);
  console.log(`search box, UUID: ${uuidPlan}\n`);
  console.log(`search box, serie-folio: ${folioPlan}\n`);
  const target = results[0]!;
  console.log(
    JSON.stringify({
      rows,
      queries,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      p50Ms: Number(target.p50.toFixed(2)),
      p95Ms: Number(target.p95.toFixed(2)),
      p99Ms: Number(target.p99.toFixed(2)),
      scenarios: Object.fromEntries(
        results.map((r) => [r.name, { p50Ms: Number(r.p50.toFixed(2)), p95Ms: Number(r.p95.toFixed(2)) }]),
      ),
    }),
  );
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  await stopPostgres();
  if (!keep) await rm(work, { recursive: true, force: true });
}
