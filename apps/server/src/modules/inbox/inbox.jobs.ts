import { type Jobs, jobWorker } from '../../platform/jobs/jobs.js';
import type { ExtractionStep } from './extraction-step.js';
import { checkSatStatusJob, extractInvoiceJob, registerInVaultJob } from './inbox.jobs.definitions.js';

export { checkSatStatusJob, extractInvoiceJob, registerInVaultJob };

export async function registerInboxWorkers(
  jobs: Jobs,
  deps: {
    extraction: ExtractionStep;
    registerInVault: (ref: { tenantId: string; invoiceId: string }) => Promise<unknown>;
    checkSatStatus: (ref: { tenantId: string; invoiceId: string }) => Promise<unknown>;
    concurrency: number;
    /** Invoices still `processing` in every organization, for the start-up sweep. */
    processing: () => Promise<{ tenantId: string; invoiceId: string }[]>;
  },
) {
  await jobs.register(
    jobWorker(extractInvoiceJob, (ref, ctx) => deps.extraction.run(ref, ctx), {
      // One extraction per OCR worker: more would only queue inside the OCR pool.
      concurrency: deps.concurrency,
      onFinalFailure: (ref, error) => deps.extraction.giveUp(ref, error),
    }),
  );
  await jobs.register(jobWorker(registerInVaultJob, (ref) => deps.registerInVault(ref)));
  await jobs.register(jobWorker(checkSatStatusJob, (ref) => deps.checkSatStatus(ref)));
  // An invoice can be `processing` with no job to read it: restored from a backup (the queue is not
  // in it), or its job lost with a queue reset. Each worker queues them at start; a job already
  // waiting is not duplicated (dedupe key), and one another worker is running skips a settled invoice.
  for (const ref of await deps.processing()) await jobs.enqueue(extractInvoiceJob, ref);
}
