import type { LineTaxInput } from './tax-labels.js';

/**
 * The order's amounts as the server computes them, exactly (decimal strings → bigints scaled by
 * 10^6, the most decimals a price or rate carries; `platform/money` on the server): per line
 * importe = round(quantity × unit price, 2) and each tax = round(importe × rate, 2), rounding half
 * away from zero; a line's total adds its transferred taxes and subtracts its withholdings; the
 * order's amounts are the sums of its lines'. No float ever touches an amount.
 */
const SCALE = 6;
const ONE = 10n ** BigInt(SCALE);
const PRICE = /^\d{1,15}(\.\d{1,6})?$/;
const RATE = /^0(\.\d{1,6})?$|^1(\.0{1,6})?$/;

function parse(text: string): bigint {
  const [int = '0', frac = ''] = text.trim().split('.');
  return BigInt(int) * ONE + BigInt(frac.padEnd(SCALE, '0'));
}

function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

const mul = (a: bigint, b: bigint) => roundDiv(a * b, ONE);
function round2(a: bigint): bigint {
  const step = 10n ** BigInt(SCALE - 2);
  return roundDiv(a, step) * step;
}

/** Two decimals, exactly ("1160.00"). */
function format(a: bigint): string {
  const r = round2(a);
  const negative = r < 0n;
  const abs = negative ? -r : r;
  const frac = (abs % ONE).toString().padStart(SCALE, '0').slice(0, 2);
  return `${negative ? '-' : ''}${abs / ONE}.${frac}`;
}

export interface DraftLine {
  quantity: string;
  unitPrice: string;
  taxes: LineTaxInput[];
}

export interface Amounts {
  subtotal: string;
  taxes: string;
  withheld: string;
  total: string;
}

interface Cents {
  subtotal: bigint;
  taxes: bigint;
  withheld: bigint;
}

/** A line's amounts, or null while its quantity or price is not (yet) a valid one. */
function lineCents(line: DraftLine): Cents | null {
  const quantity = line.quantity.trim();
  if (!/^\d{1,7}$/.test(quantity) || !PRICE.test(line.unitPrice.trim())) return null;
  const subtotal = round2(BigInt(quantity) * parse(line.unitPrice));
  let taxes = 0n;
  let withheld = 0n;
  for (const tax of line.taxes) {
    if (tax.exempt || tax.rate === undefined || !RATE.test(tax.rate)) continue;
    const amount = round2(mul(subtotal, parse(tax.rate)));
    if (tax.withheld) withheld += amount;
    else taxes += amount;
  }
  return { subtotal, taxes, withheld };
}

const toAmounts = (c: Cents): Amounts => ({
  subtotal: format(c.subtotal),
  taxes: format(c.taxes),
  withheld: format(c.withheld),
  total: format(c.subtotal + c.taxes - c.withheld),
});

export function lineAmounts(line: DraftLine): Amounts | null {
  const cents = lineCents(line);
  return cents ? toAmounts(cents) : null;
}

/** The order's amounts over the lines that are complete so far (an incomplete line counts as 0). */
export function orderAmounts(lines: readonly DraftLine[]): Amounts {
  const sum: Cents = { subtotal: 0n, taxes: 0n, withheld: 0n };
  for (const line of lines) {
    const c = lineCents(line);
    if (!c) continue;
    sum.subtotal += c.subtotal;
    sum.taxes += c.taxes;
    sum.withheld += c.withheld;
  }
  return toAmounts(sum);
}
