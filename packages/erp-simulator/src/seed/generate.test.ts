import { describe, expect, it } from 'vitest';
import { customer, decimal, seedRecords } from './generate.js';
import { rfcCheckDigit } from './rfc.js';

describe('seeded data', () => {
  it('computes the SAT check digit (known RFCs)', () => {
    for (const rfc of ['EKU9003173C9', 'GODE561231GR8', 'IIA040805DZ4', 'CACX7605101P8'])
      expect(rfcCheckDigit(rfc.slice(0, -1))).toBe(rfc.slice(-1));
  });

  it('every generated RFC is well formed and carries its check digit', () => {
    const { customers, suppliers } = seedRecords('rfc', {
      customers: 300,
      suppliers: 300,
      purchaseOrders: 0,
    });
    for (const { rfc } of [...customers, ...suppliers]) {
      expect(rfc).toMatch(/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/);
      expect(rfcCheckDigit(String(rfc).slice(0, -1))).toBe(String(rfc).slice(-1));
    }
  });

  it('a record depends on (seed, index) only, not on the counts', () => {
    const few = seedRecords('s', { customers: 3, suppliers: 5, purchaseOrders: 2 });
    const more = seedRecords('s', { customers: 50, suppliers: 5, purchaseOrders: 20 });
    expect(more.customers.slice(0, 3)).toEqual(few.customers);
    expect(more['purchase-orders'].slice(0, 2)).toEqual(few['purchase-orders']);
    expect(customer('s', 2)).toEqual(few.customers[1]);
  });

  it('order totals add up from the lines, in decimal strings', () => {
    const orders = seedRecords('po', { customers: 0, suppliers: 4, purchaseOrders: 200 })['purchase-orders'];
    const cents = (s: unknown) => Number(String(s).replace('.', ''));
    for (const order of orders) {
      const lines = order.lines as Record<string, string>[];
      expect(lines.reduce((sum, l) => sum + cents(l.subtotal), 0)).toBe(cents(order.subtotal));
      expect(cents(order.subtotal) + cents(order.tax)).toBe(cents(order.total));
      expect(order.supplier_id).toMatch(/^SUP-00000[1-4]$/);
    }
  });

  it('formats integer units as decimal strings', () => {
    expect(decimal(5)).toBe('0.05');
    expect(decimal(123456)).toBe('1234.56');
    expect(decimal(1500, 3)).toBe('1.500');
    expect(decimal(-7)).toBe('-0.07');
  });
});
