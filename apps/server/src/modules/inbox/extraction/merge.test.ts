import { describe, expect, it } from 'vitest';
import { mergeSources, SOURCE_PRIOR } from './merge.js';
import { parseQrExpression } from './qr-expression.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const QR = parseQrExpression(
  'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=C2832671-DA6D-11EF-A83D-00155D012007&re=ISD950921HE5&rr=COSC8001137NA&tt=1000.0&fe=hNjeNw==',
)!;

describe('mergeSources', () => {
  it('keeps the source prior without a QR and lowers the fields of a failed check', () => {
    const preview = mergeSources({
      anchors: {
        fields: { folio: '1', subtotal: '862.07', totalTraslados: '137.93', total: '1100.00' },
        taxes: [],
        conceptos: [],
      },
      anchorSource: 'ocr',
      qr: null,
      now: NOW,
    });
    expect(preview.fields.folio).toEqual({ value: '1', source: 'ocr', confidence: SOURCE_PRIOR.ocr });
    expect(preview.checks.find((c) => c.code === 'TOTAL_ARITHMETIC')?.ok).toBe(false);
    expect(preview.fields.total?.confidence).toBe(0.45);
  });

  it('raises agreeing QR and page values, fills what only the QR has', () => {
    const preview = mergeSources({
      anchors: { fields: { uuid: 'C2832671-DA6D-11EF-A83D-00155D012007' }, taxes: [], conceptos: [] },
      anchorSource: 'text',
      qr: QR,
      now: NOW,
    });
    expect(preview.fields.uuid).toEqual({ value: QR.uuid, source: 'qr', confidence: 0.999 });
    expect(preview.fields.receptorRfc).toEqual({ value: 'COSC8001137NA', source: 'qr', confidence: 0.99 });
  });

  it('closing arithmetic confirms the amounts', () => {
    const preview = mergeSources({
      anchors: {
        fields: { subtotal: '862.07', totalTraslados: '137.93', total: '1000.00' },
        taxes: [],
        conceptos: [],
      },
      anchorSource: 'text',
      qr: null,
      now: NOW,
    });
    expect(preview.fields.subtotal?.confidence).toBe(0.975);
  });
});
