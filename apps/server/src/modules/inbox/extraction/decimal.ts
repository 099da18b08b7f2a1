/**
 * The sums and comparisons the checks need, on the cfdi module's exact decimals (scaled BigInts,
 * never floats: 0.1 + 0.2 ≠ 0.3), with "not a decimal" as null/false instead of an exception: a
 * value read from a page may be anything.
 */
import { compareDecimals, isDecimal, normalizeDecimal, sumDecimals } from '../../cfdi/index.js';

export { isDecimal, normalizeDecimal };

const negate = (v: string) =>
  v.trim().startsWith('-') ? v.trim().slice(1) : `-${v.trim().replace(/^\+/, '')}`;

/** Exact a + b − c … with signs: `combine([['+', a], ['-', b]])`. Null if any operand is not a decimal. */
export function combineDecimals(terms: ReadonlyArray<readonly ['+' | '-', string]>): string | null {
  if (!terms.every(([, v]) => isDecimal(v))) return null;
  return sumDecimals(terms.map(([sign, v]) => (sign === '+' ? v : negate(v))));
}

/** |a − b| ≤ tolerance, exactly. False when either side is not a decimal. */
export function decimalsWithin(a: string, b: string, tolerance: string): boolean {
  const diff = combineDecimals([
    ['+', a],
    ['-', b],
  ]);
  if (diff === null || !isDecimal(tolerance)) return false;
  const abs = diff.startsWith('-') ? diff.slice(1) : diff;
  return compareDecimals(abs, tolerance) <= 0;
}
