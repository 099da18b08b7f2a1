/**
 * The inbox's reading of invoices, end to end as its job does it (the process's extraction thread:
 * sniff, XML / PDF text layer / QR / OCR, anchors, merge, checks), per kind of document:
 * documents per second with two extractions at a time (INBOX_OCR_WORKERS=2), per-field accuracy
 * against the CFDI's own XML, and the process's peak RSS (every thread included).
 *
 *   node --import tsx bench/inbox/scan-corpus.ts               # once: PDFs, scans, photos + truth
 *   node --import tsx bench/inbox/run.ts [--corpus bench/inbox/.corpus] [--kinds xml,pdf,scan,photo]
 *
 * Truth is the preview our XML path reads from the source XML (exact by construction); a field the
 * printed layout does not show counts as a miss. Prints figures; asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InvoiceFieldName, InvoicePreview } from '@boveda/contracts';
import { parseCfdi } from '../../apps/server/src/modules/cfdi/index.js';
import { previewFromCfdi } from '../../apps/server/src/modules/inbox/extraction/from-xml.js';
import { createInvoiceExtractor } from '../../apps/server/src/modules/inbox/extractor.js';
import type { FileKind } from '../../apps/server/src/modules/inbox/file-kind.js';
import { arg } from './args.js';
import type { ScanTruth } from './scan-corpus.js';

const corpus = resolve(arg('corpus', join(import.meta.dirname, '.corpus')));
const kinds = arg('kinds', 'xml,pdf,scan,photo').split(',');
const xmlDir = resolve(import.meta.dirname, '../../test-fixtures/cfdi');
if (!existsSync(join(corpus, 'truth.json'))) {
  console.error(`No corpus at ${corpus}: run node --import tsx bench/inbox/scan-corpus.ts first.`);
  process.exit(2);
}
const docs: ScanTruth[] = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));

const CRITICAL: InvoiceFieldName[] = ['uuid', 'emisorRfc', 'receptorRfc', 'total'];
const OTHER: InvoiceFieldName[] = [
  'serie',
  'folio',
  'fecha',
  'tipoDeComprobante',
  'emisorNombre',
  'receptorNombre',
  'usoCfdi',
  'moneda',
  'subtotal',
  'descuento',
  'totalTraslados',
  'totalRetenciones',
  'metodoPago',
  'formaPago',
];

const decimal = (v: string) =>
  /^-?\d+(\.\d+)?$/.test(v) ? v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : v;
const norm = (v: string | null | undefined) =>
  v == null ? null : decimal(v.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase());

function vmHwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

function input(kind: string, doc: ScanTruth): { bytes: Buffer; kind: FileKind } {
  if (kind === 'xml') return { bytes: readFileSync(join(xmlDir, `${doc.file}.xml`)), kind: 'xml' };
  if (kind === 'pdf') return { bytes: readFileSync(join(corpus, 'pdf', `${doc.file}.pdf`)), kind: 'pdf' };
  return { bytes: readFileSync(join(corpus, kind, `${doc.file}.jpg`)), kind: 'jpeg' };
}

const extractor = createInvoiceExtractor({ ocrWorkers: 2 });
// Warm: the thread, pdf.js, zxing and the two Tesseract workers start once per process.
await Promise.all([
  extractor.extract(input('pdf', docs[0]!)),
  extractor.extract(input('scan', docs[0]!)),
  extractor.extract(input('scan', docs[1]!)),
]);

const rows: Record<string, Record<string, string | number>> = {};
const fieldRows: Record<string, Record<string, string>> = {};
for (const kind of kinds) {
  const results: { doc: ScanTruth; preview: InvoicePreview | null }[] = [];
  const queue = [...docs];
  const t0 = performance.now();
  // Two at a time: the inbox's extraction job concurrency (INBOX_OCR_WORKERS).
  await Promise.all(
    [0, 1].map(async () => {
      for (let doc = queue.shift(); doc; doc = queue.shift()) {
        const outcome = await extractor.extract(input(kind, doc));
        results.push({ doc, preview: outcome.ok ? outcome.preview : null });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const hits = new Map<InvoiceFieldName, { ok: number; total: number }>();
  for (const { doc, preview } of results) {
    const truth = previewFromCfdi(parseCfdi(readFileSync(join(xmlDir, `${doc.file}.xml`)))).fields;
    for (const field of [...CRITICAL, ...OTHER]) {
      const want = norm(truth[field]?.value);
      if (want === null) continue;
      const h = hits.get(field) ?? { ok: 0, total: 0 };
      h.total++;
      if (norm(preview?.fields[field]?.value) === want) h.ok++;
      hits.set(field, h);
    }
  }
  const pct = (fields: InvoiceFieldName[]) => {
    let ok = 0;
    let total = 0;
    for (const f of fields) {
      ok += hits.get(f)?.ok ?? 0;
      total += hits.get(f)?.total ?? 0;
    }
    return total ? `${((ok / total) * 100).toFixed(1)} % (${ok}/${total})` : '–';
  };
  rows[kind] = {
    docs: results.length,
    'docs/s': Number((results.length / seconds).toFixed(2)),
    's/doc': Number((seconds / results.length).toFixed(2)),
    'UUID, RFCs, total': pct(CRITICAL),
    'other fields': pct(OTHER),
  };
  fieldRows[kind] = Object.fromEntries(
    [...CRITICAL, ...OTHER].map((f) => {
      const h = hits.get(f);
      return [f, h ? `${h.ok}/${h.total}` : '–'];
    }),
  );
}
await extractor.close?.();

console.log(
  `corpus: ${corpus} (${docs.length} CFDI per kind), Node ${process.version}, 2 extractions at a time`,
);
console.table(rows);
console.log('per field (exact, after normalising spaces, case and trailing zeros):');
console.table(fieldRows);
console.log(`peak RSS (VmHWM, whole process incl. the extraction and OCR threads): ${vmHwm()} MB`);
