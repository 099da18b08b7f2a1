import { z } from 'zod';
import type { JobReader } from '../../platform/crypto/index.js';
import { defineJob, type JobContext, type Jobs, jobWorker } from '../../platform/jobs/jobs.js';
import { RfcBusyError } from './rfc-lock.js';
import type { SatDownloadService } from './sat-download.service.js';

const taxpayerKey = z.object({ tenantId: z.uuid(), rfc: z.string().min(12).max(13) });
const perTaxpayer = (d: z.infer<typeof taxpayerKey>) => `${d.tenantId}:${d.rfc}`;

/** Files the pending requests of one taxpayer (external calls always run in jobs). */
export const fileRequestsJob = defineJob({
  name: 'sat.file-requests',
  schema: taxpayerKey,
  dedupeKey: perTaxpayer,
  // A busy taxpayer (another conversation holds its lock) is the usual reason: try again soon.
  retry: [5, 10, 20, 40, 60, 120, 300, 600],
});

/** Fans out: one conversation per taxpayer with open requests. */
export const syncJob = defineJob({
  name: 'sat.sync',
  schema: z.object({ tenantId: z.uuid().nullable() }),
  retry: [10, 60, 300],
});

/** Verifies, downloads and recovers the open requests of one taxpayer. */
export const syncTaxpayerJob = defineJob({
  name: 'sat.sync-taxpayer',
  schema: taxpayerKey,
  dedupeKey: perTaxpayer,
  retry: [5, 10, 20, 40, 80],
  expireInSeconds: 60 * 60,
});

/** Announces again stored packages whose ingestion never reported (see the request recorder). */
export const ingestionSweepJob = defineJob({
  name: 'sat.ingestion-sweep',
  schema: z.object({}),
  retry: [],
});

/**
 * A look at a taxpayer's filed requests at a set time: it queues the taxpayer's sync then. Keyed by
 * the instant, so passes that agree on the next look queue it once, and a sooner one is not lost.
 */
export const verifyLaterJob = defineJob({
  name: 'sat.verify-later',
  schema: taxpayerKey.extend({ at: z.number().int() }),
  dedupeKey: (d) => `${d.tenantId}:${d.rfc}:${d.at}`,
  retry: [10, 60, 300],
});

/** The run opening the e.firma, as the decryption audit names it. */
const readerOf = (job: { name: string }, ctx: JobContext): JobReader => ({
  type: 'job',
  job: job.name,
  jobId: ctx.jobId,
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
  // Filing on a busy taxpayer throws RfcBusyError and is retried on schedule; a sync of a busy
  // taxpayer has nothing to add to the conversation already running, so it simply ends. The SAT
  // conversation records its own failures on each request, so no final-failure hook is needed.
  // After each pass: the next look at what is filed and waiting, on SAT_VERIFY_SCHEDULE.
  const scheduleNextLook = async (d: { tenantId: string; rfc: string }) => {
    const at = await service.nextVerification(d.tenantId, d.rfc);
    if (!at) return;
    const seconds = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
    await jobs.enqueue(
      verifyLaterJob,
      { ...d, at: Math.floor(at.getTime() / 1000) },
      { startAfterSeconds: seconds },
    );
  };
  await jobs.register(
    jobWorker(
      fileRequestsJob,
      async (d, ctx) => {
        const summary = await service.fileRequests(d.tenantId, d.rfc, readerOf(fileRequestsJob, ctx));
        await scheduleNextLook(d);
        return summary;
      },
      { concurrency: 2 },
    ),
  );
  await jobs.register(
    jobWorker(verifyLaterJob, async (d) => {
      // Paused by a person: the look is skipped; resume, the nightly run or "run now" picks it up.
      if (await service.syncPaused(d.tenantId, d.rfc)) return { queued: false, paused: true };
      return { queued: (await jobs.enqueue(syncTaxpayerJob, { tenantId: d.tenantId, rfc: d.rfc })) !== null };
    }),
  );
  await jobs.register(
    jobWorker(
      syncTaxpayerJob,
      async (d, ctx) => {
        const summary = await service
          .syncTaxpayer(d.tenantId, d.rfc, readerOf(syncTaxpayerJob, ctx))
          .catch((error: unknown) => {
            if (error instanceof RfcBusyError) return { skipped: 'another conversation is running' };
            throw error;
          });
        await scheduleNextLook(d);
        return summary;
      },
      { concurrency: 2 },
    ),
  );
  await jobs.register(jobWorker(syncJob, (d) => service.fanOutSync(d.tenantId)));
  await jobs.schedule(syncJob, opts.cron, { tenantId: null }, opts.tz);
  await jobs.register(
    jobWorker(ingestionSweepJob, async () => ({ reannounced: await service.reannounceAwaitingIngestion() })),
  );
  await jobs.schedule(ingestionSweepJob, '*/10 * * * *', {}, 'UTC');
  if (opts.syncOnStart) await service.enqueueSync();
}
