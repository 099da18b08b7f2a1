import type { PacInvoiceCreateBody } from '@boveda/contracts';
import { pacInvoiceCreateBody } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../platform/money/index.js';
import { computeInvoice, preflight } from './compute.js';

const base = (over: Partial<PacInvoiceCreateBody> = {}): PacInvoiceCreateBody =>
  pacInvoiceCreateBody.parse({
    issuerRfc: 'EKU9003173C9',
    formaPago: '03',
    receptor: {
      rfc: 'XIA190128J61',
      nombre: 'XENON INDUSTRIAL ARTICLES',
      regimenFiscal: '601',
      codigoPostal: '76343',
      usoCfdi: 'G03',
    },
    conceptos: [
      {
        claveProdServ: '84111506',
        claveUnidad: 'E48',
        cantidad: '3',
        descripcion: 'Servicio contable',
        valorUnitario: '333.333333',
        traslados: [{ impuesto: '002', tasa: '0.16' }],
        retenciones: [
          { impuesto: '001', tasa: '0.10' },
          { impuesto: '002', tasa: '0.106667' },
        ],
      },
      {
        claveProdServ: '01010101',
        claveUnidad: 'H87',
        cantidad: '2.5',
        descripcion: 'Papelería',
        valorUnitario: '10.01',
        descuento: '0.03',
        traslados: [{ impuesto: '002', tasa: '0.16' }],
      },
    ],
    ...over,
  });

describe('invoice amounts', () => {
  it('computes lines, taxes and totals exactly, rounding half away from zero at 2 decimals', () => {
    const c = computeInvoice(base());
    const f = (m: bigint) => formatMoney(m);
    expect(c.lines.map((l) => f(l.importe))).toEqual(['1000.00', '25.03']); // 999.999999 → 1000.00; 25.025 → 25.03
    expect(c.lines[0]!.traslados.map((t) => f(t.importe!))).toEqual(['160.00']);
    expect(c.lines[0]!.retenciones.map((t) => f(t.importe!))).toEqual(['100.00', '106.67']);
    expect(c.lines[1]!.traslados.map((t) => f(t.importe!))).toEqual(['4.00']); // (25.03 − 0.03) × 0.16
    expect([c.subtotal, c.descuento, c.trasladados, c.retenidos, c.total].map(f)).toEqual([
      '1025.03',
      '0.03',
      '164.00',
      '206.67',
      '982.33',
    ]);
  });

  it('refuses before any PAC call what the SAT would refuse, in Spanish', () => {
    const bad = base({
      metodoPago: 'PPD',
      receptor: {
        rfc: 'XAXX010101000',
        nombre: 'Juan',
        regimenFiscal: '601',
        codigoPostal: '76343',
        usoCfdi: 'G03',
      },
      tipo: 'E',
    });
    const paths = preflight(bad, computeInvoice(bad)).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'formaPago',
        'receptor.usoCfdi',
        'receptor.regimenFiscal',
        'receptor.nombre',
        'relacionados',
        'metodoPago',
      ]),
    );
    expect(preflight(base(), computeInvoice(base()))).toEqual([]);
    const noTaxes = base({ conceptos: [{ ...base().conceptos[0]!, traslados: [], retenciones: [] }] });
    expect(preflight(noTaxes, computeInvoice(noTaxes))[0]!.message).toMatch(/al menos un impuesto/);
  });
});
