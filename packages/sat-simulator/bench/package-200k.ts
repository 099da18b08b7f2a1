/**
 * Streams one 200,000-CFDI package to a temp file and reports throughput and peak RSS.
 * Run: node --import tsx packages/sat-simulator/bench/package-200k.ts [count] [kind]
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createUniverse } from '../src/universe/index.js';

const count = Number(process.argv[2] ?? 200_000);
const kind = process.argv[3] === 'metadata' ? 'metadata' : 'cfdi';
const rfc = 'EKU9003173C9';
const universe = createUniverse({
  seed: 'bench',
  volumes: { [rfc]: { issuedPerMonth: count, receivedPerMonth: 10 } },
  cfdiPerPackage: count,
});
const filter = {
  requesterRfc: rfc,
  direction: 'issued' as const,
  kind: kind as 'cfdi' | 'metadata',
  from: '2024-05-01T00:00:00',
  to: '2024-05-31T23:59:59',
  status: 'Todos' as const,
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const t0 = performance.now();
const total = universe.count(filter);
const tCount = performance.now() - t0;
const plans = universe.planPackages('bench-request', filter);
const tPlan = performance.now() - t0 - tCount;
const plan = plans[0];
if (!plan) throw new Error('nothing to package');
const dir = await mkdtemp(join(tmpdir(), 'sat-universe-bench-'));
const file = join(dir, `${plan.id}.zip`);
const t1 = performance.now();
await pipeline(universe.packageZip(plan), createWriteStream(file));
const seconds = (performance.now() - t1) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const size = (await stat(file)).size;
console.log(
  JSON.stringify(
    {
      kind,
      documents: plan.uuids.length,
      countMs: Math.round(tCount),
      planMs: Math.round(tPlan),
      zipSeconds: Number(seconds.toFixed(2)),
      docsPerSecond: Math.round(plan.uuids.length / seconds),
      zipMiB: Number((size / 2 ** 20).toFixed(1)),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      matched: total,
      file: process.argv.includes('--keep') ? file : undefined,
    },
    null,
    2,
  ),
);
if (!process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
