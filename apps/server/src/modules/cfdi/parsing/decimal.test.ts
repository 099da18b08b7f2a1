import { describe, expect, it } from 'vitest';
import { compareDecimals, normalizeDecimal, sumDecimals } from './decimal.js';

describe('decimal helper', () => {
  it('normalizes to at least two fraction digits without trailing zeros beyond them', () => {
    expect(normalizeDecimal('1160')).toBe('1160.00');
    expect(normalizeDecimal('0.160000')).toBe('0.16');
    expect(normalizeDecimal('1294.758400')).toBe('1294.7584');
    expect(normalizeDecimal('007.5')).toBe('7.50');
    expect(normalizeDecimal('.5')).toBe('0.50');
    expect(normalizeDecimal('-3.1')).toBe('-3.10');
    expect(normalizeDecimal('18.9008', 0)).toBe('18.9008');
    expect(normalizeDecimal('1.0', 0)).toBe('1');
  });

  it('agrees with exact arithmetic (sum with zero) on signs, zeros and scales', () => {
    const ints = ['', '0', '00', '7', '007', '120', '99999999999999999'];
    const fracs = [null, '', '0', '5', '50', '000', '0500', '123456'];
    for (const sign of ['', '+', '-'])
      for (const int of ints)
        for (const frac of fracs) {
          const value = `${sign}${int}${frac === null ? '' : `.${frac}`}`;
          if (int === '' && !frac) continue; // '', '.', '-.' are not decimals
          for (const minScale of [0, 2, 6])
            expect(normalizeDecimal(` ${value} `, minScale), `${value} @${minScale}`).toBe(
              sumDecimals([value, '0'], minScale),
            );
        }
    expect(normalizeDecimal('-0.00')).toBe('0.00');
  });

  it('refuses what is not an xs:decimal', () => {
    for (const bad of ['', '.', '1e3', '1,160.00', 'NaN', '12a', '1.2.3'])
      expect(normalizeDecimal(bad)).toBeNull();
  });

  it('sums exactly where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(sumDecimals(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sumDecimals(['125.03', '133.37'])).toBe('258.40');
    expect(sumDecimals(['647.379200', '647.3792'])).toBe('1294.7584');
    expect(sumDecimals(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
    expect(sumDecimals([])).toBe('0.00');
    expect(() => sumDecimals(['1', 'x'])).toThrow(RangeError);
  });

  it('compares exactly', () => {
    expect(compareDecimals('1.10', '1.1')).toBe(0);
    expect(compareDecimals('0.30', '0.299999')).toBe(1);
    expect(compareDecimals('-1', '0')).toBe(-1);
  });
});
