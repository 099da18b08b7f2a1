/**
 * Dev-time generator of the OCR corpus: real CFDI XML (test-fixtures/cfdi) → printed representation
 * with @nodecfdi/cfdi-to-pdf → raster with poppler's pdftoppm → degraded with ImageMagick into
 * `scan` (gray, noise, 1.5° rotation, JPEG q60) and `photo` (150 dpi, perspective, uneven light,
 * JPEG q55) variants, plus `truth.json` read from each XML.
 *
 *   node --import tsx bench/inbox/scan-corpus.ts [--out bench/inbox/.corpus] [--dpi 300]
 *
 * Needs Debian's imagemagick, poppler-utils and fonts-dejavu-core (dev machines only; the tests use
 * the committed images under apps/server/src/modules/inbox/ocr/testing/fixtures). No network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { arg } from './args.js';
import { renderPrinted } from './render-printed.js';

export interface ScanTruth {
  file: string;
  version: string;
  uuid: string;
  emisorRfc: string;
  receptorRfc: string;
  serie: string | null;
  folio: string | null;
  fecha: string;
  subtotal: string;
  total: string;
  moneda: string;
}

/** CFDI with a stamp (UUID) and ordinary content; the templates with nonsense values are left out. */
export const CORPUS_XML = [
  'cfdiutils-cfdi40-real.xml',
  'cfdiutils-cfdi40-valid.xml',
  'satcfdi-stamped-finkok.xml',
  'satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml',
  'satcfdi-stamped-ingreso-iva16-pue-HandE951128469.xml',
  'satcfdi-stamped-ingreso-iva8-HandE951128469.xml',
  'nodecfdi-cfdi33-valid.xml',
];

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test-fixtures/cfdi');

export function truthFromXml(file: string, xml: string): ScanTruth {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseAttributeValue: false,
  });
  const doc = parser.parse(xml);
  const c = doc.Comprobante;
  const tfd = c.Complemento?.TimbreFiscalDigital ?? {};
  return {
    file,
    version: c.Version,
    uuid: String(tfd.UUID ?? '').toUpperCase(),
    emisorRfc: c.Emisor.Rfc,
    receptorRfc: c.Receptor.Rfc,
    serie: c.Serie ?? null,
    folio: c.Folio ?? null,
    fecha: c.Fecha,
    subtotal: c.SubTotal,
    total: c.Total,
    moneda: c.Moneda,
  };
}

/** The ImageMagick arguments, exported so the fixture README can quote them exactly. */
export const DEGRADE = {
  // 1.5° skew, gray, a little blur and Gaussian noise, JPEG q60: a sheet-fed office scanner.
  scan: [
    '-colorspace',
    'Gray',
    '-background',
    'white',
    '-rotate',
    '1.5',
    '-blur',
    '0x0.6',
    '-attenuate',
    '0.4',
    '+noise',
    'Gaussian',
    '-quality',
    '60',
  ],
  // Perspective (top edge narrower), uneven light (a gradient multiplied in), noise, JPEG q55.
  photo: (w: number, h: number) => [
    '-virtual-pixel',
    'white',
    '-distort',
    'Perspective',
    `0,0 ${Math.round(w * 0.04)},${Math.round(h * 0.03)}  ${w},0 ${Math.round(w * 0.95)},${Math.round(h * 0.01)}  0,${h} 0,${h}  ${w},${h} ${w},${Math.round(h * 0.99)}`,
    '(',
    '-size',
    `${w}x${h}`,
    'radial-gradient:white-gray62',
    ')',
    '-compose',
    'Multiply',
    '-composite',
    '-attenuate',
    '0.5',
    '+noise',
    'Gaussian',
    '-quality',
    '55',
  ],
};

async function renderPdf(xmlPath: string, pdfPath: string): Promise<void> {
  writeFileSync(pdfPath, await renderPrinted(readFileSync(xmlPath, 'utf8')));
}

function size(file: string): [number, number] {
  const out = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' });
  const [w, h] = out.trim().split(' ').map(Number);
  return [w!, h!];
}

async function main() {
  const out = resolve(arg('out', join(ROOT, 'bench/inbox/.corpus')));
  const scanDpi = arg('dpi', '300');
  rmSync(out, { recursive: true, force: true });
  for (const d of ['pdf', 'scan', 'photo']) mkdirSync(join(out, d), { recursive: true });

  const truth: ScanTruth[] = [];
  for (const file of CORPUS_XML) {
    const name = file.replace(/\.xml$/, '');
    const xmlPath = join(FIXTURES, file);
    truth.push(truthFromXml(name, readFileSync(xmlPath, 'utf8')));
    const pdf = join(out, 'pdf', `${name}.pdf`);
    await renderPdf(xmlPath, pdf);
    // Page 1 only: it carries the header fields, the QR and the stamp on these one-page invoices.
    const raw = join(out, `${name}-${scanDpi}`);
    execFileSync('pdftoppm', ['-r', scanDpi, '-f', '1', '-l', '1', '-singlefile', '-png', pdf, raw]);
    execFileSync('convert', [`${raw}.png`, ...DEGRADE.scan, join(out, 'scan', `${name}.jpg`)]);
    const raw150 = join(out, `${name}-150`);
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-png', pdf, raw150]);
    const [w, h] = size(`${raw150}.png`);
    execFileSync('convert', [`${raw150}.png`, ...DEGRADE.photo(w, h), join(out, 'photo', `${name}.jpg`)]);
    rmSync(`${raw}.png`);
    rmSync(`${raw150}.png`);
    console.log(`${name}: scan ${scanDpi} dpi, photo 150 dpi`);
  }
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  console.log(`corpus in ${out} (${truth.length} invoices × scan/photo)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
