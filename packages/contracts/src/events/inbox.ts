import { z } from 'zod';
import { invoiceStatuses } from '../invoices.js';
import { defineEvent } from './define.js';

const status = z.enum(invoiceStatuses);
const header = {
  invoiceId: z.uuid(),
  fileName: z.string(),
  uuid: z.string().nullable(),
  emisorRfc: z.string().nullable(),
  receptorRfc: z.string().nullable(),
  total: z.string().nullable(),
};

/** Every move of an invoice, including its arrival (`from` null): what open browsers show live. */
export const invoiceStateChanged = defineEvent({
  type: 'inbox.invoice.state_changed',
  version: 1,
  schema: z.object({ ...header, from: status.nullable(), to: status, version: z.number().int() }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description:
    'An invoice of the inbox arrived or changed state (processing, waiting_validation, processed, rejected, failed).',
});

/** A person changed values of the preview. */
export const invoiceEdited = defineEvent({
  type: 'inbox.invoice.edited',
  version: 1,
  schema: z.object({ ...header, fields: z.array(z.string()), version: z.number().int(), by: z.string() }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description: 'A person edited the extracted values of an invoice waiting for validation.',
});

/** Confirmed by a person: the final values, for ERPs and webhooks. */
export const invoiceProcessed = defineEvent({
  type: 'inbox.invoice.processed',
  version: 1,
  schema: z.object({
    ...header,
    direction: z.enum(['issued', 'received']).nullable(),
    fields: z.record(z.string(), z.string().nullable()),
    /** The catalogue codes a person chose (expense category, accounting account). */
    category: z.string().nullable().optional(),
    account: z.string().nullable().optional(),
    by: z.string(),
  }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description: 'A person confirmed an invoice; the payload carries its final header values.',
});

export const invoiceRejected = defineEvent({
  type: 'inbox.invoice.rejected',
  version: 1,
  schema: z.object({ ...header, reason: z.string(), by: z.string() }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description: 'A person rejected an invoice, with the reason.',
});

export const invoiceFailed = defineEvent({
  type: 'inbox.invoice.failed',
  version: 1,
  schema: z.object({ ...header, code: z.string(), message: z.string() }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description: 'Extraction gave up on an invoice; a person can retry it or enter it by hand.',
});

export type InvoiceStateChanged = z.infer<typeof invoiceStateChanged.schema>;

/** The SAT's status service answered for an invoice's CFDI (in force, cancelled, EFOS issuer). */
export const invoiceSatStatusChecked = defineEvent({
  type: 'inbox.invoice.sat_status_checked',
  version: 1,
  schema: z.object({
    ...header,
    estado: z.enum(['vigente', 'cancelado', 'no_encontrado']),
    efosListed: z.boolean(),
  }),
  aggregateOf: (p) => `invoice:${p.invoiceId}`,
  description:
    "The SAT's status service said whether an invoice's CFDI is in force or cancelled, and whether its issuer is an EFOS.",
});
