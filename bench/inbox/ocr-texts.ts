/**
 * Real Tesseract output for the anchors' OCR tests: renders page 1 of each printed fixture at
 * 200 dpi (renderPdfPage, the OCR engine's input), recognises it with tesseract.js and the npm
 * Spanish `4.0.0_best_int` model, offline, and writes the texts plus per-field accuracy of
 * extractAnchored on them.
 *
 *   npx tsx bench/inbox/ocr-texts.ts [--dir .tmp/inbox-corpus] [--write <json>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM } from 'tesseract.js';
import { extractAnchored } from '../../apps/server/src/modules/inbox/extraction/anchors.js';
import { renderPdfPage } from '../../apps/server/src/modules/inbox/extraction/pdf-render.js';
import {
  FIXTURES_DIR,
  loadTruth,
  sameValue,
} from '../../apps/server/src/modules/inbox/extraction/testing/fixtures.js';
import { arg } from './args.js';

const dir = arg('dir') ?? FIXTURES_DIR;
const truth = loadTruth(dir);
const require = createRequire(import.meta.url);
const langPath = join(dirname(require.resolve('@tesseract.js-data/spa/package.json')), '4.0.0_best_int');
const worker = await createWorker('spa', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });

const texts: Record<string, string> = {};
const hits = new Map<string, { ok: number; total: number }>();
for (const name of Object.keys(truth)) {
  const { png } = await renderPdfPage(readFileSync(join(dir, name)), 0, 200);
  const t0 = performance.now();
  const { data } = await worker.recognize(png);
  const ms = performance.now() - t0;
  texts[name] = data.text;
  const fields = extractAnchored(data.text).fields;
  const misses: string[] = [];
  for (const [field, want] of Object.entries(truth[name]!.fields)) {
    const h = hits.get(field) ?? { ok: 0, total: 0 };
    h.total += 1;
    if (sameValue(field, fields[field as 'uuid'], want)) h.ok += 1;
    else misses.push(`${field}: ${fields[field as 'uuid']} ≠ ${want}`);
    hits.set(field, h);
  }
  console.log(`${name}: OCR ${ms.toFixed(0)} ms; misses: ${misses.join('; ') || 'none'}`);
}
await worker.terminate();
console.table(
  Object.fromEntries(
    [...hits].map(([f, h]) => [
      f,
      { ok: h.ok, total: h.total, accuracy: `${((100 * h.ok) / h.total).toFixed(0)} %` },
    ]),
  ),
);
const out = arg('write');
if (out) writeFileSync(out, `${JSON.stringify(texts, null, 1)}\n`);
