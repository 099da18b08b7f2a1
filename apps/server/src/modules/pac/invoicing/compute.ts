import type { PacInvoiceCreateBody } from '@boveda/contracts';
import { formatMoney, type Money, mul, parseMoney, round, sum } from '../../../platform/money/index.js';

export interface ComputedTax {
  impuesto: string;
  tipoFactor: 'Tasa' | 'Exento';
  tasa: string | null;
  base: Money;
  importe: Money | null;
}

export interface ComputedLine {
  importe: Money;
  descuento: Money;
  traslados: ComputedTax[];
  retenciones: ComputedTax[];
}

export interface ComputedInvoice {
  lines: ComputedLine[];
  subtotal: Money;
  descuento: Money;
  trasladados: Money;
  retenidos: Money;
  total: Money;
}

/**
 * The amounts of an invoice from its lines: importe = cantidad × valor unitario (2 decimals), the
 * base of each tax is importe − descuento, each tax importe = base × tasa (2 decimals), and the
 * totals are exact sums: total = subtotal − descuento + trasladados − retenidos.
 */
export function computeInvoice(body: PacInvoiceCreateBody): ComputedInvoice {
  const lines = body.conceptos.map((c): ComputedLine => {
    const importe = round(mul(parseMoney(c.cantidad), parseMoney(c.valorUnitario)), 2);
    const descuento = c.descuento ? round(parseMoney(c.descuento), 2) : 0n;
    const base = importe - descuento;
    const tax = (t: (typeof c.traslados)[number]): ComputedTax => ({
      impuesto: t.impuesto,
      tipoFactor: t.tipoFactor,
      tasa: t.tipoFactor === 'Exento' ? null : formatMoney(parseMoney(t.tasa ?? '0'), 6),
      base,
      importe: t.tipoFactor === 'Exento' ? null : round(mul(base, parseMoney(t.tasa ?? '0')), 2),
    });
    return {
      importe,
      descuento,
      traslados: c.objetoImp === '02' ? c.traslados.map(tax) : [],
      retenciones: c.objetoImp === '02' ? c.retenciones.map(tax) : [],
    };
  });
  const subtotal = sum(lines.map((l) => l.importe));
  const descuento = sum(lines.map((l) => l.descuento));
  const trasladados = sum(lines.flatMap((l) => l.traslados.map((t) => t.importe ?? 0n)));
  const retenidos = sum(lines.flatMap((l) => l.retenciones.map((t) => t.importe ?? 0n)));
  return {
    lines,
    subtotal,
    descuento,
    trasladados,
    retenidos,
    total: subtotal - descuento + trasladados - retenidos,
  };
}

export const PUBLICO_EN_GENERAL = 'XAXX010101000';
export const EXTRANJERO = 'XEXX010101000';

/**
 * The rules a PAC would refuse, checked before any call, in words a contador reads (shared docs
 * `pac-facturify.md` §4.5). Answers `{ path, message }` for each broken rule.
 */
export function preflight(
  body: PacInvoiceCreateBody,
  computed: ComputedInvoice,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const r = body.receptor;
  if (body.metodoPago === 'PPD' && body.formaPago !== '99')
    fail('formaPago', 'Con método de pago PPD la forma de pago debe ser 99 (Por definir).');
  if (body.moneda !== 'MXN' && body.moneda !== 'XXX' && !body.tipoCambio)
    fail('tipoCambio', `Con moneda ${body.moneda} indica el tipo de cambio.`);
  if (r.rfc === PUBLICO_EN_GENERAL || r.rfc === EXTRANJERO) {
    if (r.usoCfdi !== 'S01')
      fail('receptor.usoCfdi', 'Con un RFC genérico el uso del CFDI debe ser S01 (Sin efectos fiscales).');
    if (r.regimenFiscal !== '616')
      fail(
        'receptor.regimenFiscal',
        'Con un RFC genérico el régimen fiscal debe ser 616 (Sin obligaciones fiscales).',
      );
    if (r.rfc === PUBLICO_EN_GENERAL && r.nombre.toUpperCase() !== 'PUBLICO EN GENERAL')
      fail('receptor.nombre', 'Con el RFC XAXX010101000 el nombre debe ser PUBLICO EN GENERAL.');
  }
  if (/\bS\.?\s?A\.?\s+DE\s+C\.?\s?V\.?$/i.test(r.nombre.trim()))
    fail(
      'receptor.nombre',
      'Escribe la razón social sin el régimen de capital (sin "S.A. de C.V."), como aparece en la constancia del SAT.',
    );
  if (body.tipo === 'E') {
    if (!body.relacionados || !['01', '03'].includes(body.relacionados.tipoRelacion))
      fail(
        'relacionados',
        'Una nota de crédito (egreso) debe relacionar la factura con tipo de relación 01 (descuento) o 03 (devolución).',
      );
    if (body.metodoPago !== 'PUE') fail('metodoPago', 'Una nota de crédito se emite con método de pago PUE.');
  }
  body.conceptos.forEach((c, i) => {
    const p = `conceptos.${i}`;
    const taxes = c.traslados.length + c.retenciones.length;
    if (c.objetoImp === '02' && taxes === 0)
      fail(
        `${p}.traslados`,
        'Con objeto de impuesto 02 (Sí objeto de impuesto) el concepto debe llevar al menos un impuesto.',
      );
    if (c.objetoImp !== '02' && taxes > 0)
      fail(
        `${p}.objetoImp`,
        `Con objeto de impuesto ${c.objetoImp} el concepto no lleva impuestos; usa 02 si los causa.`,
      );
    for (const [kind, list] of [
      ['traslados', c.traslados],
      ['retenciones', c.retenciones],
    ] as const)
      list.forEach((t, j) => {
        if (t.tipoFactor === 'Tasa' && t.tasa === undefined)
          fail(`${p}.${kind}.${j}.tasa`, 'Indica la tasa del impuesto (p. ej. 0.160000).');
        if (kind === 'retenciones' && t.tipoFactor === 'Exento')
          fail(`${p}.${kind}.${j}.tipoFactor`, 'Una retención no puede ser exenta.');
        if (kind === 'retenciones' && t.impuesto === '003')
          fail(`${p}.${kind}.${j}.impuesto`, 'El IEPS no se retiene en una factura de ingreso.');
      });
    const line = computed.lines[i]!;
    if (line.importe <= 0n)
      fail(`${p}.cantidad`, 'El importe del concepto (cantidad × valor unitario) debe ser mayor que cero.');
    if (line.descuento > line.importe)
      fail(`${p}.descuento`, 'El descuento no puede ser mayor que el importe del concepto.');
  });
  if (computed.total < 0n) fail('conceptos', 'El total no puede ser negativo.');
  return errors;
}
