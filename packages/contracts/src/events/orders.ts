import { z } from 'zod';
import { orderStatuses, returnReasonCodes } from '../api/orders.js';
import { defineEvent } from './define.js';

/** What every order event says about its order: enough to act without reading it back. */
const orderRef = {
  orderId: z.uuid(),
  number: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
};

export const orderCreated = defineEvent({
  type: 'orders.order.created',
  version: 1,
  schema: z.object({
    ...orderRef,
    status: z.enum(orderStatuses),
    lineCount: z.number().int(),
    total: z.string(),
    createdAt: z.iso.datetime(),
  }),
  aggregateOf: (p) => `order:${p.orderId}`,
  description: 'An order was created.',
});

export const orderStatusChanged = defineEvent({
  type: 'orders.order.status_changed',
  version: 1,
  schema: z.object({
    ...orderRef,
    from: z.enum(orderStatuses),
    to: z.enum(orderStatuses),
    changedAt: z.iso.datetime(),
  }),
  aggregateOf: (p) => `order:${p.orderId}`,
  description: "An order's status changed (one step of the transition table).",
});

export const orderReturned = defineEvent({
  type: 'orders.order.returned',
  version: 1,
  schema: z.object({
    ...orderRef,
    returnId: z.uuid(),
    returnNumber: z.string(),
    reasonCode: z.enum(returnReasonCodes),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    total: z.string(),
    /** Every shipped unit is back: the order is `returned`; otherwise partially returned. */
    fullyReturned: z.boolean(),
    returnedAt: z.iso.datetime(),
  }),
  aggregateOf: (p) => `order:${p.orderId}`,
  description: 'Units of an order came back (a partial or full return).',
});

export const orderInvoiced = defineEvent({
  type: 'orders.order.invoiced',
  version: 1,
  schema: z.object({
    ...orderRef,
    invoiceId: z.uuid(),
    uuid: z.string(),
    /** `I` for the order's invoice, `E` for a return's credit note. */
    tipo: z.enum(['I', 'E']),
    returnId: z.uuid().nullable(),
    total: z.string(),
  }),
  aggregateOf: (p) => `order:${p.orderId}`,
  description: "An order's invoice, or a return's credit note, was stamped.",
});
