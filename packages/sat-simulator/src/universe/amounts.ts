import type { Product } from './catalog.js';
import type { Employee, Party } from './parties.js';
import type { Rng } from './prng.js';

/**
 * Money is integer cents and rates are integer millionths, so every sum is exact; rounding happens
 * once per tax line (half up), the way PACs validate it.
 */
export interface TaxLine {
  impuesto: '001' | '002';
  /** Millionths: 160000 = 0.160000. */
  rate: number;
  base: number;
  amount: number;
}

export interface Concept {
  clave: string;
  unidad: string;
  unidadNombre: string;
  descripcion: string;
  cantidad: number;
  unitCents: number;
  importe: number;
  descuento: number;
  traslados: TaxLine[];
  retenciones: TaxLine[];
  thirdParty?: Party;
}

export interface Amounts {
  concepts: Concept[];
  subtotal: number;
  descuento: number;
  traslados: TaxLine[];
  retenciones: TaxLine[];
  totalTraslados: number;
  totalRetenciones: number;
  total: number;
}

export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${rest < 10 ? '0' : ''}${rest}`;
}

export function rate(millionths: number): string {
  return (millionths / 1_000_000).toFixed(6);
}

export function taxOf(base: number, millionths: number): number {
  return Math.floor((base * millionths + 500_000) / 1_000_000);
}

function line(impuesto: '001' | '002', rateM: number, base: number): TaxLine {
  return { impuesto, rate: rateM, base, amount: taxOf(base, rateM) };
}

/** Comprobante-level Impuestos: traslados grouped by (impuesto, rate) with Base; retenciones by impuesto. */
function summarize(concepts: Concept[]): Omit<Amounts, 'concepts'> {
  const traslados = new Map<string, TaxLine>();
  const retenciones = new Map<string, TaxLine>();
  let subtotal = 0;
  let descuento = 0;
  for (const concept of concepts) {
    subtotal += concept.importe;
    descuento += concept.descuento;
    for (const t of concept.traslados) {
      const key = `${t.impuesto}|${t.rate}`;
      const sum = traslados.get(key) ?? { ...t, base: 0, amount: 0 };
      sum.base += t.base;
      sum.amount += t.amount;
      traslados.set(key, sum);
    }
    for (const r of concept.retenciones) {
      const sum = retenciones.get(r.impuesto) ?? { ...r, base: 0, amount: 0 };
      sum.base += r.base;
      sum.amount += r.amount;
      retenciones.set(r.impuesto, sum);
    }
  }
  const t = [...traslados.values()];
  const r = [...retenciones.values()].sort((a, b) => a.impuesto.localeCompare(b.impuesto));
  const totalTraslados = t.reduce((acc, x) => acc + x.amount, 0);
  const totalRetenciones = r.reduce((acc, x) => acc + x.amount, 0);
  return {
    subtotal,
    descuento,
    traslados: t,
    retenciones: r,
    totalTraslados,
    totalRetenciones,
    total: subtotal - descuento + totalTraslados - totalRetenciones,
  };
}

export function withTotals(concepts: Concept[]): Amounts {
  return { concepts, ...summarize(concepts) };
}

/**
 * Retenciones follow the common real case: a persona física invoicing a service to a persona moral
 * has 10 % ISR (1.25 % under RESICO) and two thirds of the IVA withheld.
 */
function retencionesFor(product: Product, issuer: Party, receiver: Party, base: number): TaxLine[] {
  if (!product.service || issuer.moral || !receiver.moral) return [];
  return [line('001', issuer.regimen === '626' ? 12_500 : 100_000, base), line('002', 106_667, base)];
}

export function invoiceAmounts(rng: Rng, issuer: Party, receiver: Party, thirdParty?: Party): Amounts {
  const count = rng.chance(0.55) ? 1 : rng.int(2, 4);
  const concepts: Concept[] = [];
  for (let i = 0; i < count; i += 1) {
    const product = rng.pick(issuer.products);
    const cantidad = product.service ? 1 : rng.int(1, 40);
    const unitCents = rng.int(product.minCents, product.maxCents);
    const importe = cantidad * unitCents;
    const descuento = rng.chance(0.12) ? Math.round((importe * rng.pick([5, 10, 15])) / 100) : 0;
    const base = importe - descuento;
    concepts.push({
      clave: product.clave,
      unidad: product.unidad,
      unidadNombre: product.unidadNombre,
      descripcion: product.descripcion,
      cantidad,
      unitCents,
      importe,
      descuento,
      traslados: [line('002', product.iva, base)],
      retenciones: retencionesFor(product, issuer, receiver, base),
      ...(thirdParty && i === 0 ? { thirdParty } : {}),
    });
  }
  return withTotals(concepts);
}

/** A nota de crédito for part of an invoice (returns, discounts), taxed like the invoice's first line. */
export function creditAmounts(rng: Rng, invoice: Amounts): Amounts {
  const first = invoice.concepts[0] as Concept;
  const rateM = first.traslados[0]?.rate ?? 160_000;
  const unitCents = Math.max(100, Math.round(((first.importe - first.descuento) * rng.int(5, 30)) / 100));
  return withTotals([
    {
      clave: '84111506',
      unidad: 'ACT',
      unidadNombre: 'Actividad',
      descripcion: 'Bonificación por devolución de mercancía o descuento',
      cantidad: 1,
      unitCents,
      importe: unitCents,
      descuento: 0,
      traslados: [line('002', rateM, unitCents)],
      retenciones: [],
    },
  ]);
}

export interface PaymentAmounts {
  saldoAnterior: number;
  paid: number;
  saldoInsoluto: number;
  /** Taxes of the paid part, in proportion to the invoice's (Pagos 2.0 ImpuestosDR). */
  traslados: TaxLine[];
  retenciones: TaxLine[];
}

export function paymentAmounts(rng: Rng, invoice: Amounts): PaymentAmounts {
  const full = rng.chance(0.7);
  const paid = full ? invoice.total : Math.max(1, Math.round((invoice.total * rng.int(30, 70)) / 100));
  const share = (base: number) => Math.round((base * paid) / invoice.total);
  return {
    saldoAnterior: invoice.total,
    paid,
    saldoInsoluto: invoice.total - paid,
    traslados: invoice.traslados.map((t) => line(t.impuesto, t.rate, share(t.base))),
    retenciones: invoice.retenciones.map((r) => line(r.impuesto, r.rate, share(r.base))),
  };
}

export interface Percepcion {
  tipo: string;
  clave: string;
  concepto: string;
  gravado: number;
  exento: number;
}

export interface Deduccion {
  tipo: string;
  clave: string;
  concepto: string;
  importe: number;
}

export interface NominaAmounts {
  days: number;
  percepciones: Percepcion[];
  deducciones: Deduccion[];
  totalPercepciones: number;
  totalGravado: number;
  totalExento: number;
  totalImpuestosRetenidos: number;
  totalOtrasDeducciones: number;
  totalDeducciones: number;
  /** Comprobante: SubTotal = percepciones, Descuento = deducciones, Total = neto. */
  net: number;
}

export function nominaAmounts(rng: Rng, employee: Employee): NominaAmounts {
  const days = 15;
  const sueldo = employee.dailyCents * days;
  const percepciones: Percepcion[] = [
    { tipo: '001', clave: '001', concepto: 'Sueldo', gravado: sueldo, exento: 0 },
  ];
  if (rng.chance(0.4)) {
    const vales = Math.min(Math.round(sueldo * 0.08), 150_000);
    percepciones.push({
      tipo: '029',
      clave: '029',
      concepto: 'Vales de despensa',
      gravado: 0,
      exento: vales,
    });
  }
  const totalGravado = percepciones.reduce((acc, p) => acc + p.gravado, 0);
  const totalExento = percepciones.reduce((acc, p) => acc + p.exento, 0);
  // Simplified ISR: an effective rate growing with the salary, not the real tariff table.
  const isrRate = employee.dailyCents < 50_000 ? 40_000 : employee.dailyCents < 120_000 ? 120_000 : 210_000;
  const deducciones: Deduccion[] = [
    { tipo: '001', clave: '052', concepto: 'I.M.S.S.', importe: taxOf(sueldo, 27_500) },
    { tipo: '002', clave: '045', concepto: 'I.S.R.', importe: taxOf(totalGravado, isrRate) },
  ];
  if (rng.chance(0.2)) {
    deducciones.push({
      tipo: '010',
      clave: '016',
      concepto: 'Préstamo INFONAVIT',
      importe: taxOf(sueldo, 90_000),
    });
  }
  const totalImpuestosRetenidos = deducciones
    .filter((d) => d.tipo === '002')
    .reduce((a, d) => a + d.importe, 0);
  const totalOtrasDeducciones = deducciones
    .filter((d) => d.tipo !== '002')
    .reduce((a, d) => a + d.importe, 0);
  const totalPercepciones = totalGravado + totalExento;
  const totalDeducciones = totalImpuestosRetenidos + totalOtrasDeducciones;
  return {
    days,
    percepciones,
    deducciones,
    totalPercepciones,
    totalGravado,
    totalExento,
    totalImpuestosRetenidos,
    totalOtrasDeducciones,
    totalDeducciones,
    net: totalPercepciones - totalDeducciones,
  };
}
