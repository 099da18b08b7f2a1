import { z } from 'zod';
import { defineEvent } from './define.js';

/** An invoice issued through the PAC was stamped: it has its UUID. */
export const pacInvoiceStamped = defineEvent({
  type: 'pac.invoice.stamped',
  version: 1,
  schema: z.object({
    invoiceId: z.uuid(),
    uuid: z.string(),
    tipo: z.enum(['I', 'E']),
    issuerRfc: z.string(),
    receptorRfc: z.string(),
    total: z.string(),
    stampedAt: z.iso.datetime(),
  }),
  aggregateOf: (p) => `pac_invoice:${p.invoiceId}`,
  description: 'An invoice issued through the PAC was stamped.',
});

/** Stamping gave up: the PAC or the SAT refused the invoice, or the retries ran out. */
export const pacInvoiceFailed = defineEvent({
  type: 'pac.invoice.failed',
  version: 1,
  schema: z.object({
    invoiceId: z.uuid(),
    tipo: z.enum(['I', 'E']),
    code: z.string().nullable(),
    message: z.string(),
  }),
  aggregateOf: (p) => `pac_invoice:${p.invoiceId}`,
  description: 'Stamping an invoice through the PAC failed for good.',
});
