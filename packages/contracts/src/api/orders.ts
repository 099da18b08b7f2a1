import { z } from 'zod';
import { pageOf, pageQuery, rfcSchema } from '../primitives.js';
import { pacInvoiceStatuses } from './pac-invoices.js';

/**
 * Clients, orders and returns (`/api/v1/clients`, `/api/v1/orders`): the warehouse side of an
 * organization. A client's email, phone and address are personal data, stored encrypted; an order
 * moves through the transition table below, one step at a time, and a return is its own record.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const catalogKey = (digits: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${digits}}$`), `${digits} digits`);
/** Money in, exact: at most 6 decimals, never negative ("199.90"). */
const price = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,6})?$/, 'an amount like 199.90');
const rate = z
  .string()
  .trim()
  .regex(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, 'a rate between 0 and 1, e.g. "0.16"');
const quantity = z.number().int('whole units').min(1).max(1_000_000);

// ---------------------------------------------------------------------------------------------
// Clients

export const clientEmail = z.string().trim().max(254).pipe(z.email('not an email address'));

export const clientCreateBody = z.object({
  name: text(300),
  /** Optional; required to invoice the client's orders. */
  rfc: rfcSchema.nullable().optional(),
  /** Unique in the organization, whatever its case or surrounding spaces. */
  email: clientEmail,
  phone: optionalText(40),
  address: optionalText(500),
  /** Fiscal data for invoicing (c_RegimenFiscal, the fiscal address's postal code, c_UsoCFDI). */
  fiscalRegime: catalogKey(3).nullable().optional(),
  postalCode: catalogKey(5).nullable().optional(),
  cfdiUse: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2}$|^CP01$|^CN01$/, 'a c_UsoCFDI key such as G03')
    .nullable()
    .optional(),
});
export type ClientCreateBody = z.input<typeof clientCreateBody>;
/** `PATCH`: any of the fields; `PUT` (the original API) sends them all. */
export const clientUpdateBody = clientCreateBody.partial();
export type ClientUpdateBody = z.input<typeof clientUpdateBody>;

export const clientSummary = z.object({ id: z.string(), name: z.string(), rfc: z.string().nullable() });

export const clientView = z.object({
  id: z.string(),
  name: z.string(),
  rfc: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  fiscalRegime: z.string().nullable(),
  postalCode: z.string().nullable(),
  cfdiUse: z.string().nullable(),
  archived: z.boolean(),
  orderCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientView = z.output<typeof clientView>;
/** A list row: no phone or address (read them in the client's detail, where the read is recorded). */
export const clientListItem = clientView.omit({ phone: true, address: true });
export const clientPage = pageOf(clientListItem);

export const clientListQuery = pageQuery(50, 200).extend({
  /** Words of the name or the RFC. */
  q: z.string().trim().max(200).optional(),
  /** Exact email (any case or spacing), looked up through its blind index. */
  email: z.string().trim().max(254).optional(),
  archived: z.enum(['true', 'false', 'all']).default('false'),
});

// ---------------------------------------------------------------------------------------------
// Orders

export const orderStatuses = [
  'received',
  'picking',
  'packing',
  'shipped',
  'delivered',
  'returned',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/**
 * The one transition table: from each status, where an order may go by `PATCH {status}`.
 * `returned` is reached by returns (all shipped units back), or by a status change that returns
 * everything at once; `cancelled` only before anything shipped; `returned` and `cancelled` are final.
 */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  received: ['picking', 'cancelled'],
  picking: ['packing', 'cancelled'],
  packing: ['picking', 'shipped', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned'],
  returned: [],
  cancelled: [],
};
export const canTransition = (from: OrderStatus, to: OrderStatus) => orderTransitions[from].includes(to);

export const returnStatuses = ['none', 'partially_returned', 'returned'] as const;

export const orderTaxTypes = ['IVA', 'IEPS', 'ISR'] as const;
export const orderTax = z
  .object({
    type: z.enum(orderTaxTypes),
    /** "0.16"; left out when exempt. */
    rate: rate.optional(),
    exempt: z.boolean().default(false),
    /** A withholding (retención) rather than a transferred tax. */
    withheld: z.boolean().default(false),
  })
  .refine((t) => t.exempt || t.rate !== undefined, { message: 'a rate, or exempt', path: ['rate'] });

/** Left out: IVA 16 %, the general rate. An empty list: not subject to tax. */
export const DEFAULT_LINE_TAXES = [{ type: 'IVA', rate: '0.16', exempt: false, withheld: false }] as const;

export const orderLineInput = z.object({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\s]+$/, 'no spaces'),
  description: text(1000),
  quantity,
  unitPrice: price,
  taxes: z.array(orderTax).max(4).optional(),
  /** c_ClaveProdServ for invoicing (01010101 "no existe en el catálogo" when left out). */
  productCode: catalogKey(8).optional(),
  /** c_ClaveUnidad (H87 "pieza" when left out). */
  unitCode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,3}$/, 'a c_ClaveUnidad key such as H87')
    .optional(),
});

