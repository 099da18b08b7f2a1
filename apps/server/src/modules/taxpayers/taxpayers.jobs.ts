import { z } from 'zod';
import { defineJob, type Jobs, jobWorker } from '../../platform/jobs/jobs.js';
import type { TaxpayersService } from './taxpayers.service.js';

/** Once a day: announce e.firmas that entered their last 30, 7 or 1 days. */
export const expiryCheckJob = defineJob({
  name: 'taxpayers.expiry-check',
  schema: z.object({}),
  retry: [60, 600, 3600],
});

export async function registerTaxpayerWorkers(jobs: Jobs, taxpayers: TaxpayersService, opts: { tz: string }) {
  await jobs.register(
    jobWorker(expiryCheckJob, async () => ({ announced: await taxpayers.announceExpiring() })),
  );
  // Mornings in the firm's time zone, so the warning is there when people arrive.
  await jobs.schedule(expiryCheckJob, '0 7 * * *', {}, opts.tz);
  // And at start, so a server that was down that morning catches up.
  await jobs.enqueue(expiryCheckJob, {});
}
