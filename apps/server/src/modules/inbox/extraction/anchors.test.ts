import { describe, expect, it } from 'vitest';
import { extractAnchored, parseAmount, parseDateTime, stripNoise } from './anchors.js';
import { fixture, loadTruth, sameValue } from './testing/fixtures.js';

describe('amounts and dates as printed', () => {
  it('reads $ , thin-space grouping and currency codes exactly', () => {
    expect(parseAmount('$1,160.00')).toBe('1160.00');
    expect(parseAmount('1 160.00')).toBe('1160.00');
    expect(parseAmount('MXN 2,382,870.00')).toBe('2382870.00');
    expect(parseAmount('$0.00')).toBe('0.00');
    expect(parseAmount('abc')).toBeNull();
  });

  it('reads ISO and d/m/y date-times', () => {
    expect(parseDateTime('2025-01-24T10:10:41')).toBe('2025-01-24T10:10:41');
    expect(parseDateTime('2025-01-24 10:10')).toBe('2025-01-24T10:10:00');
    expect(parseDateTime('24/01/2025 10:10:41')).toBe('2025-01-24T10:10:41');
    expect(parseDateTime('2025-13-24T10:10:41')).toBeNull();
  });
});

// A generic (non cfdi-to-pdf) layout, as OCR would return it: inline labels, related CFDI first.
const GENERIC = `FACTURA
RFC emisor: EKU9003173C9
Nombre emisor: ESCUELA KEMPER URGATE
RFC receptor: URE180429TM6
CFDI relacionado: 01 - Nota de crédito
UUID: A39DA66B-52CA-49E3-879B-5C05185B0EF7
Folio fiscal: 6F35D3B5-3651-5370-BC2C-14CDBE384CD7
Serie: F  Folio: 1021
Fecha de emisión: 2024/05/03 — fecha: 03/05/2024 12:30:00
Tipo de comprobante: Ingreso
Uso CFDI: G03 Gastos en general
Moneda: USD   Tipo de cambio: 17.2500
Método de pago: PPD   Forma de pago: 99
Subtotal $1,000.00
Descuento $ 100.00
IVA 16%: $144.00
ISR Retenido: $10.00
Total $1 034.00
Cadena original del complemento de certificación digital del SAT:
||1.1|6F35D3B5-3651-5370-BC2C-14CDBE384CD7|2024-05-03T12:31:00|SPR190613I52|dGhpcyBpcyBhIHNlYWw=||
Sello digital del CFDI: dGhpcyBpcyBhIHNlYWwgdGhhdCBpcyBsb25nIGVub3VnaCB0byBsb29rIGxpa2UgYSBzZWFs
`;

describe('extractAnchored', () => {
  it('reads a generic layout by its labels and avoids the related-CFDI UUID and the PAC RFC', () => {
    const { fields, taxes } = extractAnchored(GENERIC);
    expect(fields).toMatchObject({
      uuid: '6F35D3B5-3651-5370-BC2C-14CDBE384CD7',
      emisorRfc: 'EKU9003173C9',
      receptorRfc: 'URE180429TM6',
      serie: 'F',
      folio: '1021',
      fecha: '2024-05-03T12:30:00',
      tipoDeComprobante: 'I',
      usoCfdi: 'G03',
      moneda: 'USD',
      tipoCambio: '17.25',
      metodoPago: 'PPD',
      formaPago: '99',
      subtotal: '1000.00',
      descuento: '100.00',
      total: '1034.00',
    });
    expect(taxes).toEqual([
      { kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '144.00' },
      { kind: 'retencion', impuesto: '001', tasa: null, importe: '10.00' },
    ]);
    expect(Object.values(fields)).not.toContain('SPR190613I52');
  });

  it('never takes the related CFDI UUID when the folio fiscal is missing', () => {
    const text =
      'CFDIS RELACIONADOS - TIPO RELACIÓN 01\nUUID: A39DA66B-52CA-49E3-879B-5C05185B0EF7\nTOTAL: $5.00';
    expect(extractAnchored(text).fields.uuid).toBeUndefined();
  });

  it('reads an OCR-damaged RFC and UUID through the same correction path', () => {
    const text =
      'EMISOR\nNOMBRE: PASE   RFC: 1SD950921HE5\nRECEPTOR\nRFC: C0SC8001137NA\nFOLIO FISCAL UUID C2832671-DA6D-11EF-A83D-OO155D012007';
    expect(extractAnchored(text).fields).toMatchObject({
      emisorRfc: 'ISD950921HE5',
      receptorRfc: 'COSC8001137NA',
      uuid: 'C2832671-DA6D-11EF-A83D-00155D012007',
    });
  });

  it('reads a Uso CFDI whose colon OCR saw as a dash (phone photos)', () => {
    const text = 'RECEPTOR\nDOMICILIO:   54700          USO CFDI — G03 - Gastos en general';
    expect(extractAnchored(text).fields.usoCfdi).toBe('G03');
  });

  it('drops seals and the cadena original before anchoring', () => {
    const noisy = 'SELLO DIGITAL abc\nCADENA ORIGINAL CC: ||1.1|x|SAT970701NN3|\nRFC: AAA010101AAA';
    expect(stripNoise(noisy)).toBe('RFC: AAA010101AAA');
  });
});

