import { describe, expect, it } from 'vitest';
import { formatMoneyShort, niceTicks, subtractMoney } from './money.js';

describe('axis amounts', () => {
  it('abbreviates pesos as Mexican readers write them', () => {
    expect(formatMoneyShort(0)).toBe('$0');
    expect(formatMoneyShort(850)).toBe('$850');
    expect(formatMoneyShort(1_000)).toBe('$1 mil');
    expect(formatMoneyShort(350_000)).toBe('$350 mil');
    expect(formatMoneyShort(1_200_000)).toBe('$1.2 M');
    expect(formatMoneyShort(2_500_000_000)).toBe('$2.5 mil M');
    expect(formatMoneyShort(-1_250_000)).toBe('-$1.3 M');
  });

  it('steps the axis at round amounts from below zero to above the highest bar', () => {
    expect(niceTicks(0, 2450)).toEqual([0, 1000, 2000, 3000]);
    expect(niceTicks(0, 1_200_000)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks(-300, 900)).toEqual([-500, -250, 0, 250, 500, 750, 1000]);
    expect(niceTicks(0, 0)).toEqual([0, 0.25]);
  });

  it('subtracts exactly', () => {
    expect(subtractMoney('1160.00', '160.00')).toBe('1000.00');
    expect(subtractMoney('100.00', '-0.50')).toBe('100.50');
    expect(subtractMoney('0.10', '0.30')).toBe('-0.20');
  });
});
