/**
 * Parse throughput: parseCfdi (decode + DTD guard + parse + normalized fields) against a plain
 * fast-xml-parser loop over the same in-memory XML. Single thread, no I/O.
 *
 *   node --import tsx bench/parse/run.ts [--count 20000] [--rounds 3]
 */
import { XMLParser } from 'fast-xml-parser';
import { parseCfdi } from '../../apps/server/src/modules/cfdi/parsing/index.js';
import { syntheticCfdiBatch } from './synthetic-cfdi.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

const count = arg('count', 20_000);
const rounds = arg('rounds', 3);
const strings = syntheticCfdiBatch(count);
const buffers = strings.map((s) => Buffer.from(s, 'utf8'));
const mb = buffers.reduce((n, b) => n + b.length, 0) / 1024 / 1024;

const plain = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
});

function measure(label: string, fn: () => void): number {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  console.log(
    `${label.padEnd(44)} ${Math.round(median).toString().padStart(7)} docs/s  (${(median * (mb / count)).toFixed(1)} MB/s)`,
  );
  return median;
}

console.log(
  `${count} synthetic CFDI 4.0, ${mb.toFixed(1)} MB, median of ${rounds} rounds, Node ${process.version}`,
);
const reference = measure('fast-xml-parser alone (string input)', () => {
  for (const s of strings) plain.parse(s);
});
const fromBuffer = measure('parseCfdi (Buffer input: UTF-8 decode incl.)', () => {
  for (const b of buffers) parseCfdi(b);
});
const fromString = measure('parseCfdi (string input)', () => {
  for (const s of strings) parseCfdi(s);
});
console.log(
  JSON.stringify({
    count,
    referenceParsePerSecond: Math.round(reference),
    parseCfdiPerSecond: Math.round(fromBuffer),
    parseCfdiStringPerSecond: Math.round(fromString),
  }),
);
