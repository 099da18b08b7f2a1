/**
 * Printed-representation PDFs from the repository's real CFDI XML (test-fixtures/cfdi), rendered
 * offline with @nodecfdi/cfdi-to-pdf 1.6.0 (pdfmake) and Debian's DejaVu fonts, plus `truth.json`:
 * the fields our own XML path reads from each source XML (the ground truth for the text-PDF bench
 * and tests).
 *
 *   npx tsx bench/inbox/make-corpus.ts [--out .tmp/inbox-corpus] [--only a.xml,b.xml]
 *
 * The committed fixtures under apps/server/src/modules/inbox/extraction/testing/fixtures were made
 * with `--out apps/server/src/modules/inbox/extraction/testing/fixtures --only <the six files>`.
 * Dev-time only: needs the DejaVu TTFs (apt package fonts-dejavu-core); tests never run this.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseCfdi } from '../../apps/server/src/modules/cfdi/index.js';
import { previewFromCfdi } from '../../apps/server/src/modules/inbox/extraction/from-xml.js';
import { arg } from './args.js';
import { renderPrinted } from './render-printed.js';

const SOURCE = 'test-fixtures/cfdi';

/** Stamped CFDI (a TFD, so a UUID and a QR) of the kinds an inbox receives. */
export const CORPUS_SOURCES = [
  'cfdiutils-cfdi40-real.xml',
  'cfdiutils-cfdi40-valid.xml',
  'satcfdi-stamped-finkok.xml',
  'satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml',
  'satcfdi-stamped-ingreso-iva8-HandE951128469.xml',
  'satcfdi-stamped-ingreso-iva16-pue-HandE951128469.xml',
  'satcfdi-stamped-ingreso-exento-XIQB891116QE4.xml',
  'satcfdi-stamped-ingreso-noobjeto-XIQB891116QE4.xml',
  'satcfdi-stamped-pago20-HandE951128469.xml',
  'nodecfdi-cfdi33-valid.xml',
  'nodecfdi-cfdi40-nomina-complex-valid.xml',
];

async function main(): Promise<void> {
  const out = arg('out') ?? '.tmp/inbox-corpus';
  const only = arg('only')?.split(',');
  await mkdir(out, { recursive: true });

  const truth: Record<string, unknown> = {};
  for (const file of only ?? CORPUS_SOURCES) {
    const xml = await readFile(join(SOURCE, file), 'utf8');
    const name = basename(file, '.xml');
    await writeFile(join(out, `${name}.pdf`), await renderPrinted(xml));
    const preview = previewFromCfdi(parseCfdi(xml));
    truth[`${name}.pdf`] = {
      source: `${SOURCE}/${file}`,
      fields: Object.fromEntries(Object.entries(preview.fields).map(([k, f]) => [k, f?.value ?? null])),
      taxes: preview.taxes.items,
      conceptos: preview.conceptos.items.length,
    };
    console.log(`${name}.pdf`);
  }
  await writeFile(join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
}

await main();
