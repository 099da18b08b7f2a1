/**
 * Exact decimal helpers for amounts read from a document. The cfdi module has its own but does not
 * export them through its index.ts, and amounts must never pass through floats (0.1 + 0.2 ≠ 0.3):
 * values are scaled BigInts.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(value: string): Scaled | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

export const isDecimal = (value: string): boolean => toScaled(value) !== null;

/**
 * Canonical form: no leading zeros, at least `minScale` fraction digits, trailing zeros beyond them
 * dropped ('0000014300.000000' → '14300.00', '1.0' → '1.00'), so equal amounts compare as strings.
 */
export function normalizeDecimal(value: string, minScale = 2): string | null {
  const v = toScaled(value);
  if (!v) return null;
  let { units, scale } = v;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  if (scale < minScale) {
    units *= 10n ** BigInt(minScale - scale);
    scale = minScale;
  }
  return format(units, scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale === 0) return `${negative ? '-' : ''}${digits}`;
  digits = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Exact a + b − c … with signs: `combine([['+', a], ['-', b]])`. Null if any operand is not a decimal. */
export function combineDecimals(terms: ReadonlyArray<readonly ['+' | '-', string]>): string | null {
  const scaled: Array<['+' | '-', Scaled]> = [];
  for (const [sign, value] of terms) {
    const v = toScaled(value);
    if (!v) return null;
    scaled.push([sign, v]);
  }
  const scale = Math.max(2, ...scaled.map(([, v]) => v.scale));
  let units = 0n;
  for (const [sign, v] of scaled) units += sign === '+' ? rescale(v, scale) : -rescale(v, scale);
  return normalizeDecimal(format(units, scale));
}

/** |a − b| ≤ tolerance, exactly. False when either side is not a decimal. */
export function decimalsWithin(a: string, b: string, tolerance: string): boolean {
  const diff = combineDecimals([
    ['+', a],
    ['-', b],
  ]);
  if (diff === null) return false;
  const abs = diff.startsWith('-') ? diff.slice(1) : diff;
  const d = toScaled(abs)!;
  const t = toScaled(tolerance)!;
  const scale = Math.max(d.scale, t.scale);
  return rescale(d, scale) <= rescale(t, scale);
}
