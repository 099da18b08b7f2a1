import { DEFAULT_LINE_TAXES } from '@boveda/contracts';
import { formatMoney, type Money, mul, parseMoney, round, sum } from '../../platform/money/index.js';
import type { StoredLine } from './orders.schema.js';

type LineTaxes = StoredLine['taxes'];

export interface LineAmounts {
  subtotal: Money;
  /** Each tax of the line with its amount (null when exempt). */
  taxes: { tax: LineTaxes[number]; amount: Money }[];
  transferred: Money;
  withheld: Money;
  total: Money;
}

/**
 * A line's amounts for `quantity` units, computed as the PAC computes a CFDI concept (importe =
 * cantidad × valor unitario to 2 decimals, each tax = importe × tasa to 2 decimals), so an
 * order's total, a return's total and their invoice and credit note agree to the cent.
 */
export function lineAmounts(line: Pick<StoredLine, 'unitPrice' | 'taxes'>, quantity: number): LineAmounts {
  const subtotal = round(mul(parseMoney(String(quantity)), parseMoney(line.unitPrice)), 2);
  const taxes = line.taxes.map((tax) => ({
    tax,
    amount: tax.exempt ? 0n : round(mul(subtotal, parseMoney(tax.rate ?? '0')), 2),
  }));
  const transferred = sum(taxes.filter((t) => !t.tax.withheld).map((t) => t.amount));
  const withheld = sum(taxes.filter((t) => t.tax.withheld).map((t) => t.amount));
  return { subtotal, taxes, transferred, withheld, total: subtotal + transferred - withheld };
}

export interface OrderTotals {
  subtotal: string;
  taxes: string;
  withheld: string;
  total: string;
}

/** The totals of some units of some lines (the whole order, or a return's items). */
export function totalsOf(
  parts: { line: Pick<StoredLine, 'unitPrice' | 'taxes'>; quantity: number }[],
): OrderTotals {
  const amounts = parts.map((p) => lineAmounts(p.line, p.quantity));
  return {
    subtotal: formatMoney(sum(amounts.map((a) => a.subtotal))),
    taxes: formatMoney(sum(amounts.map((a) => a.transferred))),
    withheld: formatMoney(sum(amounts.map((a) => a.withheld))),
    total: formatMoney(sum(amounts.map((a) => a.total))),
  };
}

/** Taxes as sent, with the default (IVA 16 %) when left out; rates written with 6 decimals. */
export function storedTaxes(
  taxes:
    | { type: 'IVA' | 'IEPS' | 'ISR'; rate?: string | undefined; exempt?: boolean; withheld?: boolean }[]
    | undefined,
): LineTaxes {
  return (taxes ?? DEFAULT_LINE_TAXES).map((t) => ({
    type: t.type,
    rate: t.exempt ? null : formatMoney(parseMoney(t.rate ?? '0'), 6),
    exempt: t.exempt ?? false,
    withheld: t.withheld ?? false,
  }));
}
