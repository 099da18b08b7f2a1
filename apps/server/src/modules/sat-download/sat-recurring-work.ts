import type { Jobs } from '../../platform/jobs/jobs.js';
import type { RecurringWork, RecurringWorkSource } from '../../platform/jobs/recurring-work.js';
import { nextRun } from '../../platform/jobs/schedules.js';
import { syncTaxpayerJob } from './sat-download.jobs.js';
import type { SatDownloadService, TaxpayerDirectory } from './sat-download.service.js';

/**
 * Each taxpayer's SAT sync, for the sync administration: the instance-wide nightly run
 * (`SAT_SYNC_CRON` in `SAT_SYNC_TZ`, one pg-boss cron that fans out per taxpayer) and the looks after
 * each filing on `SAT_VERIFY_SCHEDULE`. Not rows of `job_schedules` (ADR 0019): a pause is a
 * `job_pauses` row under `sat.sync-taxpayer` and the RFC, which the fan-out and the later looks
 * honour. "Run now" queues that taxpayer's sync job, as "Sincronizar ahora" does for all of them.
 */
export function satRecurringWork(deps: {
  sat: SatDownloadService;
  taxpayers: TaxpayerDirectory;
  jobs: Jobs;
  cron: string;
  tz: string;
  verifySchedule: readonly number[];
  now?: () => Date;
}): RecurringWorkSource {
  const now = deps.now ?? (() => new Date());
  return {
    kind: 'sat.sync',
    pauseJob: syncTaxpayerJob.name,

    async list(tenantId) {
      const taxpayers = await deps.taxpayers.listTaxpayers(tenantId);
      const status = await deps.sat.homeStatus(
        tenantId,
        taxpayers.map((t) => t.rfc),
      );
      let nightly: Date | null = null;
      try {
        nightly = nextRun(deps.cron, deps.tz, now());
      } catch {
        nightly = null;
      }
      const out: RecurringWork[] = [];
      for (const t of taxpayers) {
        const s = status.get(t.rfc);
        // The last conversation: a success (a verification answered, a request finished) or the
        // newest stopped request, whichever is later. The SAT's code names a stop.
        const ok = s?.lastSyncAt ?? null;
        const stopped = s?.attention[0]?.finishedAt ? s.attention[0] : null;
        const lastRun =
          stopped && (!ok || stopped.finishedAt! > ok)
            ? {
                at: stopped.finishedAt!,
                result: 'failed' as const,
                errorCode: stopped.code !== null ? `SAT_${stopped.code}` : 'SAT_REQUEST_FAILED',
                durationMs: null,
              }
            : ok
              ? { at: ok, result: 'ok' as const, errorCode: null, durationMs: null }
              : null;
        const look = await deps.sat.nextVerification(tenantId, t.rfc);
        const nextRunAt = [nightly, look]
          .filter((d): d is Date => d !== null)
          .sort((a, b) => a.getTime() - b.getTime())[0];
        out.push({
          key: t.rfc,
          target: { label: t.rfc, detail: t.legalName },
          schedule: { cron: deps.cron, timeZone: deps.tz, backoffSeconds: deps.verifySchedule },
          lastRun,
          nextRunAt: nextRunAt ?? null,
          pausable: true,
          runnable: true,
        });
      }
      return out;
    },

    async runNow(tenantId, key) {
      // Throws TAXPAYER_NOT_FOUND for an RFC this organization does not have (another's included).
      const taxpayer = await deps.taxpayers.getTaxpayer(tenantId, key);
      return { jobId: await deps.jobs.enqueue(syncTaxpayerJob, { tenantId, rfc: taxpayer.rfc }) };
    },
  };
}
