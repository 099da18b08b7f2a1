import { describe, expect, it } from 'vitest';
// The web computes the same totals live while an order is typed; both must agree to the cent.
import { orderAmounts } from '../../../../web/src/pages/orders/order-math.js';
import { storedTaxes, totalsOf } from './order-amounts.js';

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rates = ['0.16', '0.08', '0', '0.265', '0.30', '0.106667', '0.04', '0.125'];

describe("the web's order totals", () => {
  it('equal the server’s for a few thousand random orders', () => {
    const next = random(20261206);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let n = 0; n < 3000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const decimals = pick([0, 1, 2, 3, 6]);
        const int = String(Math.floor(next() * 10 ** pick([1, 3, 5])));
        const frac = Array.from({ length: decimals }, () => Math.floor(next() * 10)).join('');
        const unitPrice = decimals ? `${int}.${frac}` : int;
        const quantity = 1 + Math.floor(next() * pick([3, 50, 1000]));
        const taxes = pick([
          [{ type: 'IVA' as const, rate: pick(rates) }],
          [{ type: 'IVA' as const, exempt: true }],
          [],
          [
            { type: 'IVA' as const, rate: '0.16' },
            { type: 'ISR' as const, rate: pick(['0.10', '0.0125']), withheld: true },
          ],
          [
            { type: 'IEPS' as const, rate: pick(rates) },
            { type: 'IVA' as const, rate: '0.16' },
          ],
        ]);
        return { unitPrice, quantity, taxes };
      });
      const server = totalsOf(
        lines.map((l) => ({
          line: { unitPrice: l.unitPrice, taxes: storedTaxes(l.taxes) },
          quantity: l.quantity,
        })),
      );
      const web = orderAmounts(
        lines.map((l) => ({
          quantity: String(l.quantity),
          unitPrice: l.unitPrice,
          taxes: l.taxes.map((t) => ({ exempt: false, withheld: false, ...t })),
        })),
      );
      expect(web, JSON.stringify(lines)).toEqual(server);
    }
  });
});
