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
}
