/**
 * OCR throughput, raw identifier hits and peak RSS on the generated scan/photo corpus.
 *
 *   node --import tsx bench/inbox/scan-corpus.ts          # once: builds bench/inbox/.corpus
 *   npx tsx bench/inbox/ocr.ts [--corpus bench/inbox/.corpus] [--workers 1,2] [--max-side 2500]
 *
 * For each corpus kind (scan, photo), max side and worker count: prepares every page
 * (prepareImage), warms the pool (thread start is not counted), then submits all pages at once and
 * reports pages/s and s/page of wall time, the hits of UUID / RFC emisor / RFC receptor / total as
 * plain substrings of the OCR text (whitespace removed, upper case; no correction), and the RSS
 * peak sampled every 50 ms. The process's own peak (VmHWM) is printed at the end. Prints figures;
 * asserts nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createOcrEngine, type OcrEngine } from '../../apps/server/src/modules/inbox/ocr/index.js';
import { prepareImage } from '../../apps/server/src/modules/inbox/ocr/prepare-image.js';
import { arg } from './args.js';
import type { ScanTruth } from './scan-corpus.js';

const corpus = resolve(arg('corpus', join(import.meta.dirname, '.corpus')));
const workerCounts = arg('workers', '1,2').split(',').map(Number);
const maxSides = arg('max-side', '2500').split(',').map(Number);
const kinds = arg('kinds', 'scan,photo').split(',');
const truth: ScanTruth[] = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));

const mb = (bytes: number) => Math.round(bytes / 1048576);
/** process.cpuUsage() covers every thread of the process, tesseract's included. */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function vmHwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** As the printed representation shows it: "$1,000.00". */
function printedTotal(total: string): string {
  return Number(total).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function hits(text: string, t: ScanTruth): boolean[] {
  const flat = text.replace(/\s+/g, '').toUpperCase();
  return [t.uuid, t.emisorRfc, t.receptorRfc, printedTotal(t.total)].map((v) =>
    flat.includes(v.toUpperCase()),
  );
}

interface Row {
  kind: string;
  maxSide: number;
  workers: number;
  pages: number;
  prepareMs: number;
  prepareCpuMs: number;
  wallMs: number;
  /** CPU time of the whole process (all threads) per page: independent of other load on the box. */
  ocrCpuMs: number;
  hits: number[];
  peakRss: number;
}

async function runOne(kind: string, maxSide: number, workers: number): Promise<Row> {
  const dir = join(corpus, kind);
  const files = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const pages: { f: string; image: Buffer }[] = [];
  for (const f of files)
    pages.push({ f, image: (await prepareImage(readFileSync(join(dir, f)), { maxSide })).image });
  const prepareMs = (performance.now() - t0) / pages.length;
  const prepareCpuMs = cpuMs(process.cpuUsage(c0)) / pages.length;

  const engine: OcrEngine = createOcrEngine({ workers, timeoutMs: 120_000 });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  try {
    // Warm every thread on the first page so thread start-up (~1–2 s each) is not in the figure.
    const warm = pages[0]!.image;
    await Promise.all(Array.from({ length: workers }, () => engine.recognize(warm)));
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const results = await Promise.all(pages.map((p) => engine.recognize(p.image)));
    const wallMs = performance.now() - t1;
    const ocrCpuMs = cpuMs(process.cpuUsage(c1)) / pages.length;
    const total = [0, 0, 0, 0];
    results.forEach((r, i) => {
      const name = pages[i]!.f.replace(/\.jpg$/, '');
      const t = truth.find((x) => x.file === name);
      if (!t) return;
      hits(r.text, t).forEach((h, k) => {
        total[k]! += h ? 1 : 0;
      });
    });
    return {
      kind,
      maxSide,
      workers,
      pages: pages.length,
      prepareMs,
      prepareCpuMs,
      wallMs,
      ocrCpuMs,
      hits: total,
      peakRss,
    };
  } finally {
    clearInterval(sampler);
    await engine.close();
  }
}

const rows: Row[] = [];
for (const kind of kinds)
  for (const maxSide of maxSides)
    for (const workers of workerCounts) {
      const row = await runOne(kind, maxSide, workers);
      rows.push(row);
      console.error(`done ${kind} side=${maxSide} workers=${workers}`);
    }

console.log(
  '| corpus | max side | workers | pages | prepare ms/page (wall / CPU) | OCR s/page (wall) | pages/s | OCR CPU s/page | UUID | RFC em. | RFC rec. | total | peak RSS MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const [u, e, rc, t] = r.hits;
  console.log(
    `| ${r.kind} | ${r.maxSide} | ${r.workers} | ${r.pages} | ${r.prepareMs.toFixed(0)} / ${r.prepareCpuMs.toFixed(0)} | ${(r.wallMs / 1000 / r.pages).toFixed(2)} | ${(r.pages / (r.wallMs / 1000)).toFixed(2)} | ${(r.ocrCpuMs / 1000).toFixed(2)} | ${u}/${r.pages} | ${e}/${r.pages} | ${rc}/${r.pages} | ${t}/${r.pages} | ${mb(r.peakRss)} |`,
  );
}
const [load1] = (await import('node:os')).loadavg();
console.log(
  `\nprocess peak RSS (VmHWM): ${mb(vmHwm())} MB; node ${process.version}; load average at the end ${load1?.toFixed(1)}`,
);
