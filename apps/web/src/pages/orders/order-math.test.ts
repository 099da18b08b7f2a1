import { describe, expect, it } from 'vitest';
import { lineAmounts, orderAmounts } from './order-math.js';
import { percent, taxesOfChoice } from './tax-labels.js';

const iva16 = taxesOfChoice('iva16');

describe('order amounts, exactly as the server computes them', () => {
  it('rounds the importe and each tax to cents per line: 3 × 33.33 + IVA 16 % = 115.99', () => {
    // importe 99.99; IVA 99.99 × 0.16 = 15.9984 → 16.00; a float sum would drift.
    expect(lineAmounts({ quantity: '3', unitPrice: '33.33', taxes: iva16 })).toEqual({
      subtotal: '99.99',
      taxes: '16.00',
      withheld: '0.00',
      total: '115.99',
    });
  });

  it('rounds half away from zero, per line before summing', () => {
    // 1 × 0.03125 = 0.03125 → 0.03; IVA 0.03 × 0.16 = 0.0048 → 0.00.
    expect(lineAmounts({ quantity: '1', unitPrice: '0.03125', taxes: iva16 })?.total).toBe('0.03');
    // 0.15625 → 0.16 (half up); IVA 0.0256 → 0.03.
    expect(lineAmounts({ quantity: '5', unitPrice: '0.03125', taxes: iva16 })).toMatchObject({
      subtotal: '0.16',
      taxes: '0.03',
      total: '0.19',
    });
    // Two lines of 0.05 × 0.16 = 0.008 → 0.01 each: 0.02 of IVA, not round(0.10 × 0.16) = 0.02 by luck;
    // three make 0.03 where a whole-order rounding would say round(0.024) = 0.02.
    const lines = ['A', 'B', 'C'].map(() => ({ quantity: '1', unitPrice: '0.05', taxes: iva16 }));
    expect(orderAmounts(lines)).toEqual({ subtotal: '0.15', taxes: '0.03', withheld: '0.00', total: '0.18' });
  });

  it('treats IVA 0 %, exempt and no taxes as no tax, and subtracts withholdings', () => {
    for (const choice of ['iva0', 'exempt', 'none'] as const)
      expect(lineAmounts({ quantity: '2', unitPrice: '100', taxes: taxesOfChoice(choice) })?.total).toBe(
        '200.00',
      );
    expect(
      lineAmounts({
        quantity: '1',
        unitPrice: '1000',
        taxes: [...iva16, { type: 'ISR', rate: '0.10', withheld: true }],
      }),
    ).toEqual({ subtotal: '1000.00', taxes: '160.00', withheld: '100.00', total: '1060.00' });
  });

  it('adds big amounts without losing a cent', () => {
    const big = { quantity: '1000000', unitPrice: '999999999999999.99', taxes: iva16 };
    expect(lineAmounts(big)).toMatchObject({
      subtotal: '999999999999999990000.00',
      taxes: '159999999999999998400.00',
    });
    expect(orderAmounts([big, { quantity: '1', unitPrice: '0.01', taxes: [] }]).total).toBe(
      '1159999999999999988400.01',
    );
  });

  it('counts an incomplete line as nothing until it is valid', () => {
    expect(lineAmounts({ quantity: '', unitPrice: '10', taxes: iva16 })).toBeNull();
    expect(lineAmounts({ quantity: '1.5', unitPrice: '10', taxes: iva16 })).toBeNull();
    expect(lineAmounts({ quantity: '1', unitPrice: '10,5', taxes: iva16 })).toBeNull();
    expect(orderAmounts([{ quantity: '1', unitPrice: 'x', taxes: iva16 }]).total).toBe('0.00');
  });

  it('writes a rate as a percentage without floats', () => {
    expect(percent('0.16')).toBe('16');
    expect(percent('0.160000')).toBe('16');
    expect(percent('0.265')).toBe('26.5');
    expect(percent('0')).toBe('0');
    expect(percent('1')).toBe('100');
  });
});
