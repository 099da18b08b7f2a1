import { z } from 'zod';
import { defineJob, type Jobs } from '../../platform/jobs/jobs.js';
import { RfcBusyError } from './rfc-lock.js';
import type { SatDownloadService } from './sat-download.service.js';

const taxpayerKey = z.object({ tenantId: z.uuid(), rfc: z.string().min(12).max(13) });

/** Files the pending requests of one taxpayer (external calls always run in jobs). */
export const fileRequestsJob = defineJob('sat.file-requests', taxpayerKey, {
  retryLimit: 8,
  retryDelaySeconds: 5,
});

/** Fans out: one conversation per taxpayer with open requests. */
export const syncJob = defineJob('sat.sync', z.object({ tenantId: z.uuid().nullable() }), {
  retryLimit: 3,
});

/** Verifies, downloads and recovers the open requests of one taxpayer. */
export const syncTaxpayerJob = defineJob('sat.sync-taxpayer', taxpayerKey, {
  retryLimit: 5,
  retryDelaySeconds: 5,
  expireInSeconds: 60 * 60,
});

export interface SatWorkerOptions {
  cron: string;
  tz: string;
  /** Catch up after a restart: an interrupted download resumes at once, not at the next schedule. */
  syncOnStart: boolean;
}

export async function registerSatDownloadWorkers(
  jobs: Jobs,
  service: SatDownloadService,
  opts: SatWorkerOptions,
) {
  // Filing on a busy taxpayer throws RfcBusyError, so pg-boss retries it after a delay; a sync of a
  // busy taxpayer has nothing to add to the conversation already running, so it simply ends.
  await jobs.work(fileRequestsJob, (d) => service.fileRequests(d.tenantId, d.rfc), 2);
  await jobs.work(
    syncTaxpayerJob,
    (d) =>
      service.syncTaxpayer(d.tenantId, d.rfc).catch((error: unknown) => {
        if (error instanceof RfcBusyError) return { skipped: 'another conversation is running' };
        throw error;
      }),
    2,
  );
  await jobs.work(syncJob, (d) => service.fanOutSync(d.tenantId));
  await jobs.schedule(syncJob, opts.cron, { tenantId: null }, opts.tz);
  if (opts.syncOnStart) await service.enqueueSync();
}
