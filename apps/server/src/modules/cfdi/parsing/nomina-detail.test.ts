import { describe, expect, it } from 'vitest';
import { nominaDetailOf } from './nomina-detail.js';
import { parseCfdi } from './parse-cfdi.js';
import { readFixture } from './testing/fixtures.js';

const documentOf = (fixture: string) => parseCfdi(readFixture(`cfdi/${fixture}`)).document;

describe('nominaDetailOf (the stored document JSON → the nómina the drawer shows)', () => {
  it('lists every line and adds the net exactly; the net is the CFDI total', () => {
    const parsed = parseCfdi(readFixture('cfdi/nodecfdi-cfdi40-nomina-complex-valid.xml'));
    // Through JSON, as the document comes back from the json column.
    const n = nominaDetailOf(JSON.parse(JSON.stringify(parsed.document)))!;
    expect(n.percepciones.map((l) => l.importe)).toEqual(['2788.10', '1000.00', '83.64']);
    expect(n.deducciones.map((l) => l.tipo)).toEqual([
      '001',
      '009',
      '011',
      '004',
      '002',
      '009',
      '009',
      '004',
    ]);
    expect(n.otrosPagos).toHaveLength(2);
    expect(n.neto).toBe(parsed.total);
    expect(n.periodicidadPago).toBe('10');
  });

  it('is null for anything without a nómina, or not a CFDI document at all', () => {
    expect(nominaDetailOf(documentOf('satcfdi-stamped-pago20-HandE951128469.xml'))).toBeNull();
    expect(nominaDetailOf(documentOf('nodecfdi-retenciones10-valid.xml'))).toBeNull();
    expect(nominaDetailOf({})).toBeNull();
    expect(nominaDetailOf(null)).toBeNull();
  });

  it('sums the lines when the Nomina writes no totals (1.1 style), and reads a bad line amount as absent', () => {
    const doc = {
      'cfdi:Comprobante': {
        '@xmlns:cfdi': 'http://www.sat.gob.mx/cfd/3',
        'cfdi:Complemento': [
          {
            'nomina:Nomina': {
              '@xmlns:nomina': 'http://www.sat.gob.mx/nomina',
              '@Version': '1.1',
              'nomina:Percepciones': {
                'nomina:Percepcion': [
                  { '@TipoPercepcion': '001', '@ImporteGravado': '1000.50', '@ImporteExento': '0.00' },
                  { '@TipoPercepcion': '002', '@ImporteGravado': 'mil', '@ImporteExento': '200' },
                ],
              },
              'nomina:Deducciones': {
                'nomina:Deduccion': [
                  { '@TipoDeduccion': '002', '@ImporteGravado': '0', '@ImporteExento': '100.25' },
                ],
              },
            },
          },
        ],
      },
    };
    const n = nominaDetailOf(doc)!;
    expect(n.percepciones.map((l) => l.importe)).toEqual(['1000.50', '200.00']);
    expect(n.totalPercepciones).toBe('1200.50');
    expect(n.totalDeducciones).toBe('100.25');
    expect(n.totalOtrosPagos).toBeNull();
    expect(n.neto).toBe('1100.25');
  });
});
