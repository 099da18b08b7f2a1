/**
 * Orders benchmark (issue 15), on PostgreSQL (embedded, or DATABASE_URL) through the real HTTP API:
 *
 * 1. clients: `--clients` (20,000) created through `POST /api/v1/clients` (sealed email, phone and
 *    address, blind index, audit), 8 at a time: clients per second;
 * 2. orders: `--timed` (3,000) created through `POST /api/v1/orders` (two lines each, totals, history
 *    row, event, audit), 8 at a time: orders per second; then the rest up to `--orders` (100,000)
 *    inserted in bulk with SQL, spread over the clients and statuses;
 * 3. lists: `GET /api/v1/orders` pages of 50 with client names — the first page, a status filter, a
 *    client's orders, a number prefix and a page 20 cursors deep — `--queries` (200) of each mix:
 *    p50/p95/p99.
 *
 *   npm run bench:orders -- [--clients 20000] [--orders 100000] [--timed 3000] [--queries 200]
 *
 * The last line is JSON.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppContext } from '../../apps/server/src/app/context.js';
import { buildHttpApp } from '../../apps/server/src/app/http-app.js';
import { loadConfig } from '../../apps/server/src/platform/config/config.js';
import { arg } from '../inbox/args.js';

const clientCount = Number(arg('clients', '20000'));
const orderCount = Number(arg('orders', '100000'));
const timed = Math.min(orderCount, Number(arg('timed', '3000')));
const queries = Number(arg('queries', '200'));
const CONCURRENCY = 8;
const actor = { type: 'system' as const, label: 'bench' };
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
const round1 = (n: number) => Math.round(n * 10) / 10;

async function pool<T>(n: number, work: (i: number) => Promise<T>) {
  let next = 0;
  const out: T[] = new Array(n);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await work(i);
    }),
  );
  return out;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-orders-'));
await chmod(dataDir, 0o755);
const ctx = await createAppContext(
  loadConfig({
    BOVEDA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '100000000',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  }),
  { role: 'api' },
);
const app = await buildHttpApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
try {
  const tenant = await ctx.services.tenants.createTenant(`Bench orders ${process.pid}`, actor);
  const { key } = await ctx.services.auth.createApiKey(
    tenant.id,
    { name: 'bench', role: 'admin', scopes: [] },
    { role: 'owner', userId: null },
    actor,
  );
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  let start = performance.now();
  const clientIds = await pool(clientCount, async (i) => {
    const c = await call('POST', '/api/v1/clients', {
      name: `Cliente ${i} S de RL`,
      email: `compras${i}@cliente${i % 997}.example`,
      phone: `55 ${String(10_000_000 + i).slice(0, 8)}`,
      address: `Calle ${i}, Col. Centro, CDMX`,
    });
    return c.id as string;
  });
  const clientsPerSecond = Math.round(clientCount / ((performance.now() - start) / 1000));
  console.log(`clients: ${clientCount.toLocaleString('en-US')} created at ${clientsPerSecond}/s`);

  const lines = [
    { sku: 'MART-16', description: 'Martillo de uña 16 oz', quantity: 3, unitPrice: '189.00' },
    { sku: 'CLAV-2', description: 'Clavo 2" (caja)', quantity: 10, unitPrice: '54.50', taxes: [] },
  ];
  start = performance.now();
  await pool(timed, (i) =>
    call('POST', '/api/v1/orders', { number: `PED-${i}`, clientId: clientIds[i % clientIds.length], lines }),
  );
  const ordersPerSecond = Math.round(timed / ((performance.now() - start) / 1000));
  console.log(`orders: ${timed.toLocaleString('en-US')} created at ${ordersPerSecond}/s through the API`);

  // The rest in bulk: copies of a created order's row under new numbers, clients and statuses.
  const bulk = orderCount - timed;
  const pg = ctx.database.pool;
  await pg.query(
    `INSERT INTO orders (id, tenant_id, number, client_id, status, return_status, lines, subtotal, taxes, withheld, total, created_at, updated_at,
                         shipped_at, delivered_at, cancelled_at)
     SELECT gen_random_uuid(), o.tenant_id, 'BULK-' || g, c.ids[1 + (g % array_length(c.ids, 1))],
            s.st, 'none', o.lines, o.subtotal, o.taxes, o.withheld, o.total,
            now() - make_interval(secs => g), now(),
            CASE WHEN s.st IN ('shipped','delivered') THEN now() END,
            CASE WHEN s.st = 'delivered' THEN now() END,
            CASE WHEN s.st = 'cancelled' THEN now() END
     FROM generate_series(1, $2::int) g
     CROSS JOIN (SELECT * FROM orders WHERE tenant_id = $1 LIMIT 1) o
     CROSS JOIN (SELECT array_agg(id) AS ids FROM clients WHERE tenant_id = $1) c
     CROSS JOIN LATERAL (SELECT (ARRAY['received','picking','packing','shipped','delivered','delivered','delivered','cancelled'])[1 + g % 8] AS st) s`,
    [tenant.id, bulk],
  );
  await pg.query(
    `UPDATE clients c SET order_count = n FROM (SELECT client_id, count(*) n FROM orders WHERE tenant_id = $1 GROUP BY 1) o
     WHERE c.id = o.client_id`,
    [tenant.id],
  );
  await pg.query('ANALYZE clients; ANALYZE orders;');
  console.log(
    `orders: ${bulk.toLocaleString('en-US')} more inserted in bulk (${orderCount.toLocaleString('en-US')} in all)`,
  );

  // A cursor 20 pages deep, to time a page far from the start.
  let deep: string | null = null;
  {
    let cursor: string | null = null;
    for (let p = 0; p < 20; p++) {
      const page = (await call('GET', `/api/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`)) as {
        nextCursor: string | null;
      };
      cursor = page.nextCursor;
    }
    deep = cursor;
  }
  const mixes: Record<string, (i: number) => string> = {
    first: () => '/api/v1/orders?limit=50',
    status: (i) =>
      `/api/v1/orders?limit=50&status=${['picking', 'shipped', 'delivered', 'cancelled'][i % 4]}`,
    client: (i) => `/api/v1/orders?limit=50&clientId=${clientIds[(i * 7919) % clientIds.length]}`,
    prefix: (i) => `/api/v1/orders?limit=50&q=BULK-${(i % 90) + 10}`,
    deep: () => `/api/v1/orders?limit=50&cursor=${deep}`,
  };
  const lists: Record<string, { p50Ms: number; p95Ms: number; p99Ms: number }> = {};
  const all: number[] = [];
  for (const [name, url] of Object.entries(mixes)) {
    const samples: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      const page = (await call('GET', url(i))) as { items: { client: { name: string } }[] };
      samples.push(performance.now() - t);
      if (name === 'first' && !page.items[0]?.client.name) throw new Error('a list without client names');
    }
    const sorted = samples.sort((a, b) => a - b);
    all.push(...samples);
    lists[name] = {
      p50Ms: round1(pct(sorted, 0.5)),
      p95Ms: round1(pct(sorted, 0.95)),
      p99Ms: round1(pct(sorted, 0.99)),
    };
    console.log(
      `list ${name}: p50 ${lists[name].p50Ms} ms, p95 ${lists[name].p95Ms} ms, p99 ${lists[name].p99Ms} ms`,
    );
  }
  const overall = all.sort((a, b) => a - b);
  const p95Ms = round1(pct(overall, 0.95));
  console.log(`list orders with client names (all mixes): p95 ${p95Ms} ms`);
  console.log(
    JSON.stringify({
      clients: clientCount,
      orders: orderCount,
      clientsPerSecond,
      ordersPerSecond,
      listP95Ms: p95Ms,
      lists,
    }),
  );
} finally {
  await app.close();
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true }).catch(() => {});
}
process.exit(0);
