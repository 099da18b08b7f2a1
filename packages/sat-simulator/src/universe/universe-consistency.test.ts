import { describe, expect, it } from 'vitest';
import { createUniverse } from './index.js';
import { cents, filterOf, type Node, parseCfdi, RFC_MORAL, sum } from './test-helpers.js';
import type { GeneratedCfdi } from './types.js';

const universe = createUniverse({
  seed: 'consistency',
  volumes: { [RFC_MORAL]: { issuedPerMonth: 250, receivedPerMonth: 250 } },
});

/** A 3.3-only month, a mixed transition month and a 4.0-only month, both directions. */
const docs: GeneratedCfdi[] = [];
for (const [from, to] of [
  ['2021-06-01T00:00:00', '2021-06-30T23:59:59'],
  ['2022-09-01T00:00:00', '2022-09-30T23:59:59'],
  ['2024-05-01T00:00:00', '2024-05-31T23:59:59'],
] as const) {
  for (const direction of ['issued', 'received'] as const) {
    docs.push(...universe.select(filterOf(direction, from, to, { status: 'Todos' })));
  }
}
const parsed = new Map(docs.map((d) => [d.uuid, parseCfdi(d.xml())]));
const byType = (type: string) => docs.filter((d) => d.documentType === type);
const comprobante = (d: GeneratedCfdi) => parsed.get(d.uuid) as Node;

