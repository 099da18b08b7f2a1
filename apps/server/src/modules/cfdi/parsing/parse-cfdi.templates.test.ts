import { describe, expect, it } from 'vitest';
import type { CfdiParseError } from './errors.js';
import { parseCfdi } from './parse-cfdi.js';
import { readFixture } from './testing/fixtures.js';

// Schema templates without a TimbreFiscalDigital: refused by default, readable with allowMissingUuid.
// Expected values read by hand from each file.
const NONE = { isr: '0.00', iva: '0.00', ieps: '0.00' };
const parse = (name: string) => parseCfdi(readFixture(`cfdi/${name}`), { allowMissingUuid: true });
const RELATED_09 = [{ tipoRelacion: '09', uuids: ['f4f09aef-57f2-4be0-a828-87d1a80ed61c'] }];

describe('template CFDI fixtures (no TFD)', () => {
  it.each([
    'cfdiutils-created-with-discounts-40.xml',
    'satcfdi-cfdv40-ejemplo.xml',
    'satcfdi-cfdv40-min.xml',
    'satcfdi-cfdv40-pagos20.xml',
  ])('%s is MISSING_UUID unless allowMissingUuid', (name) => {
    expect(() => parseCfdi(readFixture(`cfdi/${name}`))).toThrowError(
      expect.objectContaining({ code: 'MISSING_UUID' }) as CfdiParseError,
    );
  });

  it('cfdiutils-created-with-discounts-40.xml: USD with exchange rate', () => {
    const c = parse('cfdiutils-created-with-discounts-40.xml');
    expect(c.uuid).toBeNull();
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'EKU9003173C9',
      'COSC8001137NA',
      'I',
      '3248.00',
    ]);
    expect([c.moneda, c.tipoCambio, c.subtotal, c.descuento]).toEqual([
      'USD',
      '18.9008',
      '3300.00',
      '500.00',
    ]);
    expect(c.receptor.nombre).toBe('Carlos Cortés Soto');
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '448.00' });
    expect(c.taxes.retenciones).toEqual(NONE);
  });

  it('satcfdi-cfdv40-ejemplo.xml: every Comprobante node', () => {
    const c = parse('satcfdi-cfdv40-ejemplo.xml');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '1500.00',
    ]);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '360000.00' });
    expect(c.taxes.retenciones).toEqual({ ...NONE, isr: '247000.00', ieps: '500.00' });
    expect(c.complementos).toEqual([]); // an empty <cfdi:Complemento></cfdi:Complemento>
  });

  it('satcfdi-cfdv40-min.xml: leading space in the emisor RFC is trimmed', () => {
    const c = parse('satcfdi-cfdv40-min.xml');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'I',
      '1500.00',
    ]);
    expect(c.taxes).toEqual({
      traslados: NONE,
      retenciones: NONE,
      totalTrasladados: null,
      totalRetenidos: null,
    });
  });

  it('satcfdi-cfdv40-nomina12.xml', () => {
    const c = parse('satcfdi-cfdv40-nomina12.xml');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '0.00',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.nomina).toMatchObject({
      fechaPago: '2016-10-15',
      totalPercepciones: '123.45',
      totalDeducciones: '123.45',
      totalOtrosPagos: '123.45',
    });
    expect(c.complementos).toEqual(['nomina12']);
    expect(c.related).toEqual(RELATED_09);
  });

  it('satcfdi-cfdv40-pagos20.xml: three payments', () => {
    const c = parse('satcfdi-cfdv40-pagos20.xml');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '0.00',
    ]);
    expect(c.taxes.retenciones).toEqual(NONE);
    expect(
      c.payments.map((p) => [p.fechaPago, p.monto, p.documents[0]?.uuid, p.documents[0]?.saldoInsoluto]),
    ).toEqual([
      ['2021-12-03T12:37:13', '6066.66', 'c1df8d01-8436-4e7d-becf-20f31624280d', '0.00'],
      ['2021-12-04T12:38:15', '5055.55', 'cb675288-97c8-45c2-9618-27fef433ad59', '0.00'],
      ['2021-12-05T12:39:43', '4044.44', 'cb36554d-af7b-4ebc-97cb-8c40fdfd9e20', '0.00'],
    ]);
  });

  it('satcfdi-cfdv40-pagos20-all.xml: every optional payment attribute', () => {
    const c = parse('satcfdi-cfdv40-pagos20-all.xml');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '0.00',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.payments).toEqual([
      {
        version: '2.0',
        fechaPago: '2021-12-03T12:59:00',
        formaPago: '99',
        moneda: 'ZWL',
        tipoCambio: '10',
        monto: '0.00',
        documents: [
          {
            uuid: 'c1df8d01-8436-4e7d-becf-20f31624280d',
            serie: '0.00',
            folio: '0.00',
            moneda: 'ZWL',
            equivalencia: '0.000001',
            numParcialidad: '109',
            saldoAnterior: '0.00',
            importePagado: '1.00',
            saldoInsoluto: '1.00',
          },
        ],
      },
    ]);
    expect(c.related).toEqual([{ tipoRelacion: '09', uuids: ['0ba31311-f675-4e0f-958d-2f3f50f7b88b'] }]);
  });

  it.each([
    ['satcfdi-cfdv40-cartaporte20.xml', 'cartaporte20'],
    ['satcfdi-cfdv40-cce11.xml', 'cce11'],
    ['satcfdi-cfdv40-implocal.xml', 'implocal10'],
    ['satcfdi-cfdv40-leyendasfisc.xml', 'leyendasfisc10'],
  ])('%s: complement %s', (name, complemento) => {
    const c = parse(name);
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '0.00',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.taxes.retenciones).toEqual(NONE);
    expect(c.complementos).toEqual([complemento]);
    expect(c.related).toEqual(RELATED_09);
  });
});
