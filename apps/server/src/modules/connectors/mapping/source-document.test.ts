import { describe, expect, it } from 'vitest';
import { invoiceSource } from './source-document.js';
import { compileTemplate } from './template.js';

describe('an inbox invoice as a pushed document', () => {
  const row = {
    id: 'inv-1',
    fileName: 'hotel.pdf',
    direction: 'received' as const,
    processedAt: new Date('2026-12-05T10:00:00Z'),
    processedBy: 'lucia@rios.mx',
    categoryCode: 'VIAT',
    accountCode: '601.84.01',
    finalData: {
      fields: { uuid: 'U', total: '2320.00', emisorRfc: 'AAA010101AAA' },
      taxes: [],
      conceptos: [],
    },
  };

  it('carries the category and account a person chose, for the mapping to send', () => {
    const doc = invoiceSource(row);
    expect(doc).toMatchObject({ category: 'VIAT', account: '601.84.01', total: '2320.00' });
    const body = compileTemplate({ cuenta: '{{account}}', categoria: '{{category | default:"SIN"}}' }).render(
      doc,
    );
    expect(body).toEqual({ cuenta: '601.84.01', categoria: 'VIAT' });
  });

  it('answers null for an invoice confirmed without them (or before they existed)', () => {
    const { categoryCode: _c, accountCode: _a, ...older } = row;
    expect(invoiceSource(older)).toMatchObject({ category: null, account: null });
  });
});
