import { describe, expect, it } from 'vitest';
import { conceptosOf, taxLinesOf } from './document-view.js';
import { addMoney, formatMoney } from './money.js';

describe('money without floats', () => {
  it('formats decimal strings with grouping and cents', () => {
    expect(formatMoney('2250000')).toBe('$2,250,000.00');
    expect(formatMoney('0.348')).toBe('$0.348');
    expect(formatMoney('-1160.5')).toBe('-$1,160.50');
    expect(formatMoney(null)).toBe('—');
  });

  it('adds exactly', () => {
    expect(addMoney(['0.1', '0.2'])).toBe('0.30');
    expect(addMoney(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
    expect(addMoney([])).toBe('0.00');
  });
});

describe('reading the CFDI JSON', () => {
  it('finds concepts and comprobante taxes whatever the prefix, CFDI 4.0 or 3.2 case', () => {
    const v40 = {
      'cfdi:Comprobante': {
        'cfdi:Conceptos': {
          'cfdi:Concepto': [
            { '@ClaveProdServ': '01010101', '@Descripcion': 'ACERO', '@Importe': '10', '@Cantidad': '1' },
          ],
        },
        'cfdi:Impuestos': {
          'cfdi:Traslados': {
            'cfdi:Traslado': [
              { '@Impuesto': '002', '@TasaOCuota': '0.160000', '@Importe': '1.60', '@Base': '10' },
            ],
          },
          'cfdi:Retenciones': { 'cfdi:Retencion': [{ '@Impuesto': '001', '@Importe': '1.00' }] },
        },
      },
    };
    expect(conceptosOf(v40)).toEqual([
      {
        clave: '01010101',
        cantidad: '1',
        unidad: null,
        descripcion: 'ACERO',
        valorUnitario: null,
        importe: '10',
      },
    ]);
    expect(taxLinesOf(v40).map((t) => [t.kind, t.impuesto, t.importe])).toEqual([
      ['traslado', 'IVA', '1.60'],
      ['retencion', 'ISR', '1.00'],
    ]);
    const v32 = {
      'x:Comprobante': { 'x:Conceptos': { 'x:Concepto': { '@descripcion': 'Boleto', '@importe': '5' } } },
    };
    expect(conceptosOf(v32)[0]).toMatchObject({ descripcion: 'Boleto', importe: '5' });
    expect(conceptosOf(null)).toEqual([]);
  });
});
