/**
 * Exact decimal arithmetic for money checks: a value is `units × 10^-scale` with a bigint `units`, so
 * 0.1 + 0.2 is exactly 0.3 and a total is compared digit for digit, never through a float.
 *
 * JSON numbers arrive as doubles (JSON.parse has no access to the source text on Node 20); they are read
 * back through `String(n)`, the shortest text that round-trips, which is the literal the client wrote for
 * any amount with up to 15 significant digits. Decimal strings ("116.00") are read as written.
 */
export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static of(units: bigint, scale = 0): Decimal {
    return new Decimal(units, scale);
  }

  /** Parses a JSON number or a decimal string; undefined when it is neither. */
  static parse(value: unknown): Decimal | undefined {
    let text: string;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return undefined;
      text = String(value);
    } else if (typeof value === 'string') text = value.trim();
    else return undefined;
    const match = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) return /^[+-]?\.\d+$/.test(text) ? Decimal.parse(text.replace('.', '0.')) : undefined;
    const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
    let units = BigInt(`${whole}${fraction}`);
    let scale = fraction.length - Number(exponent);
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new Decimal(sign === '-' ? -units : units, scale);
  }

  /** Digits after the point as written (trailing zeros count: "116.00" has 2). */
  get decimals(): number {
    return this.scale;
  }

  private at(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.at(scale) + other.at(scale), scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(new Decimal(-other.units, other.scale));
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** Rounds half away from zero (the SAT's "redondeo") to `scale` digits. */
  round(scale: number): Decimal {
    if (scale >= this.scale) return new Decimal(this.at(scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    const negative = this.units < 0n;
    const abs = negative ? -this.units : this.units;
    let quotient = abs / divisor;
    if ((abs % divisor) * 2n >= divisor) quotient += 1n;
    return new Decimal(negative ? -quotient : quotient, scale);
  }

  cmp(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.at(scale);
    const b = other.at(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** Text with exactly `scale` decimals (rounded half away from zero). */
  toFixed(scale: number): string {
    const rounded = this.round(scale);
    const negative = rounded.units < 0n;
    const digits = (negative ? -rounded.units : rounded.units).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  }

  toString(): string {
    return this.toFixed(this.scale);
  }

  static sum(values: Decimal[]): Decimal {
    return values.reduce((total, v) => total.add(v), Decimal.of(0n));
  }
}
