import {
  orderCreated,
  orderInvoiced,
  orderReturned,
  orderStatusChanged,
  orderStatuses,
  orderTaxTypes,
  orderTransitions,
  returnReasonCodes,
  returnStatuses,
} from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { staleKeys } from '../../api/live.js';
import { en } from '../../i18n/en.js';
import { esMX } from '../../i18n/es-MX.js';
import { orderStatusLabels, returnStatusLabels } from './order-status-labels.js';
import { returnReasonLabels } from './return-reason-labels.js';
import { actionLabel } from './StatusActions.js';
import { lineTaxChoices, taxChoiceLabels, taxText, taxTypeLabels } from './tax-labels.js';

const locales = ['es', 'en'] as const;
const filled = (table: Record<string, string>, keys: readonly string[]) =>
  keys.filter((k) => typeof table[k] !== 'string' || table[k].trim() === '');

describe('order labels', () => {
  it('every status, return status, return reason and tax type of the contracts has a label in each language', () => {
    for (const l of locales) {
      expect(filled(orderStatusLabels[l], orderStatuses), l).toEqual([]);
      expect(filled(returnStatusLabels[l], returnStatuses), l).toEqual([]);
      expect(filled(returnReasonLabels[l], returnReasonCodes), l).toEqual([]);
      expect(filled(taxTypeLabels[l], orderTaxTypes), l).toEqual([]);
      expect(filled(taxChoiceLabels[l], lineTaxChoices), l).toEqual([]);
    }
    // And nothing the contracts no longer have.
    expect(Object.keys(orderStatusLabels.es).sort()).toEqual([...orderStatuses].sort());
    expect(Object.keys(returnReasonLabels.es).sort()).toEqual([...returnReasonCodes].sort());
  });

  it('names every step of the transition table as a Spanish button', () => {
    const m = esMX.orders;
    const buttons = Object.entries(orderTransitions).flatMap(([from, tos]) =>
      tos.map((to) => `${from}→${actionLabel(from as never, to, m)}`),
    );
    expect(buttons).toEqual([
      'received→Surtir',
      'received→Cancelar orden',
      'picking→Empacar',
      'picking→Cancelar orden',
      'packing→Volver a surtir',
      'packing→Enviar',
      'packing→Cancelar orden',
      'shipped→Marcar como entregada',
      'shipped→Devolver todo',
      'delivered→Devolver todo',
    ]);
    expect(en.orders.statuses.packing).toBe('Packing');
    expect(m.returnStatuses.partially_returned).toBe('Devolución parcial');
  });

  it('reads a stored tax in Spanish', () => {
    expect(taxText({ type: 'IVA', rate: '0.160000', exempt: false, withheld: false }, 'es')).toBe('IVA 16 %');
    expect(taxText({ type: 'IVA', rate: null, exempt: true, withheld: false }, 'es')).toBe('IVA exento');
    expect(taxText({ type: 'ISR', rate: '0.10', exempt: false, withheld: true }, 'es')).toBe(
      'Retención ISR 10 %',
    );
  });
});

describe('live order events', () => {
  it('mark the lists, the order, the returns and its client stale', () => {
    const payload = { orderId: 'o1', number: 'PED-1', clientId: 'c1', clientName: 'Ruiz' };
    for (const type of [orderCreated.type, orderStatusChanged.type, orderReturned.type, orderInvoiced.type])
      expect(staleKeys({ type, payload } as never)).toEqual([
        ['orders', 'list'],
        ['orders', 'detail', 'PED-1'],
        ['orders', 'returns'],
        ['clients', 'orders', 'c1'],
        ['clients', 'detail', 'c1'],
        ['clients', 'list'],
      ]);
  });
});
