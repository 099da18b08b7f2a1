import { crc32 } from 'node:zlib';
import { invoicePreviewSchema } from '@boveda/contracts';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parseCfdi } from '../../cfdi/index.js';
import { type ExtractionResult, extractDocument } from './extract-document.js';
import { previewFromCfdi } from './from-xml.js';
import { renderPdfPage } from './pdf-render.js';
import { readPdfText } from './pdf-text.js';
import { fixture, loadTruth, repoCfdi, sameValue } from './testing/fixtures.js';
import { scannedPdf } from './testing/scanned-pdf.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const truth = loadTruth();

/** Fields the cfdi-to-pdf layout does not print: nothing on the page can give them. */
const NOT_PRINTED: Record<string, string[]> = {
  'cfdiutils-cfdi40-real.pdf': ['tipoCambio'],
  'nodecfdi-cfdi33-valid.pdf': ['tipoCambio'],
  // A payment CFDI's Moneda XXX and SubTotal 0 are not printed (its total 0 comes from the QR).
  'satcfdi-stamped-pago20-HandE951128469.pdf': ['moneda', 'subtotal'],
};

function mismatches(result: ExtractionResult, file: string): string[] {
  const want = truth[file]!.fields;
  return Object.entries(want)
    .filter(([field]) => !NOT_PRINTED[file]?.includes(field))
    .filter(([field, value]) => !sameValue(field, result.preview.fields[field as 'uuid']?.value, value))
    .map(([field, value]) => `${field}: got ${result.preview.fields[field as 'uuid']?.value} want ${value}`);
}

describe('extractDocument on printed CFDI with a text layer', () => {
  for (const file of Object.keys(truth)) {
    it(`${file}: every printed field equals the XML`, async () => {
      const result = await extractDocument(fixture(file), { now: NOW });
      expect(result.kind).toBe('pdf-text');
      expect(invoicePreviewSchema.parse(result.preview)).toBeTruthy();
      expect(mismatches(result, file)).toEqual([]);
      // The QR decoded and agreed with the page on the critical fields.
      expect(result.qr?.uuid).toBe(truth[file]!.fields.uuid!.toUpperCase());
      for (const field of ['uuid', 'emisorRfc', 'receptorRfc', 'total'] as const) {
        expect(result.preview.fields[field]).toMatchObject({ source: 'qr' });
        expect(result.preview.fields[field]!.confidence).toBeGreaterThanOrEqual(0.99);
      }
      expect(result.preview.checks.filter((c) => !c.ok)).toEqual([]);
      expect(result.preview.conceptos.items).toHaveLength(truth[file]!.conceptos);
    });
  }
});

describe('extractDocument on XML', () => {
  it('is the parser read as a preview, all from xml at confidence 1, checks passing', async () => {
    const xml = repoCfdi('cfdiutils-cfdi40-real.xml');
    const result = await extractDocument(xml, { now: NOW });
    expect(result.kind).toBe('xml');
    expect(result.preview.fields).toEqual(previewFromCfdi(parseCfdi(xml)).fields);
    expect(result.preview.taxes.items).toEqual([
      { kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '137.93' },
    ]);
    expect(result.preview.checks.every((c) => c.ok)).toBe(true);
  });

  it('reads 3.2 tax names and percentages as codes and fractions', async () => {
    const result = await extractDocument(repoCfdi('phpcfdi-cfdi32-aerolineas.xml'), { now: NOW });
    expect(result.preview.fields.receptorRfc?.value).toBe('E&Ñ831019M53');
    for (const tax of result.preview.taxes.items) expect(['001', '002', '003']).toContain(tax.impuesto);
    expect(result.preview.taxes.items.find((t) => t.impuesto === '002' && t.kind === 'traslado')?.tasa).toBe(
      '0.160000',
    );
  });

  it('refuses an unstamped XML, or previews it with a failed UUID_MISSING check when asked', async () => {
    const unstamped = repoCfdi('cfdiutils-created-with-discounts-40.xml');
    await expect(extractDocument(unstamped)).rejects.toMatchObject({
      code: 'XML_NOT_CFDI',
      message: /^MISSING_UUID/,
    });
    const result = await extractDocument(unstamped, { now: NOW, allowUnstamped: true });
    expect(result.preview.checks.find((c) => c.code === 'UUID_MISSING')?.ok).toBe(false);
  });
});

