import type { Jobs } from '../../platform/jobs/jobs.js';
import type { RecurringWorkSource } from '../../platform/jobs/recurring-work.js';
import type { Schedules } from '../../platform/jobs/schedules.js';
import { connectorScheduledJob } from './connectors.jobs.js';
import type { ConnectorsService } from './connectors.service.js';

/** Scheme, host and path only: never a user, password or query a base URL might carry. */
export function publicUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '';
  }
}

/**
 * Each connector with a schedule, for the sync administration: its `job_schedules` row
 * (`connectors.scheduled`, keyed by the connector id), its latest run, and "run now" as the
 * schedule's own job (push and/or pull, as the schedule would). A pause is a `job_pauses` row under
 * the same job and key, so the tick skips it.
 */
export function connectorRecurringWork(deps: {
  connectors: ConnectorsService;
  schedules: Schedules;
  jobs: Jobs;
}): RecurringWorkSource {
  return {
    kind: 'connector.sync',
    pauseJob: connectorScheduledJob.name,

    async list(tenantId) {
      const rows = (await deps.connectors.listAll(tenantId)).filter((r) => r.scheduleCron);
      const latest = new Map(
        (
          await deps.connectors.latestRuns(
            tenantId,
            rows.map((r) => r.id),
          )
        ).map((r) => [r.connectorId, r]),
      );
      const rowsOfSchedules = new Map(
        (await deps.schedules.listForTenant(tenantId))
          .filter((s) => s.job === connectorScheduledJob.name)
          .map((s) => [s.key, s]),
      );
      return rows.map((r) => {
        const run = latest.get(r.id);
        const schedule = rowsOfSchedules.get(r.id);
        const at = run ? (run.startedAt ?? run.queuedAt) : null;
        return {
          key: r.id,
          target: { label: r.name, detail: publicUrl(r.baseUrl) || null },
          schedule: {
            cron: r.scheduleCron,
            timeZone: r.scheduleTimeZone ?? 'America/Mexico_City',
            backoffSeconds: null,
          },
          lastRun:
            run && at
              ? {
                  at,
                  result:
                    run.status === 'failed'
                      ? ('failed' as const)
                      : run.status === 'queued' || run.status === 'running'
                        ? ('running' as const)
                        : ('ok' as const),
                  errorCode: run.status === 'failed' ? 'CONNECTOR_RUN_FAILED' : null,
                  durationMs:
                    run.startedAt && run.finishedAt
                      ? run.finishedAt.getTime() - run.startedAt.getTime()
                      : null,
                }
              : null,
          // A disabled connector has no schedule row (the service removes it) and never runs.
          nextRunAt: r.enabled ? (schedule?.nextRunAt ?? null) : null,
          pausable: true,
          runnable: r.enabled,
        };
      });
    },

    async runNow(tenantId, key) {
      await deps.connectors.get(tenantId, key);
      return {
        jobId: await deps.jobs.enqueue(connectorScheduledJob, { tenantId, connectorId: key }),
      };
    },
  };
}
