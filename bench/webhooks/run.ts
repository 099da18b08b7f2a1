/**
 * Webhook delivery benchmark: a `boveda worker` process delivers signed webhooks to a local HTTP
 * receiver while this process publishes inbox events (`document.failed`) through the real outbox,
 * spread over N organizations with one endpoint each. Embedded PostgreSQL in a temporary data
 * directory (or DATABASE_URL).
 *
 *   node --import tsx bench/webhooks/run.ts [--events 100000] [--endpoints 10] [--rate 600] [--batch 50]
 *
 * `--rate` paces publication (events per second, in transactions of `--batch`); 0 publishes as fast
 * as it can. Prints the sustained delivery rate (target ≥ 500/s) and the time from an event's
 * commit to its first attempt reaching the receiver, p50/p95/p99 (target p95 ≤ 1 s). The last line
 * is JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { invoiceFailed } from '@boveda/contracts';
import { createAppContext } from '../../apps/server/src/app/context.js';
import { loadConfig } from '../../apps/server/src/platform/config/config.js';
import { arg } from '../inbox/args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const events = Number(arg('events', '100000'));
const endpoints = Number(arg('endpoints', '10'));
const rate = Number(arg('rate', '600'));
const batch = Number(arg('batch', '50'));

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-webhooks-'));
  await chmod(dataDir, 0o755);
  const env = {
    BOVEDA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  const ctx = await createAppContext(loadConfig(env), { role: 'cli' });
  const committedAt = new Map<string, number>();
  const firstArrival = new Map<string, number>();
  let arrivals = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals++;
      const name = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { fileName: string } }).data
        .fileName;
      if (!firstArrival.has(name)) firstArrival.set(name, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  let worker: ChildProcess | null = null;
  try {
    const tenants: string[] = [];
    for (let i = 0; i < endpoints; i++) {
      const tenant = await ctx.services.tenants.createTenant(`Bench ${i}`, {
        type: 'system',
        label: 'bench',
      });
      tenants.push(tenant.id);
      await ctx.services.webhooks.createEndpoint(
        tenant.id,
        { type: 'system', label: 'bench' },
        {
          url: `http://127.0.0.1:${port}/hook/${i}`,
        },
      );
    }
    worker = spawn(process.execPath, [path.join(root, 'apps/server/bin/boveda.mjs'), 'worker'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env, DATABASE_URL: ctx.database.url, WORKER_JOBS: 'events.*,webhooks.*' },
    });
    // The worker is ready when the test event of a warm-up endpoint comes back.
    const warm = await ctx.services.webhooks.createEndpoint(
      tenants[0]!,
      { type: 'system', label: 'bench' },
      {
        url: `http://127.0.0.1:${port}/warm`,
        eventTypes: ['webhook.test'],
      },
    );
    await ctx.services.webhooks.sendTest(tenants[0]!, warm.row.id);
    while (arrivals === 0) await new Promise((r) => setTimeout(r, 100));
    arrivals = 0;
    firstArrival.clear();

    console.log(`publishing ${events} events over ${endpoints} endpoints at ${rate || 'max'} events/s…`);
    const started = performance.now();
    for (let sent = 0; sent < events; sent += batch) {
      const names: string[] = [];
      await ctx.database.transaction(async (tx) => {
        for (let i = sent; i < Math.min(events, sent + batch); i++) {
          const fileName = `e-${i}`;
          names.push(fileName);
          await ctx.events.publish(
            tx,
            invoiceFailed,
            {
              invoiceId: randomUUID(),
              fileName,
              uuid: null,
              emisorRfc: 'EKU9003173C9',
              receptorRfc: null,
              total: '1160.00',
              code: 'EXTRACTION_UNREADABLE',
              message: 'bench',
            },
            { tenantId: tenants[i % endpoints]!, actor: { type: 'system', label: 'bench' } },
          );
        }
      });
      const now = performance.now();
      for (const n of names) committedAt.set(n, now);
      if (rate > 0) {
        const due = started + ((sent + batch) / rate) * 1000;
        if (due > now) await new Promise((r) => setTimeout(r, due - now));
      }
    }
    const published = performance.now();
    while (firstArrival.size < events) {
      await new Promise((r) => setTimeout(r, 200));
      if (performance.now() - published > 600_000) throw new Error('deliveries did not finish in 10 minutes');
    }
    const finished = performance.now();
    const times = [...firstArrival.values()];
    const first = Math.min(...times);
    const last = Math.max(...times);
    const latencies = [...firstArrival].map(([n, at]) => at - committedAt.get(n)!).sort((a, b) => a - b);
    const result = {
      events,
      endpoints,
      publishRatePerSecond: Math.round(events / ((published - started) / 1000)),
      deliveriesPerSecond: Math.round(events / ((last - first) / 1000)),
      attemptsReceived: arrivals,
      duplicates: arrivals - events,
      commitToFirstAttemptMs: {
        p50: Math.round(pct(latencies, 0.5)),
        p95: Math.round(pct(latencies, 0.95)),
        p99: Math.round(pct(latencies, 0.99)),
        max: Math.round(latencies.at(-1)!),
      },
      drainAfterLastCommitMs: Math.round(finished - published),
    };
    console.log(
      `${result.deliveriesPerSecond} deliveries/s sustained (published at ${result.publishRatePerSecond}/s); ` +
        `commit → first attempt p50 ${result.commitToFirstAttemptMs.p50} ms, p95 ${result.commitToFirstAttemptMs.p95} ms, ` +
        `p99 ${result.commitToFirstAttemptMs.p99} ms`,
    );
    console.log(JSON.stringify(result));
  } finally {
    worker?.kill('SIGTERM');
    if (worker) await new Promise((r) => worker!.once('exit', r));
    receiver.close();
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