describe('universe consistency', () => {
  it('has every document type, mostly 4.0 after the transition, 3.3 before it', () => {
    for (const type of ['I', 'E', 'P', 'N', 'T']) expect(byType(type).length).toBeGreaterThan(0);
    expect(docs.filter((d) => d.issuedAt < '2022').every((d) => d.version === '3.3')).toBe(true);
    expect(docs.filter((d) => d.issuedAt > '2024').every((d) => d.version === '4.0')).toBe(true);
    const transition = docs.filter((d) => d.issuedAt.startsWith('2022-09'));
    expect(new Set(transition.map((d) => d.version))).toEqual(new Set(['3.3', '4.0']));
  });

  it('renders headers that match the lightweight fields', () => {
    for (const d of docs) {
      const c = comprobante(d);
      expect(c.Version).toBe(d.version);
      expect(c.Fecha).toBe(d.issuedAt);
      expect(c.Total).toBe(d.total);
      expect(c.TipoDeComprobante).toBe(d.documentType);
      expect(c['cfdi:Emisor'].Rfc).toBe(d.issuerRfc);
      expect(c['cfdi:Receptor'].Rfc).toBe(d.receiverRfc);
      const tfd = c['cfdi:Complemento']['tfd:TimbreFiscalDigital'];
      expect(tfd.UUID).toBe(d.uuid);
      expect(tfd.FechaTimbrado).toBe(d.certifiedAt);
      expect(tfd.RfcProvCertif).toBe(d.pacRfc);
      expect(tfd.SelloCFD).toBe(c.Sello);
      expect(d.certifiedAt >= d.issuedAt).toBe(true);
    }
  });

  it('adds up SubTotal - Descuento + traslados - retenciones = Total on I and E', () => {
    const invoices = [...byType('I'), ...byType('E')];
    expect(invoices.some((d) => comprobante(d)['cfdi:Impuestos'].TotalImpuestosRetenidos)).toBe(true);
    for (const d of invoices) {
      const c = comprobante(d);
      const concepts: Node[] = c['cfdi:Conceptos']['cfdi:Concepto'];
      for (const concept of concepts) {
        expect(cents(concept.Importe)).toBe(Number(concept.Cantidad) * cents(concept.ValorUnitario));
      }
      expect(cents(c.SubTotal)).toBe(sum(concepts.map((x) => x.Importe)));
      expect(cents(c.Descuento)).toBe(sum(concepts.map((x) => x.Descuento)));
      const taxes = c['cfdi:Impuestos'];
      const traslados: Node[] = taxes['cfdi:Traslados']['cfdi:Traslado'];
      const retenciones: Node[] = taxes['cfdi:Retenciones']?.['cfdi:Retencion'] ?? [];
      const conceptTaxes = (kind: string, item: string) =>
        concepts.flatMap((x) => x['cfdi:Impuestos']?.[kind]?.[item] ?? []).map((t: Node) => t.Importe);
      expect(cents(taxes.TotalImpuestosTrasladados)).toBe(sum(traslados.map((t) => t.Importe)));
      expect(cents(taxes.TotalImpuestosTrasladados)).toBe(
        sum(conceptTaxes('cfdi:Traslados', 'cfdi:Traslado')),
      );
      expect(cents(taxes.TotalImpuestosRetenidos)).toBe(sum(retenciones.map((t) => t.Importe)));
      expect(cents(taxes.TotalImpuestosRetenidos)).toBe(
        sum(conceptTaxes('cfdi:Retenciones', 'cfdi:Retencion')),
      );
      expect(cents(c.Total)).toBe(
        cents(c.SubTotal) -
          cents(c.Descuento) +
          cents(taxes.TotalImpuestosTrasladados) -
          cents(taxes.TotalImpuestosRetenidos),
      );
    }
  });

  it('pays earlier, live PPD invoices of the same issuer and receiver with consistent balances', () => {
    const payments = byType('P');
    expect(payments.some((d) => d.version === '4.0')).toBe(true);
    expect(payments.some((d) => d.version === '3.3')).toBe(true);
    for (const d of payments) {
      const c = comprobante(d);
      expect([c.Moneda, c.SubTotal, c.Total]).toEqual(['XXX', '0', '0']);
      expect(c['cfdi:Conceptos']['cfdi:Concepto'][0].ClaveProdServ).toBe('84111506');
      const prefix = d.version === '4.0' ? 'pago20' : 'pago10';
      expect(d.complementos).toEqual([d.version === '4.0' ? 'pagos20' : 'pagos10']);
      const pagos = c['cfdi:Complemento'][`${prefix}:Pagos`];
      const pago = pagos[`${prefix}:Pago`][0];
      const docto = pago[`${prefix}:DoctoRelacionado`][0];
      const invoice = universe.byUuid(docto.IdDocumento);
      expect(invoice).toBeDefined();
      if (!invoice) continue;
      const paid = parseCfdi(invoice.xml());
      expect(invoice.documentType).toBe('I');
      expect(paid.MetodoPago).toBe('PPD');
      expect(invoice.status).toBe('vigente');
      expect(invoice.issuedAt < d.issuedAt).toBe(true);
      expect([invoice.issuerRfc, invoice.receiverRfc]).toEqual([d.issuerRfc, d.receiverRfc]);
      expect(cents(docto.ImpSaldoAnt)).toBe(cents(invoice.total));
      expect(cents(docto.ImpSaldoAnt) - cents(docto.ImpPagado)).toBe(cents(docto.ImpSaldoInsoluto));
      expect(cents(docto.ImpSaldoInsoluto)).toBeGreaterThanOrEqual(0);
      expect(cents(pago.Monto)).toBe(cents(docto.ImpPagado));
      expect(pago.FechaPago >= invoice.issuedAt && pago.FechaPago <= d.issuedAt).toBe(true);
      if (prefix === 'pago20') expect(pagos['pago20:Totales'].MontoTotalPagos).toBe(pago.Monto);
    }
  });

  it('relates credit notes to live invoices of the same pair', () => {
    for (const d of byType('E')) {
      const related = comprobante(d)['cfdi:CfdiRelacionados'];
      expect(related.TipoRelacion).toBe('01');
      const invoice = universe.byUuid(related['cfdi:CfdiRelacionado'][0].UUID);
      expect(invoice?.documentType).toBe('I');
      expect([invoice?.issuerRfc, invoice?.receiverRfc]).toEqual([d.issuerRfc, d.receiverRfc]);
      expect(cents(d.total)).toBeLessThan(cents(invoice?.total));
    }
  });

  it('issues payroll with consistent percepciones and deducciones', () => {
    const payroll = byType('N');
    expect(payroll.every((d) => d.issuerRfc === RFC_MORAL && d.complementos.includes('nomina12'))).toBe(true);
    for (const d of payroll) {
      const c = comprobante(d);
      const nomina = c['cfdi:Complemento']['nomina12:Nomina'];
      const percepciones = nomina['nomina12:Percepciones'];
      const deducciones: Node[] = nomina['nomina12:Deducciones']['nomina12:Deduccion'];
      const items: Node[] = percepciones['nomina12:Percepcion'];
      expect(cents(percepciones.TotalGravado)).toBe(sum(items.map((p) => p.ImporteGravado)));
      expect(cents(percepciones.TotalExento)).toBe(sum(items.map((p) => p.ImporteExento)));
      expect(cents(nomina.TotalPercepciones)).toBe(
        cents(percepciones.TotalGravado) + cents(percepciones.TotalExento),
      );
      expect(cents(nomina.TotalDeducciones)).toBe(sum(deducciones.map((x) => x.Importe)));
      expect(cents(c.SubTotal)).toBe(cents(nomina.TotalPercepciones));
      expect(cents(c.Descuento)).toBe(cents(nomina.TotalDeducciones));
      expect(cents(c.Total)).toBe(cents(c.SubTotal) - cents(c.Descuento));
      expect(c['cfdi:Receptor'].Rfc).toHaveLength(13);
    }
  });

  it('cancels a few percent, always after emission', () => {
    const cancelled = docs.filter((d) => d.status === 'cancelado');
    expect(cancelled.length / docs.length).toBeGreaterThan(0.02);
    expect(cancelled.length / docs.length).toBeLessThan(0.07);
    for (const d of cancelled) expect((d.cancelledAt ?? '') > d.issuedAt).toBe(true);
    expect(docs.filter((d) => d.status === 'vigente').every((d) => d.cancelledAt === undefined)).toBe(true);
  });

  it('puts third parties (ACuentaTerceros) on some 4.0 invoices', () => {
    const withThird = docs.filter((d) => d.thirdParty);
    expect(withThird.length).toBeGreaterThan(0);
    for (const d of withThird) {
      const concept = comprobante(d)['cfdi:Conceptos']['cfdi:Concepto'][0];
      expect(concept['cfdi:ACuentaTerceros'].RfcACuentaTerceros).toBe(d.thirdParty?.rfc);
      expect(concept['cfdi:ACuentaTerceros'].NombreACuentaTerceros).toBe(d.thirdParty?.name);
    }
  });
});