const RESERVED_NUMBERS = ['returns', 'return-reasons'];
export const orderNumber = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - (starting with a letter or digit)')
  .refine((v) => !RESERVED_NUMBERS.includes(v.toLowerCase()), 'a reserved word');

export const orderCreateBody = z
  .object({
    number: orderNumber,
    clientId: z.uuid(),
    lines: z.array(orderLineInput).min(1).max(200),
    notes: optionalText(2000),
  })
  .refine((o) => new Set(o.lines.map((l) => l.sku)).size === o.lines.length, {
    message: 'each SKU once per order',
    path: ['lines'],
  });
export type OrderCreateBody = z.input<typeof orderCreateBody>;

export const orderNumberParams = z.object({ number: orderNumber });

export const orderLineTaxView = z.object({
  type: z.enum(orderTaxTypes),
  rate: z.string().nullable(),
  exempt: z.boolean(),
  withheld: z.boolean(),
  amount: z.string(),
});
export const orderLineView = z.object({
  sku: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.string(),
  taxes: z.array(orderLineTaxView),
  productCode: z.string(),
  unitCode: z.string(),
  subtotal: z.string(),
  total: z.string(),
  /** Units out with the shipment (all of them once shipped) and units back through returns. */
  shippedQuantity: z.number().int(),
  returnedQuantity: z.number().int(),
});

export const linkedInvoice = z.object({
  invoiceId: z.string(),
  uuid: z.string().nullable(),
  status: z.enum(pacInvoiceStatuses),
});

export const orderTransitionView = z.object({
  from: z.enum(orderStatuses).nullable(),
  to: z.enum(orderStatuses),
  at: z.string(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
});

export const orderView = z.object({
  id: z.string(),
  number: z.string(),
  clientId: z.string(),
  client: clientSummary,
  status: z.enum(orderStatuses),
  returnStatus: z.enum(returnStatuses),
  /** Where the order may go next (the transition table, from its status). */
  allowedNext: z.array(z.enum(orderStatuses)),
  lines: z.array(orderLineView),
  currency: z.literal('MXN'),
  subtotal: z.string(),
  taxes: z.string(),
  withheld: z.string(),
  total: z.string(),
  returnedTotal: z.string(),
  notes: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  cancelReason: z.string().nullable(),
  invoice: linkedInvoice.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Every status change, oldest first (detail only; empty in lists). */
  history: z.array(orderTransitionView),
});
export type OrderView = z.output<typeof orderView>;
export const orderPage = pageOf(orderView);

export const orderListQuery = pageQuery(50, 200).extend({
  status: z.enum(orderStatuses).optional(),
  clientId: z.uuid().optional(),
  /** The start of an order number. */
  q: z.string().trim().max(64).optional(),
});

/**
 * `PATCH /api/v1/orders/{number}`: one step of the transition table. `returned` returns every
 * unit still out at once and needs a reason (`reasonCode`, or the original's free `returnReason`).
 */
export const orderStatusBody = z.object({
  status: z.enum(orderStatuses),
  note: optionalText(1000),
  carrier: optionalText(100),
  trackingNumber: optionalText(100),
  cancelReason: optionalText(1000),
  reasonCode: z.string().trim().max(40).optional(),
  returnReason: optionalText(1000),
});
export type OrderStatusBody = z.input<typeof orderStatusBody>;

/** `PUT /api/v1/orders/{number}`: the original API's update (`status`, `return_reason`), kept. */
export const orderLegacyUpdateBody = z.object({
  status: z.enum(orderStatuses).optional(),
  return_reason: optionalText(1000),
  returnReason: optionalText(1000),
  notes: optionalText(2000),
});

// ---------------------------------------------------------------------------------------------
// Returns

export const returnReasonCodes = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
  'late_delivery',
  'no_longer_needed',
  'other',
] as const;
export type ReturnReasonCode = (typeof returnReasonCodes)[number];
/** The catalogue's Spanish labels (the API's `return-reasons` and the web app show them). */
export const returnReasonLabels: Readonly<Record<ReturnReasonCode, string>> = {
  damaged: 'Llegó dañado',
  defective: 'Defectuoso',
  wrong_item: 'Artículo equivocado',
  not_as_described: 'No corresponde a la descripción',
  missing_parts: 'Incompleto (faltan piezas)',
  late_delivery: 'Entrega tardía',
  no_longer_needed: 'Ya no lo necesita',
  other: 'Otro motivo',
};

