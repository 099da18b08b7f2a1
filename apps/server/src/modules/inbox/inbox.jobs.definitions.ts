import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';

const invoiceRef = z.object({ tenantId: z.uuid(), invoiceId: z.uuid() });

/** Reads an invoice's files into its preview. Retried for storage or worker faults, not for bad files. */
export const extractInvoiceJob = defineJob({
  name: 'inbox.extract',
  schema: invoiceRef,
  dedupeKey: (d) => d.invoiceId,
  retry: { delaysSeconds: [5, 30, 120], jitter: 0.1 },
});

/** A confirmed invoice with its XML joins the vault through the cfdi module's single-document API. */
export const registerInVaultJob = defineJob({
  name: 'inbox.register-in-vault',
  schema: invoiceRef,
  dedupeKey: (d) => d.invoiceId,
  retry: { delaysSeconds: [10, 60, 600], jitter: 0.1 },
});
