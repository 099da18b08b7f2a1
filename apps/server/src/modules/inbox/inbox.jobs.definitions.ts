import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';
import { ExtractionGaveUp } from './extraction-errors.js';

const invoiceRef = z.object({ tenantId: z.uuid(), invoiceId: z.uuid() });

/** Reads an invoice's files into its preview. Retried for storage or worker faults, not for bad files. */
export const extractInvoiceJob = defineJob({
  name: 'inbox.extract',
  schema: invoiceRef,
  dedupeKey: (d) => d.invoiceId,
  retry: { delaysSeconds: [5, 30, 120], jitter: 0.1 },
  // A file that cannot be read will not read better later: it fails at once with its reason.
  permanent: (e) => e instanceof ExtractionGaveUp,
});

/** A confirmed invoice with its XML joins the vault through the cfdi module's single-document API. */
export const registerInVaultJob = defineJob({
  name: 'inbox.register-in-vault',
  schema: invoiceRef,
  dedupeKey: (d) => d.invoiceId,
  retry: { delaysSeconds: [10, 60, 600], jitter: 0.1 },
});

/** Asks the SAT whether a CFDI read from a file is in force, cancelled, or from an EFOS issuer. */
export const checkSatStatusJob = defineJob({
  name: 'inbox.check-sat-status',
  schema: invoiceRef,
  dedupeKey: (d) => d.invoiceId,
  // The SAT's service is often slow or down for minutes: retry for about an hour.
  retry: { delaysSeconds: [30, 120, 600, 1800], jitter: 0.2 },
  permanent: (e) => !!e && typeof e === 'object' && 'retryable' in e && e.retryable === false,
});
