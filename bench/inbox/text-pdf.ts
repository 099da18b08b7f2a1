/**
 * Text-layer PDF extraction: documents per second, per-field accuracy against the XML truth, and
 * peak RSS, single thread, on the printed-representation corpus.
 *
 *   npx tsx bench/inbox/make-corpus.ts                       # 11 PDFs into .tmp/inbox-corpus
 *   npx tsx bench/inbox/text-pdf.ts [--dir .tmp/inbox-corpus] [--rounds 5]
 *
 * Without --dir and without .tmp/inbox-corpus it uses the six committed fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../../apps/server/src/modules/inbox/extraction/extract-document.js';
import { readPdfText } from '../../apps/server/src/modules/inbox/extraction/pdf-text.js';
import {
  FIXTURES_DIR,
  loadTruth,
  sameValue,
} from '../../apps/server/src/modules/inbox/extraction/testing/fixtures.js';
import { scannedPdf } from '../../apps/server/src/modules/inbox/extraction/testing/scanned-pdf.js';
import { createInvoiceExtractor } from '../../apps/server/src/modules/inbox/extractor.js';
import { arg } from './args.js';

const dir = arg('dir') ?? (existsSync('.tmp/inbox-corpus/truth.json') ? '.tmp/inbox-corpus' : FIXTURES_DIR);
const rounds = Number(arg('rounds') ?? 5);
const truth = loadTruth(dir);
const files = Object.keys(truth).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);

// Cold start: loading pdf.js and compiling zxing's wasm, paid once per process.
const coldStart = performance.now();
await extractDocument(files[0]!.bytes);
const cold = performance.now() - coldStart;

const hits = new Map<string, { ok: number; total: number }>();
const perDoc: number[] = [];
const textOnly: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const { name, bytes } of files) {
    const t0 = performance.now();
    const result = await extractDocument(bytes);
    perDoc.push(performance.now() - t0);
    const t1 = performance.now();
    await readPdfText(bytes);
    textOnly.push(performance.now() - t1);
    if (round > 0) continue;
    for (const [field, want] of Object.entries(truth[name]!.fields)) {
      const h = hits.get(field) ?? { ok: 0, total: 0 };
      h.total += 1;
      if (sameValue(field, result.preview.fields[field as 'uuid']?.value, want)) h.ok += 1;
      hits.set(field, h);
    }
  }
}
// The same documents as the inbox job reads them: through the process's extraction thread
// (bytes posted to it, the preview posted back), after one warm-up document.
const threaded = createInvoiceExtractor({ ocrWorkers: 1 });
await threaded.extract({ bytes: files[0]!.bytes, kind: 'pdf' });
const perIsolated: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const { bytes } of files) {
    const t0 = performance.now();
    await threaded.extract({ bytes, kind: 'pdf' });
    perIsolated.push(performance.now() - t0);
  }
}
await threaded.close?.();
// Image-only PDFs (each fixture's page 1 rendered at 150 dpi and embedded): the QR from the embedded
// image alone, and the pages rendered at 200 dpi for an OCR that answers at once (OCR time excluded).
const scans = await Promise.all(Object.keys(loadTruth(FIXTURES_DIR)).map((name) => scannedPdf(name, 150)));
const perScanQr: number[] = [];
const perScanRender: number[] = [];
let scanQrHits = 0;
for (const bytes of scans) {
  let t0 = performance.now();
  const r = await extractDocument(bytes);
  perScanQr.push(performance.now() - t0);
  if (r.qr) scanQrHits += 1;
  t0 = performance.now();
  await extractDocument(bytes, { ocr: async () => ({ text: '' }) });
  perScanRender.push(performance.now() - t0);
}
clearInterval(sampler);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sum = perDoc.reduce((a, b) => a + b, 0);
console.log(`corpus: ${dir} (${files.length} PDFs × ${rounds} rounds), Node ${process.version}`);
console.log(`cold first document: ${cold.toFixed(0)} ms (pdf.js import + zxing wasm)`);
console.table({
  'extractDocument (text + QR)': {
    'docs/s': Number(((perDoc.length / sum) * 1000).toFixed(1)),
    'mean ms': Number((sum / perDoc.length).toFixed(0)),
    'p50 ms': Number(pct(perDoc, 0.5).toFixed(0)),
    'p95 ms': Number(pct(perDoc, 0.95).toFixed(0)),
  },
  'inbox extraction thread (end to end, warm)': {
    'docs/s': Number(((perIsolated.length / perIsolated.reduce((a, b) => a + b, 0)) * 1000).toFixed(1)),
    'mean ms': Number((perIsolated.reduce((a, b) => a + b, 0) / perIsolated.length).toFixed(0)),
    'p50 ms': Number(pct(perIsolated, 0.5).toFixed(0)),
    'p95 ms': Number(pct(perIsolated, 0.95).toFixed(0)),
  },
  'image-only PDF, QR only (no OCR)': {
    'docs/s': Number(((perScanQr.length / perScanQr.reduce((a, b) => a + b, 0)) * 1000).toFixed(1)),
    'mean ms': Number((perScanQr.reduce((a, b) => a + b, 0) / perScanQr.length).toFixed(0)),
    'p50 ms': Number(pct(perScanQr, 0.5).toFixed(0)),
    'p95 ms': Number(pct(perScanQr, 0.95).toFixed(0)),
  },
  'image-only PDF, + 200 dpi PNG for OCR (OCR time excluded)': {
    'docs/s': Number(((perScanRender.length / perScanRender.reduce((a, b) => a + b, 0)) * 1000).toFixed(1)),
    'mean ms': Number((perScanRender.reduce((a, b) => a + b, 0) / perScanRender.length).toFixed(0)),
    'p50 ms': Number(pct(perScanRender, 0.5).toFixed(0)),
    'p95 ms': Number(pct(perScanRender, 0.95).toFixed(0)),
  },
  'readPdfText only': {
    'docs/s': Number(((textOnly.length / textOnly.reduce((a, b) => a + b, 0)) * 1000).toFixed(1)),
    'mean ms': Number((textOnly.reduce((a, b) => a + b, 0) / textOnly.length).toFixed(0)),
    'p50 ms': Number(pct(textOnly, 0.5).toFixed(0)),
    'p95 ms': Number(pct(textOnly, 0.95).toFixed(0)),
  },
});
console.log(
  'per-field exact match vs the XML (absent optional amount = 0.00, fields not printed count as misses):',
);
console.table(
  Object.fromEntries(
    [...hits].map(([field, h]) => [
      field,
      { ok: h.ok, total: h.total, accuracy: `${((100 * h.ok) / h.total).toFixed(0)} %` },
    ]),
  ),
);
console.log(`image-only PDFs: QR found on ${scanQrHits}/${scans.length}`);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
