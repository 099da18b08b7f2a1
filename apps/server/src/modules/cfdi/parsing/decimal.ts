/**
 * Exact decimal arithmetic on the strings found in CFDI attributes (xs:decimal). Amounts are never
 * turned into JS numbers: a float cannot hold 0.1 and sums of thousands of rows drift.
 */

// xs:decimal lexical space: optional sign, digits, optional fraction; no exponent, no grouping.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(value: string): Scaled | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const units = BigInt((intPart || '0') + fracPart);
  return { units: m[1] === '-' ? -units : units, scale: fracPart.length };
}

function format(units: bigint, scale: number, minScale: number): string {
  let u = units;
  let s = scale;
  // Drop trailing zeros beyond minScale so '1294.758400' and '1294.7584' compare equal as strings.
  while (s > minScale && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  const neg = u < 0n;
  let digits = (neg ? -u : u).toString();
  if (s < minScale) {
    digits += '0'.repeat(minScale - s);
    s = minScale;
  }
  if (s === 0) return (neg ? '-' : '') + digits;
  digits = digits.padStart(s + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -s)}.${digits.slice(-s)}`;
}

export const isDecimal = (value: string): boolean => toScaled(value) !== null;

/**
 * Canonical form of a decimal string: no sign for positives, no leading zeros, at least `minScale`
 * fraction digits and no trailing zeros beyond them ('1160' → '1160.00', '0.160000' → '0.16').
 * Returns null when the text is not a decimal.
 */
export function normalizeDecimal(value: string, minScale = 2): string | null {
  // Pure string work, same result as format(toScaled(value)): this runs for every amount of
  // every CFDI and metadata row, and a BigInt per value was a measurable share of parsing.
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? '';
  if (intDigits === '' && fracDigits === '') return null;
  let from = 0;
  while (from < intDigits.length - 1 && intDigits.charCodeAt(from) === 48) from++;
  const int = intDigits === '' ? '0' : intDigits.slice(from);
  let end = fracDigits.length;
  while (end > minScale && fracDigits.charCodeAt(end - 1) === 48) end--;
  const frac = end < minScale ? fracDigits.slice(0, end).padEnd(minScale, '0') : fracDigits.slice(0, end);
  const negative = m[1] === '-' && !(ALL_ZEROS.test(int) && ALL_ZEROS.test(frac));
  return `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

const ALL_ZEROS = /^0*$/;

/** Exact sum of decimal strings, normalized with `minScale`. Throws on a non-decimal operand. */
export function sumDecimals(values: Iterable<string>, minScale = 2): string {
  let units = 0n;
  let scale = 0;
  for (const value of values) {
    const v = toScaled(value);
    if (v === null) throw new RangeError(`not a decimal: ${JSON.stringify(value.slice(0, 40))}`);
    if (v.scale > scale) {
      units *= 10n ** BigInt(v.scale - scale);
      scale = v.scale;
    }
    units += v.units * 10n ** BigInt(scale - v.scale);
  }
  return format(units, scale, minScale);
}

export const addDecimals = (a: string, b: string, minScale = 2): string => sumDecimals([a, b], minScale);

/** -1, 0 or 1, exactly. Throws on a non-decimal operand. */
export function compareDecimals(a: string, b: string): number {
  const diff = sumDecimals([a, negate(b)], 0);
  return diff.startsWith('-') ? -1 : /[1-9]/.test(diff) ? 1 : 0;
}

function negate(value: string): string {
  const t = value.trim();
  if (t.startsWith('-')) return t.slice(1);
  return `-${t.startsWith('+') ? t.slice(1) : t}`;
}
