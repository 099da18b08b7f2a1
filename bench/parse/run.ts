/**
 * Parse throughput, single thread: parseCfdi (decode + DTD guard + parse + normalized fields)
 * against a plain fast-xml-parser loop over the same in-memory XML; then a whole package
 * (zip on disk → readCfdiPackage) and a metadata text (parseMetadataText, rows/s).
 *
 *   node --import tsx bench/parse/run.ts [--count 20000] [--rounds 5] [--metadata 1000000]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import {
  parseCfdi,
  parseMetadataText,
  readCfdiPackage,
} from '../../apps/server/src/modules/cfdi/parsing/index.js';
import { buildZip } from '../../apps/server/src/modules/cfdi/parsing/testing/zip-builder.js';
import { syntheticCfdiBatch } from './synthetic-cfdi.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

const count = arg('count', 20_000);
const rounds = arg('rounds', 5);
const strings = syntheticCfdiBatch(count);
const buffers = strings.map((s) => Buffer.from(s, 'utf8'));
const mb = buffers.reduce((n, b) => n + b.length, 0) / 1024 / 1024;

const plain = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
});

/**
 * Rounds are interleaved (A, B, C, A, B, C…) so that load from other processes on a shared
 * machine hits every contender alike; the median per contender is reported.
 */
function measureInterleaved(contenders: [string, () => void][]): number[] {
  const rates = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    contenders.forEach(([, fn], i) => {
      const t0 = performance.now();
      fn();
      rates[i]!.push(count / ((performance.now() - t0) / 1000));
    });
  }
  return contenders.map(([label], i) => {
    const sorted = rates[i]!.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const perDoc = mb / count;
    console.log(
      `${label.padEnd(44)} ${Math.round(median).toString().padStart(7)} docs/s  (${(median * perDoc).toFixed(1)} MB/s)`,
    );
    return median;
  });
}

console.log(
  `${count} synthetic CFDI 4.0, ${mb.toFixed(1)} MB, median of ${rounds} interleaved rounds, Node ${process.version}`,
);
const [reference = 0, fromBuffer = 0, fromString = 0] = measureInterleaved([
  [
    'fast-xml-parser alone (string input)',
    () => {
      for (const s of strings) plain.parse(s);
    },
  ],
  [
    'parseCfdi (Buffer input: UTF-8 decode incl.)',
    () => {
      for (const b of buffers) parseCfdi(b);
    },
  ],
  [
    'parseCfdi (string input)',
    () => {
      for (const s of strings) parseCfdi(s);
    },
  ],
]);

const dir = await mkdtemp(join(tmpdir(), 'boveda-parse-bench-'));
let packagePerSecond = 0;
let metadataRowsPerSecond = 0;
try {
  const zipPath = join(dir, 'package.zip');
  await writeFile(zipPath, buildZip(strings.map((xml, i) => ({ name: `${i}.xml`, data: xml }))));
  let ok = 0;
  packagePerSecond = await measureAsync('readCfdiPackage (zip file → parsed CFDI)', count, async () => {
    ok = 0;
    for await (const item of readCfdiPackage(zipPath)) if (item.ok) ok++;
  });
  if (ok !== count) throw new Error(`package bench parsed ${ok} of ${count}`);

  const rows = arg('metadata', 1_000_000);
  const header =
    'Uuid~RfcEmisor~NombreEmisor~RfcReceptor~NombreReceptor~RfcPac~FechaEmision~FechaCertificacionSat~Monto~EfectoComprobante~Estatus~FechaCancelacion';
  function* metadataChunks(): Generator<Buffer> {
    yield Buffer.from(`${header}\r\n`);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const id = i.toString(16).padStart(12, '0');
      lines.push(
        `ABCDEF01-2345-4678-9ABC-${id}~AAA010101AAA~COMERCIALIZADORA DEL BAJÍO SA DE CV~XAXX010101000~PÚBLICO EN GENERAL~SAT970701NN3~2026-01-01 10:00:00~2026-01-01 10:00:09~${(i % 100000) + 0.5}~I~${i % 7 === 0 ? '0~2026-02-01 09:00:00' : '1~'}`,
      );
      if (lines.length === 2000) {
        yield Buffer.from(`${lines.join('\r\n')}\r\n`);
        lines.length = 0;
      }
    }
    if (lines.length) yield Buffer.from(`${lines.join('\r\n')}\r\n`);
  }
  let seen = 0;
  metadataRowsPerSecond = await measureAsync(
    `parseMetadataText (${rows} CRLF rows, streamed)`,
    rows,
    async () => {
      seen = 0;
      for await (const _row of parseMetadataText(Readable.from(metadataChunks()))) seen++;
    },
  );
  if (seen !== rows) throw new Error(`metadata bench read ${seen} of ${rows}`);
} finally {
  await rm(dir, { recursive: true });
}

async function measureAsync(label: string, n: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  const rate = n / ((performance.now() - t0) / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toString().padStart(7)} /s  (1 round)`);
  return rate;
}

console.log(
  JSON.stringify({
    count,
    referenceParsePerSecond: Math.round(reference),
    parseCfdiPerSecond: Math.round(fromBuffer),
    parseCfdiStringPerSecond: Math.round(fromString),
    packageCfdiPerSecond: Math.round(packagePerSecond),
    metadataRowsPerSecond: Math.round(metadataRowsPerSecond),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
