/**
 * PAC benchmark, against the Facturify simulator on 127.0.0.1:
 *
 * 1. token reads: `getToken()` of one account as business calls do it (the token is in the
 *    process's memory until its refresh window), and a read of the shared record from the cache
 *    (what a process pays for a token it has not seen: Redis with REDIS_URL, else memory);
 *    reads per second and p50/p99;
 * 2. stamping: `--invoices` CFDI 4.0 created through the service and stamped by the worker's
 *    `pac.stamp` jobs (embedded PostgreSQL, or DATABASE_URL); invoices stamped per second from the
 *    first creation to the last stamp, with peak RSS.
 *
 *   npm run bench:pac -- [--reads 200000] [--invoices 300]
 *
 * The last line is JSON.
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pacInvoiceCreateBody } from '@boveda/contracts';
import { startFacturifySimulator } from '@boveda/facturify-simulator';
import { createAppContext } from '../../apps/server/src/app/context.js';
import { registerWorkers } from '../../apps/server/src/app/workers.js';
import { createFacturifyAccounts } from '../../apps/server/src/modules/pac/facturify/facturify-accounts.js';
import { createCache } from '../../apps/server/src/platform/cache/index.js';
import { loadConfig } from '../../apps/server/src/platform/config/config.js';
import { createLogger } from '../../apps/server/src/platform/logging/index.js';
import { arg } from '../inbox/args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reads = Number(arg('reads', '200000'));
const invoices = Number(arg('invoices', '300'));
const CREDS = { apiKey: 'bench-key-0001', apiSecret: 'bench-secret-0001' };
const actor = { type: 'system' as const, label: 'bench' };
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

async function tokenReads(simUrl: string) {
  const cache = await createCache({
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    keyPrefix: `bench-pac-${process.pid}:`,
    onError: () => {},
  });
  const registry = createFacturifyAccounts({
    cache,
    logger: createLogger({ level: 'silent' }),
    timeoutMs: 5_000,
    options: {
      bufferMs: 60_000,
      hardMarginMs: 5_000,
      lockTtlMs: 15_000,
      breakerMs: 300_000,
      attempts: 3,
      backoffBaseMs: 100,
      backoffFactor: 2,
      backoffCapMs: 1_000,
    },
  });
  const account = registry.get({ environment: 'sandbox', baseUrl: simUrl, ...CREDS });
  await account.tokens.getToken();
  const measure = async (n: number, read: () => Promise<unknown>) => {
    const samples = new Float64Array(n);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await read();
      samples[i] = performance.now() - t;
    }
    const seconds = (performance.now() - start) / 1000;
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      perSecond: Math.round(n / seconds),
      p50Us: Math.round(pct(sorted, 0.5) * 1000),
      p99Us: Math.round(pct(sorted, 0.99) * 1000),
    };
  };
  const memory = await measure(reads, () => account.tokens.getToken());
  const shared = await measure(Math.min(reads, 20_000), () => cache.get(`${account.keyBase}:token`));
  registry.close();
  await cache.close();
  return { memory, shared, driver: process.env.REDIS_URL ? 'redis' : 'memory' };
}

async function stamping(simUrl: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-pac-'));
  await chmod(dataDir, 0o755);
  const ctx = await createAppContext(
    loadConfig({
      BOVEDA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS_POLL_SECONDS: '0.5',
      SAT_TRUST_TEST_CA: 'true',
      FACTURIFY_BASE_URL: simUrl,
      FACTURIFY_API_KEY: CREDS.apiKey,
      FACTURIFY_API_SECRET: CREDS.apiSecret,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    }),
    { role: 'all' },
  );
  try {
    const { tenants, taxpayers, pacInvoices } = ctx.services;
    const tenant = await tenants.createTenant(`Bench PAC ${process.pid}`, actor);
    const efirma = (name: string) =>
      readFile(path.join(root, 'test-fixtures', 'efirma', `fiel-EKU9003173C9${name}`));
    await taxpayers.addTaxpayer(
      tenant.id,
      {
        certificate: await efirma('.cer'),
        privateKey: await efirma('.key'),
        password: (await efirma('-password.txt')).toString().trim(),
      },
      actor,
    );
    await registerWorkers(ctx);
    const body = pacInvoiceCreateBody.parse({
      issuerRfc: 'EKU9003173C9',
      formaPago: '03',
      receptor: {
        rfc: 'XIA190128J61',
        nombre: 'XENON INDUSTRIAL ARTICLES',
        regimenFiscal: '601',
        codigoPostal: '76343',
        usoCfdi: 'G03',
      },
      conceptos: [
        {
          claveProdServ: '84111506',
          claveUnidad: 'E48',
          cantidad: '1',
          descripcion: 'Honorarios',
          valorUnitario: '1000.00',
          traslados: [{ impuesto: '002', tasa: '0.160000' }],
        },
      ],
    });
    peakRss = 0;
    const start = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < invoices; i++) ids.push((await pacInvoices.create(tenant.id, actor, body)).id);
    for (;;) {
      const { rows } = await ctx.database.pool.query<{ n: number; failed: number }>(
        "SELECT count(*) FILTER (WHERE status = 'stamped')::int AS n, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM pac_invoices WHERE tenant_id = $1",
        [tenant.id],
      );
      if (rows[0]!.n + rows[0]!.failed >= invoices) {
        const seconds = (performance.now() - start) / 1000;
        return {
          invoices,
          stamped: rows[0]!.n,
          failed: rows[0]!.failed,
          seconds,
          perSecond: Math.round((rows[0]!.n / seconds) * 10) / 10,
          peakRssMb: Math.round(peakRss / 1e6),
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }
}

const sim = await startFacturifySimulator({ ...CREDS, expiresInUnit: 'seconds' });
try {
  const tokens = await tokenReads(sim.url);
  console.log(
    `token reads (${tokens.driver}): in process ${tokens.memory.perSecond.toLocaleString('en-US')}/s p50 ${tokens.memory.p50Us} µs p99 ${tokens.memory.p99Us} µs; shared record ${tokens.shared.perSecond.toLocaleString('en-US')}/s p50 ${tokens.shared.p50Us} µs p99 ${tokens.shared.p99Us} µs`,
  );
  const stamp = await stamping(sim.url);
  console.log(
    `stamping: ${stamp.stamped} of ${stamp.invoices} invoices in ${stamp.seconds.toFixed(1)} s = ${stamp.perSecond} invoices/s (${stamp.failed} failed), peak RSS ${stamp.peakRssMb} MB`,
  );
  console.log(JSON.stringify({ tokens, stamping: stamp, calls: sim.calls() }));
} finally {
  clearInterval(sampler);
  await sim.close();
}
process.exit(0);
