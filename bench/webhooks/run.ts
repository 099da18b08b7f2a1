/**
 * Webhook delivery benchmark: a `boveda worker` process delivers signed webhooks to a local HTTP
 * receiver for inbox events (`document.failed`) published through the real outbox, spread over N
 * organizations with one endpoint each. Embedded PostgreSQL in a temporary data directory (or
 * DATABASE_URL). Two phases:
 *
 * 1. throughput: `--events` are published while no worker runs (a backlog, as after an outage or a
 *    burst), then the worker starts; deliveries per second from its first to its last delivery
 *    (target ≥ 500/s sustained for 100,000 events across 10 endpoints);
 * 2. latency: with the worker running, `--latency-events` are published at `--rate` per second in
 *    transactions of `--batch`; time from each commit to its first attempt reaching the receiver,
 *    p50/p95/p99 (target p95 ≤ 1 s).
 *
 *   npm run bench:webhooks -- [--events 100000] [--endpoints 10] [--latency-events 20000] [--rate 400] [--batch 20]
 *
 * The last line is JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../../apps/server/src/app/context.js';
import { publishFailedDocuments } from '../../apps/server/src/modules/webhooks/testing/document-events.js';
import { loadConfig } from '../../apps/server/src/platform/config/config.js';
import { arg } from '../inbox/args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const events = Number(arg('events', '100000'));
const endpoints = Number(arg('endpoints', '10'));
const latencyEvents = Number(arg('latency-events', '20000'));
const rate = Number(arg('rate', '400'));
const batch = Number(arg('batch', '20'));

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
  const tenants: string[] = [];
  let arrivals = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { fileName: string } }).data
        .fileName;
      if (name) arrivals++;
      if (name && !firstArrival.has(name)) firstArrival.set(name, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  let worker: ChildProcess | null = null;
  try {
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
    const startWorker = () =>
      spawn(process.execPath, [path.join(root, 'apps/server/bin/boveda.mjs'), 'worker'], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ...env, DATABASE_URL: ctx.database.url, WORKER_JOBS: 'events.*,webhooks.*' },
      });
    let seq = 0;
    /** Publishes `count` events in transactions of `batch`, paced at `perSecond` (0: at once). */
    const publish = async (count: number, perSecond: number) => {
      const t0 = performance.now();
      for (let sent = 0; sent < count; sent += batch) {
        const names: string[] = [];
        for (let i = sent; i < Math.min(count, sent + batch); i++) names.push(`e-${seq++}`);
        // Spread over the organizations: one transaction per organization's share of the batch.
        await ctx.database.transaction(async (tx) => {
          for (let t = 0; t < endpoints; t++)
            await publishFailedDocuments(
              ctx.events,
              tx,
              tenants[t]!,
              names.filter((_, k) => k % endpoints === t),
            );
        });
        const now = performance.now();
        for (const n of names) committedAt.set(n, now);
        if (perSecond > 0) {
          const due = t0 + ((sent + batch) / perSecond) * 1000;
          if (due > now) await new Promise((r) => setTimeout(r, due - now));
        }
      }
      return Math.round(count / ((performance.now() - t0) / 1000));
    };
    const until = async (n: number) => {
      const t0 = performance.now();
      while (firstArrival.size < n) {
        await new Promise((r) => setTimeout(r, 100));
        if (performance.now() - t0 > 900_000) throw new Error('deliveries did not finish in 15 minutes');
      }
    };

    console.log(`throughput: publishing a backlog of ${events} events over ${endpoints} endpoints…`);
    await publish(events, 0);
    worker = startWorker();
    // The warm-up endpoint's test event goes with the backlog; it is not counted.
    const warm = await ctx.services.webhooks.createEndpoint(
      tenants[0]!,
      { type: 'system', label: 'bench' },
      {
        url: `http://127.0.0.1:${port}/warm`,
        eventTypes: ['webhook.test'],
      },
    );
    await ctx.services.webhooks.sendTest(tenants[0]!, warm.row.id);
    await until(events);
    const times = [...firstArrival.values()];
    const deliveriesPerSecond = Math.round(events / ((Math.max(...times) - Math.min(...times)) / 1000));
    const backlogAttempts = arrivals;
    console.log(
      `  ${deliveriesPerSecond} deliveries/s sustained over ${events} (${arrivals - events} duplicates)`,
    );

    console.log(`latency: ${latencyEvents} events at ${rate}/s with the worker running…`);
    firstArrival.clear();
    committedAt.clear();
    arrivals = 0;
    const publishRate = await publish(latencyEvents, rate);
    await until(latencyEvents);
    const latencies = [...firstArrival].map(([n, at]) => at - committedAt.get(n)!).sort((a, b) => a - b);
    const result = {
      events,
      endpoints,
      deliveriesPerSecond,
      duplicates: backlogAttempts - events,
      latency: {
        events: latencyEvents,
        publishedPerSecond: publishRate,
        commitToFirstAttemptMs: {
          p50: Math.round(pct(latencies, 0.5)),
          p95: Math.round(pct(latencies, 0.95)),
          p99: Math.round(pct(latencies, 0.99)),
          max: Math.round(latencies.at(-1)!),
        },
      },
    };
    console.log(
      `  commit → first attempt p50 ${result.latency.commitToFirstAttemptMs.p50} ms, p95 ${result.latency.commitToFirstAttemptMs.p95} ms, ` +
        `p99 ${result.latency.commitToFirstAttemptMs.p99} ms (published at ${publishRate}/s)`,
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
