import { describe, expect, it } from 'vitest';
import { candidatesOf, type HistoryInvoice, majority } from './rules.js';

const inv = (over: Partial<HistoryInvoice> = {}): HistoryInvoice => ({
  categoryCode: null,
  accountCode: null,
  fields: {},
  edits: [],
  ...over,
});

describe('suggestion rules', () => {
  it('needs at least 3 matching invoices and 60 % of those considered', () => {
    expect(majority(['A', 'A'], 2)).toBeNull();
    expect(majority(['A', 'A', 'A', 'B', 'B'], 5)).toEqual({ value: 'A', matching: 3 });
    expect(majority(['A', 'A', 'A', 'B', 'B', null], 6)).toBeNull();
    expect(majority(['A', 'A', 'A', 'A', null], 5)).toEqual({ value: 'A', matching: 4 });
  });

  it('offers the usual category, account and payment fields with their evidence', () => {
    const history = [
      ...Array.from({ length: 8 }, () =>
        inv({ categoryCode: 'VIAT', accountCode: '601.84', fields: { formaPago: '03', metodoPago: 'PUE' } }),
      ),
      inv({ categoryCode: 'PAPEL', fields: { formaPago: '01', metodoPago: 'PUE' } }),
    ];
    expect(candidatesOf(history)).toEqual([
      { kind: 'category', field: 'category', value: 'VIAT', matching: 8, of: 9 },
      { kind: 'account', field: 'account', value: '601.84', matching: 8, of: 9 },
      { kind: 'formaPago', field: 'formaPago', value: '03', matching: 8, of: 9 },
      { kind: 'metodoPago', field: 'metodoPago', value: 'PUE', matching: 9, of: 9 },
    ]);
  });

  it('offers a correction people keep making, not one made once or two different ones', () => {
    const fixed = (to: string) =>
      inv({ edits: [{ field: 'emisorNombre', from: 'PAPELERIA LA 0RIENTAL', to }] });
    expect(
      candidatesOf([fixed('PAPELERÍA LA ORIENTAL'), fixed('PAPELERÍA LA ORIENTAL'), inv(), inv()]),
    ).toEqual([]);
    expect(
      candidatesOf([
        fixed('PAPELERÍA LA ORIENTAL'),
        fixed('PAPELERÍA LA ORIENTAL'),
        fixed('PAPELERÍA LA ORIENTAL'),
        inv(),
        inv(),
      ]),
    ).toEqual([
      { kind: 'correction', field: 'emisorNombre', value: 'PAPELERÍA LA ORIENTAL', matching: 3, of: 5 },
    ]);
    // Edited back to what was read: no correction.
    const undone = inv({
      edits: [
        { field: 'emisorNombre', from: 'X', to: 'Y' },
        { field: 'emisorNombre', from: 'Y', to: 'X' },
      ],
    });
    expect(candidatesOf([undone, undone, undone])).toEqual([]);
  });

  it('offers nothing with fewer than 3 confirmed invoices', () => {
    expect(candidatesOf([inv({ categoryCode: 'A' }), inv({ categoryCode: 'A' })])).toEqual([]);
  });
});