export const returnReasonView = z.object({ code: z.enum(returnReasonCodes), label: z.string() });

export const returnCreateBody = z.object({
  reasonCode: z.enum(returnReasonCodes),
  /** Required, as in the original: what happened, in the warehouse's words. */
  note: text(1000),
  items: z
    .array(
      z
        .object({
          sku: text(64),
          quantity,
          /** Units that actually arrived (all of them when left out). */
          receivedQuantity: z.number().int().min(0).optional(),
          /** Of those, units that arrived damaged. */
          damagedQuantity: z.number().int().min(0).default(0),
        })
        .refine((i) => (i.receivedQuantity ?? i.quantity) <= i.quantity, {
          message: 'received more than returned',
          path: ['receivedQuantity'],
        })
        .refine((i) => i.damagedQuantity <= (i.receivedQuantity ?? i.quantity), {
          message: 'damaged more than received',
          path: ['damagedQuantity'],
        }),
    )
    .min(1)
    .max(200)
    .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, 'each SKU once'),
  /** When the goods came back (now when left out). */
  returnedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ReturnCreateBody = z.input<typeof returnCreateBody>;

export const returnView = z.object({
  id: z.string(),
  /** `<order number>-D<n>`: the order's n-th return. */
  number: z.string(),
  orderNumber: z.string(),
  orderId: z.string(),
  client: clientSummary,
  reasonCode: z.enum(returnReasonCodes),
  note: z.string(),
  items: z.array(
    z.object({
      sku: z.string(),
      description: z.string(),
      quantity: z.number().int(),
      receivedQuantity: z.number().int(),
      damagedQuantity: z.number().int(),
      total: z.string(),
    }),
  ),
  total: z.string(),
  returnedAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The credit note (egreso, relation 03) when the order was invoiced; pending until it is. */
  creditNote: linkedInvoice.nullable(),
  creditNotePending: z.boolean(),
});
export type ReturnView = z.output<typeof returnView>;
export const returnPage = pageOf(returnView);
export const returnListQuery = pageQuery(50, 200).extend({
  reasonCode: z.enum(returnReasonCodes).optional(),
  clientId: z.uuid().optional(),
});

// ---------------------------------------------------------------------------------------------
// Invoicing

/** `POST /api/v1/orders/{number}/invoice`: stamp the order through the PAC (a job). */
export const orderInvoiceBody = z.object({
  /** A taxpayer of the organization registered at the PAC. */
  issuerRfc: rfcSchema,
  formaPago: catalogKey(2),
  metodoPago: z.enum(['PUE', 'PPD']).default('PUE'),
  /** The client's `cfdiUse`, else G03 (gastos en general). */
  usoCfdi: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2}$|^CP01$|^CN01$/, 'a c_UsoCFDI key such as G03')
    .optional(),
  serie: z.string().trim().min(1).max(25).optional(),
});
export type OrderInvoiceBody = z.input<typeof orderInvoiceBody>;