describe('extractDocument on image-only PDFs and images', () => {
  const file = 'cfdiutils-cfdi40-real.pdf';

  it('reports no text layer, reads the QR from the rendered page and anchors the OCR text', async () => {
    const scanned = await scannedPdf(file);
    // A real OCR function for the test: the text layer of the same document (what a perfect OCR reads).
    const layer = (await readPdfText(fixture(file))).pages.join('\n');
    const seen: Buffer[] = [];
    const ocr = async (png: Buffer) => {
      seen.push(png);
      return { text: layer };
    };
    const result = await extractDocument(scanned, { ocr, now: NOW });
    expect(result.kind).toBe('pdf-image');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.subarray(1, 4).toString()).toBe('PNG');
    expect(mismatches(result, file)).toEqual([]);
    expect(result.preview.fields.uuid).toMatchObject({ source: 'qr' });
    expect(result.preview.fields.folio).toMatchObject({ source: 'ocr', confidence: 0.75 });
    expect(result.text).toBe(layer);
  });

  it('with real Tesseract text: the QR corrects the RFC OCR misread ("H&E" read as "HEE")', async () => {
    const name = 'satcfdi-stamped-ingreso-iva8-HandE951128469.pdf';
    const texts = JSON.parse(fixture('ocr/tesseract-spa-best-int-200dpi.json').toString('utf8')) as Record<
      string,
      string
    >;
    const result = await extractDocument(await scannedPdf(name), {
      ocr: async () => ({ text: texts[name]! }),
      now: NOW,
    });
    expect(result.preview.fields.emisorRfc).toEqual({ value: 'H&E951128469', source: 'qr', confidence: 0.9 });
    expect(result.preview.checks.filter((c) => !c.ok).map((c) => c.message)).toEqual([
      'emisorRfc: page says HEE951128469, QR says H&E951128469',
    ]);
    expect(result.preview.fields.folio).toMatchObject({ value: '123456', source: 'ocr' });
  });

  it('without an OCR function still gives the QR fields', async () => {
    const result = await extractDocument(await scannedPdf(file), { now: NOW });
    expect(result.kind).toBe('pdf-image');
    expect(Object.keys(result.preview.fields).sort()).toEqual(['emisorRfc', 'receptorRfc', 'total', 'uuid']);
    expect(result.preview.fields.total?.value).toBe('1000.00');
  });

  it('decodes the QR of a tilted, lossy JPEG "photo" (7°, quality 45)', async () => {
    const { png, width, height } = await renderPdfPage(fixture('cfdiutils-cfdi40-valid.pdf'), 0, 150);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#f4f1e8';
    context.fillRect(0, 0, width, height);
    context.translate(width / 2, height / 2);
    context.rotate((7 * Math.PI) / 180);
    context.drawImage(await loadImage(png), -width / 2, -height / 2);
    const jpeg = await canvas.encode('jpeg', 45);
    const result = await extractDocument(jpeg, { now: NOW });
    expect(result.kind).toBe('image');
    expect(result.qr?.uuid).toBe('6F35D3B5-3651-5370-BC2C-14CDBE384CD7');
    expect(result.preview.fields.total).toEqual({ value: '3327.01', source: 'qr', confidence: 0.99 });
  });

  it('reads the QR of a PNG photo and lets the QR override an OCR slip', async () => {
    const { png } = await renderPdfPage(fixture(file), 0, 150);
    const layer = (await readPdfText(fixture(file))).pages.join('\n').replace('ISD950921HE5', 'ISD950921HF5');
    const result = await extractDocument(png, { ocr: async () => ({ text: layer }), now: NOW });
    expect(result.kind).toBe('image');
    expect(result.preview.fields.emisorRfc).toEqual({ value: 'ISD950921HE5', source: 'qr', confidence: 0.9 });
    expect(result.preview.checks.find((c) => c.code === 'QR_MATCHES_TEXT' && !c.ok)?.fields).toEqual([
      'emisorRfc',
    ]);
  });
});

