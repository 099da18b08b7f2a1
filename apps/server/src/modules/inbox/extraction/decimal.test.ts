import { describe, expect, it } from 'vitest';
import { combineDecimals, decimalsWithin, normalizeDecimal } from './decimal.js';

describe('exact decimals', () => {
  it('normalizes padded and short forms', () => {
    expect(normalizeDecimal('0000014300.000000')).toBe('14300.00');
    expect(normalizeDecimal('1.0')).toBe('1.00');
    expect(normalizeDecimal('0.160000', 6)).toBe('0.160000');
    expect(normalizeDecimal('1,000.00')).toBeNull();
  });

  it('adds and subtracts without float drift', () => {
    expect(
      combineDecimals([
        ['+', '0.1'],
        ['+', '0.2'],
      ]),
    ).toBe('0.30');
    expect(
      combineDecimals([
        ['+', '2269400.00'],
        ['-', '0'],
        ['+', '363104.00'],
        ['-', '249634.00'],
      ]),
    ).toBe('2382870.00');
    expect(decimalsWithin('1000.00', '1000.01', '0.01')).toBe(true);
    expect(decimalsWithin('1000.00', '1000.02', '0.01')).toBe(false);
  });
});
