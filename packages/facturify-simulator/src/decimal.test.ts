import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';

const d = (v: unknown) => Decimal.parse(v)!;

describe('Decimal', () => {
  it('adds and multiplies exactly, with no float drift', () => {
    expect(d(0.1).add(d(0.2)).eq(d('0.3'))).toBe(true);
    expect(d('3').mul(d('11.111')).toString()).toBe('33.333');
    expect(d(1e21).toString()).toBe('1000000000000000000000');
    expect(d('1.5e-2').toString()).toBe('0.015');
    expect(d('.5').toString()).toBe('0.5');
  });

  it('rounds half away from zero and keeps trailing zeros in toFixed', () => {
    expect(d('2.345').round(2).toString()).toBe('2.35');
    expect(d('-2.345').round(2).toString()).toBe('-2.35');
    expect(d('2.344').toFixed(2)).toBe('2.34');
    expect(d(116).toFixed(2)).toBe('116.00');
    expect(d('0.16').toFixed(6)).toBe('0.160000');
  });

  it('refuses what is not a decimal', () => {
    for (const bad of ['abc', '1,000.00', '', null, Number.NaN, {}, '1.2.3'])
      expect(Decimal.parse(bad)).toBeUndefined();
  });
});