describe('extractAnchored on real Tesseract output', () => {
  // testing/fixtures/ocr: tesseract.js 7, spa 4.0.0_best_int, page 1 rendered at 200 dpi
  // (bench/inbox/ocr-texts.ts). What OCR cannot give back is listed; everything else must match.
  const texts = JSON.parse(fixture('ocr/tesseract-spa-best-int-200dpi.json').toString('utf8')) as Record<
    string,
    string
  >;
  const truth = loadTruth();
  const OCR_LOSSES: Record<string, string[]> = {
    // "SERIE: o": case lost; "&" read as "E"/"6:"; "C.V." as "C.v."; CP01 read as "crol".
    'cfdiutils-cfdi40-real.pdf': ['serie', 'tipoCambio'],
    'satcfdi-stamped-ingreso-iva8-HandE951128469.pdf': ['emisorRfc', 'emisorNombre', 'receptorNombre'],
    'satcfdi-stamped-pago20-HandE951128469.pdf': [
      'emisorRfc',
      'emisorNombre',
      'receptorNombre',
      'usoCfdi',
      'moneda',
      'subtotal',
      'total',
    ],
    'nodecfdi-cfdi33-valid.pdf': ['tipoCambio'],
  };
  for (const [file, text] of Object.entries(texts)) {
    it(`${file}: every field but the known OCR losses`, () => {
      const fields = extractAnchored(text).fields;
      const wrong = Object.entries(truth[file]!.fields)
        .filter(([field, want]) => !sameValue(field, fields[field as 'uuid'], want))
        .map(([field]) => field);
      expect(wrong).toEqual(OCR_LOSSES[file] ?? []);
    });
  }

  it('outvotes an OCR slip in the folio fiscal with the footer and cadena sightings', () => {
    const text = texts['nodecfdi-cfdi33-valid.pdf']!;
    expect(text).toContain('FOLIO FISCAL UUID OFB6EDIA');
    expect(extractAnchored(text).fields.uuid).toBe('9FB6ED1A-5F37-4FEF-980A-7F8C83B51894');
  });
});

describe('extractAnchored scope', () => {
  it('reads the totals of an ingreso printed after a "documentos relacionados" block', () => {
    const text =
      'Tipo de comprobante: I - Ingreso\nDOCUMENTOS RELACIONADOS\nUUID: A39DA66B-52CA-49E3-879B-5C05185B0EF7\nSubtotal: $100.00\nTotal: $116.00';
    expect(extractAnchored(text).fields).toMatchObject({
      tipoDeComprobante: 'I',
      subtotal: '100.00',
      total: '116.00',
    });
    expect(extractAnchored(text).fields.uuid).toBeUndefined();
  });

  it("ignores the payment complement of a P: its FECHA and MONEDA are the payment's", () => {
    const text =
      'FECHA: 2020-01-01T22:40:38\nCOMPROBANTE: P - Pago\nINFORMACIÓN DE PAGO\nFECHA: 2020-01-02T22:40:38   MONEDA: MXN';
    expect(extractAnchored(text).fields).toMatchObject({
      fecha: '2020-01-01T22:40:38',
      tipoDeComprobante: 'P',
    });
    expect(extractAnchored(text).fields.moneda).toBeUndefined();
  });
});
