import type { InvoicePreview } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { qrAgreementChecks, runChecks } from './checks.js';
import { parseQrExpression } from './qr-expression.js';

const NOW = new Date('2026-12-04T12:00:00Z');

function preview(values: Record<string, string>): InvoicePreview {
  return {
    fields: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { value: v, source: 'text', confidence: 0.95 }]),
    ),
    taxes: { items: [], source: 'text', confidence: 0.95 },
    conceptos: { items: [], source: 'text', confidence: 0.95 },
    checks: [],
  };
}

const byCode = (checks: ReturnType<typeof runChecks>, code: string) => checks.filter((c) => c.code === code);

describe('runChecks', () => {
  it('closes the arithmetic exactly within a cent', () => {
    const ok = runChecks(
      preview({
        subtotal: '2269400.00',
        totalTraslados: '363104.00',
        totalRetenciones: '249634.00',
        total: '2382870.00',
      }),
      { now: NOW },
    );
    expect(byCode(ok, 'TOTAL_ARITHMETIC')[0]).toMatchObject({ ok: true });
    const off = runChecks(
      preview({ subtotal: '100.00', descuento: '10.00', totalTraslados: '14.40', total: '104.42' }),
      {
        now: NOW,
      },
    );
    // The compared values travel as params, so the web says them in Spanish.
    expect(byCode(off, 'TOTAL_ARITHMETIC')[0]).toMatchObject({
      ok: false,
      params: { expected: '104.40', total: '104.42' },
    });
    const cent = runChecks(preview({ subtotal: '862.07', totalTraslados: '137.93', total: '1000.01' }), {
      now: NOW,
    });
    expect(byCode(cent, 'TOTAL_ARITHMETIC')[0]?.ok).toBe(true);
  });

  it('flags malformed identifiers and impossible dates', () => {
    const checks = runChecks(
      preview({
        uuid: 'C2832671-DA6D-11EF-A83D',
        emisorRfc: 'ISD951321HE5',
        receptorRfc: 'COSC8001137NA',
        fecha: '2027-06-01T00:00:00',
      }),
      { now: NOW },
    );
    expect(checks.map((c) => [c.code, c.ok])).toEqual([
      ['UUID_FORMAT', false],
      ['RFC_FORMAT', false],
      ['RFC_FORMAT', true],
      ['FECHA_RANGE', false],
    ]);
    expect(
      byCode(runChecks(preview({ fecha: '2003-12-31T23:59:59' }), { now: NOW }), 'FECHA_RANGE')[0]?.ok,
    ).toBe(false);
  });
});

describe('qrAgreementChecks', () => {
  it('compares the page with the QR field by field', () => {
    const qr = parseQrExpression(
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=C2832671-DA6D-11EF-A83D-00155D012007&re=ISD950921HE5&rr=COSC8001137NA&tt=1000.0&fe=hNjeNw==',
    )!;
    const checks = qrAgreementChecks(
      { uuid: 'c2832671-da6d-11ef-a83d-00155d012007', emisorRfc: 'ISD950921HE5', total: '100.00' },
      qr,
    );
    expect(checks.map((c) => [c.fields[0], c.ok])).toEqual([
      ['uuid', true],
      ['emisorRfc', true],
      ['total', false],
    ]);
  });
});