async function code(bytes: Uint8Array, options = {}): Promise<string> {
  try {
    await extractDocument(bytes, options);
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('hostile inputs end with a typed error, never a hang', () => {
  it('password-protected PDF → PDF_ENCRYPTED; owner-password-only opens, flagged', async () => {
    expect(await code(fixture('hostile/password-protected.pdf'))).toBe('PDF_ENCRYPTED');
    const readable = await extractDocument(fixture('hostile/owner-password-only.pdf'), { now: NOW });
    expect(readable.encrypted).toBe(true);
    expect(readable.preview.fields.uuid?.value).toBe('6F35D3B5-3651-5370-BC2C-14CDBE384CD7');
  });

  it('too many pages → PDF_TOO_MANY_PAGES', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 60; i++) pdf.addPage([200, 200]);
    const bytes = await pdf.save();
    expect(await code(bytes)).toBe('PDF_TOO_MANY_PAGES');
    expect(await code(bytes, { maxPages: 100 })).toBe('no error');
  });

  it('truncated or garbage PDF → PDF_UNREADABLE', async () => {
    const whole = fixture('cfdiutils-cfdi40-real.pdf');
    expect(await code(whole.subarray(0, 600))).toBe('PDF_UNREADABLE');
    expect(await code(Buffer.from(`%PDF-1.7\n${'x'.repeat(5000)}`))).toBe('PDF_UNREADABLE');
  });

  it('a time budget too small → EXTRACTION_TIMEOUT', async () => {
    expect(await code(fixture('cfdiutils-cfdi40-real.pdf'), { timeBudgetMs: 1 })).toBe('EXTRACTION_TIMEOUT');
  });

  it('PNG claiming 100 000 × 100 000 pixels → IMAGE_TOO_LARGE before any decoding', async () => {
    const ihdr = Buffer.alloc(17);
    ihdr.write('IHDR', 0, 'latin1');
    ihdr.writeUInt32BE(100_000, 4);
    ihdr.writeUInt32BE(100_000, 8);
    ihdr.set([8, 2, 0, 0, 0], 12);
    const png = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    ihdr.copy(png, 12);
    png.writeUInt32BE(crc32(ihdr), 29);
    expect(await code(png)).toBe('IMAGE_TOO_LARGE');
    expect(await code(png.subarray(0, 12))).toBe('IMAGE_UNREADABLE');
    // A header whose checksum is wrong is not read further at all.
    png.writeUInt32BE(0, 29);
    expect(await code(png)).toBe('IMAGE_UNREADABLE');
  });

  it('empty, unknown, non-CFDI XML, Retenciones and DTD/entity XML', async () => {
    expect(await code(new Uint8Array())).toBe('EMPTY_FILE');
    expect(await code(Buffer.from('PK\x03\x04 a zip'))).toBe('UNSUPPORTED_TYPE');
    expect(await code(Buffer.from('<?xml version="1.0"?><factura total="1"/>'))).toBe('XML_NOT_CFDI');
    expect(await code(repoCfdi('nodecfdi-retenciones10-valid.xml'))).toBe('XML_NOT_CFDI');
    const bomb = `<?xml version="1.0"?><!DOCTYPE cfdi:Comprobante [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="&b;"/>`;
    const error = await extractDocument(Buffer.from(bomb)).catch(
      (e: unknown) => e as Error & { code: string },
    );
    expect(error).toMatchObject({ code: 'XML_NOT_CFDI' });
    expect((error as Error).message).toMatch(/^DTD_FORBIDDEN/);
  });
});
