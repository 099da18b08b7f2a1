/**
 * Exact decimal arithmetic for invoice amounts: values are bigints scaled by 10^6 (the most
 * decimals a CFDI amount or rate carries), products are rounded back half away from zero, as the
 * SAT's validators and the PAC round. No float ever touches an amount.
 */
const SCALE = 6;
const ONE = 10n ** BigInt(SCALE);

export type Money = bigint;

export function parseMoney(text: string): Money {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal with at most ${SCALE} places: ${text}`);
  const [, sign, int, frac = ''] = m;
  const units = BigInt(int!) * ONE + BigInt(frac.padEnd(SCALE, '0'));
  return sign === '-' ? -units : units;
}

function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** a × b at 6 decimals. */
export const mul = (a: Money, b: Money): Money => roundDiv(a * b, ONE);

/** Rounded to `places` decimals (still scaled by 10^6). */
export function round(a: Money, places: number): Money {
  const step = 10n ** BigInt(SCALE - places);
  return roundDiv(a, step) * step;
}

export const sum = (values: Money[]): Money => values.reduce((a, b) => a + b, 0n);

/** Text with exactly `places` decimals ("1160.00"). */
export function formatMoney(a: Money, places = 2): string {
  const r = round(a, places);
  const negative = r < 0n;
  const abs = negative ? -r : r;
  const int = abs / ONE;
  const frac = (abs % ONE).toString().padStart(SCALE, '0').slice(0, places);
  return `${negative ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}
