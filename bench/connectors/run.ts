/**
 * ERP connectors benchmark, against the local ERP simulator (`boveda-erp-sim` in its own process,
 * so its memory is not counted): Bóveda's worker (this process: app context, job workers, the
 * connector runs) pushes `--documents` vault CFDI to the ERP and pulls `--records` customers into
 * staging. Embedded PostgreSQL in a temporary directory (or DATABASE_URL).
 *
 *   npm run bench:connectors -- [--documents 10000] [--records 100000] [--concurrency 8] [--page 1000]
 *
 * Prints documents pushed per second and records pulled per second (each run's own start to
 * finish, as recorded on the run), and this process's peak RSS. The last line is JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connectorCreateBody } from '@boveda/contracts';
import { createAppContext } from '../../apps/server/src/app/context.js';
import { registerWorkers } from '../../apps/server/src/app/workers.js';
import { loadConfig } from '../../apps/server/src/platform/config/config.js';
import { arg } from '../inbox/args.js';
import { BENCH_TENANT, seedBatch } from '../search/seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const documents = Number(arg('documents', '10000'));
const records = Number(arg('records', '100000'));
const concurrency = Number(arg('concurrency', '8'));
const pageSize = Number(arg('page', '1000'));
const actor = { type: 'system' as const, label: 'bench' };

async function startErp(): Promise<{ url: string; child: ChildProcess }> {
  const bin = path.join(root, 'packages/erp-simulator/bin/boveda-erp-sim.mjs');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--port',
      '0',
      '--seed',
      'bench',
      '--customers',
      String(records),
      '--suppliers',
      '1',
      '--purchase-orders',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`erp simulator exited with ${code}`)));
  });
  return { url: line.trim(), child };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-connectors-'));
  await chmod(dataDir, 0o755);
  const erp = await startErp();
  const config = loadConfig({
    BOVEDA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    JOBS_POLL_SECONDS: '0.5',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const ctx = await createAppContext(config, { role: 'all' });
  try {
    const pool = ctx.database.pool;
    await pool.query(
      "INSERT INTO tenants (id, slug, name) VALUES ($1, 'bench-connectors', 'Bench') ON CONFLICT DO NOTHING",
      [BENCH_TENANT],
    );
    await pool.query('DELETE FROM cfdi_documents WHERE tenant_id = $1', [BENCH_TENANT]);
    await seedBatch(pool, 1, documents);
    await registerWorkers(ctx);
    const { connectors } = ctx.services;
    const connector = await connectors.create(
      BENCH_TENANT,
      actor,
      connectorCreateBody.parse({
        name: 'Bench ERP',
        direction: 'both',
        baseUrl: `${erp.url}/api`,
        auth: { type: 'none' },
        push: {
          source: 'cfdi',
          path: '/invoices',
          body: {
            uuid: '{{uuid}}',
            serie: '{{serie}}',
            folio: '{{folio}}',
            fecha: '{{fecha | date}}',
            rfc_emisor: '{{emisor.rfc}}',
            rfc_receptor: '{{receptor.rfc}}',
            total: '{{total}}',
          },
          concurrency,
        },
        pull: {
          resources: [
            {
              name: 'customers',
              kind: 'customers',
              path: '/customers',
              pagination: { style: 'cursor', pageSize },
              incremental: {},
            },
          ],
        },
      }),
    );
    const finished = async (runId: string) => {
      for (;;) {
        const run = await connectors.run(BENCH_TENANT, connector.id, runId);
        if (run.finishedAt) return run;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const seconds = (run: { startedAt: Date | null; finishedAt: Date | null }) =>
      (run.finishedAt!.getTime() - run.startedAt!.getTime()) / 1000;

    peakRss = 0;
    const push = await finished(
      (await connectors.queuePush(BENCH_TENANT, connector.id, { force: false }, 'bench')).id,
    );
    const pushRss = peakRss;
    const pushSeconds = seconds(push);
    console.log(
      `push: ${push.counts.exported} of ${documents} documents in ${pushSeconds.toFixed(1)} s = ${(push.counts.exported! / pushSeconds).toFixed(0)} documents/s (${concurrency} in flight), status ${push.status}, peak RSS ${(pushRss / 1e6).toFixed(0)} MB`,
    );

    peakRss = 0;
    const pull = await finished(
      (await connectors.queuePull(BENCH_TENANT, connector.id, { full: false }, 'bench')).id,
    );
    const pullRss = peakRss;
    const pullSeconds = seconds(pull);
    console.log(
      `pull: ${pull.counts.fetched} records (${pull.counts.added} added) in ${pullSeconds.toFixed(1)} s = ${(pull.counts.fetched! / pullSeconds).toFixed(0)} records/s (pages of ${pageSize}), status ${pull.status}, peak RSS ${(pullRss / 1e6).toFixed(0)} MB`,
    );

    // A re-sync of an unchanged ERP: only the boundary record comes back, nothing is written.
    const resync = await finished(
      (await connectors.queuePull(BENCH_TENANT, connector.id, { full: false }, 'bench')).id,
    );
    console.log(
      `re-sync: fetched ${resync.counts.fetched}, changed ${(resync.counts.added ?? 0) + (resync.counts.updated ?? 0)} in ${seconds(resync).toFixed(2)} s`,
    );

    console.log(
      JSON.stringify({
        documents,
        pushed: push.counts.exported,
        pushSeconds,
        documentsPerSecond: Math.round(push.counts.exported! / pushSeconds),
        pushPeakRssMb: Math.round(pushRss / 1e6),
        records,
        pulled: pull.counts.fetched,
        pullSeconds,
        recordsPerSecond: Math.round(pull.counts.fetched! / pullSeconds),
        pullPeakRssMb: Math.round(pullRss / 1e6),
        concurrency,
        pageSize,
      }),
    );
  } finally {
    clearInterval(sampler);
    await ctx.close();
    erp.child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }
}

await main();
process.exit(0);
