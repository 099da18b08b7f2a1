import type { RecurringWorkSource } from '../../platform/jobs/recurring-work.js';
import type { WebhooksService } from './webhooks.service.js';

/** Scheme, host and path only: an endpoint's query may carry a token. */
function publicUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

/**
 * Each endpoint's delivery retries, for the sync administration: the latest attempt and the next
 * retry due on WEBHOOK_RETRY_SCHEDULE. Read-only there: an endpoint is stopped by disabling it (its
 * own page), which fails what was waiting, and failed messages come back through "recover" over a
 * window; a pause here would be a third way with different rules.
 */
export function webhookRecurringWork(deps: {
  webhooks: WebhooksService;
  retrySchedule: readonly number[];
}): RecurringWorkSource {
  return {
    kind: 'webhook.retries',
    pauseJob: 'webhooks.deliver',
    async list(tenantId) {
      return (await deps.webhooks.retryOverview(tenantId)).map((r) => ({
        key: r.id,
        target: { label: publicUrl(r.url) || r.id, detail: r.description || null },
        schedule: { cron: null, timeZone: null, backoffSeconds: deps.retrySchedule },
        lastRun: r.last_at
          ? {
              at: r.last_at,
              result: r.last_succeeded ? ('ok' as const) : ('failed' as const),
              errorCode: r.last_succeeded ? null : r.last_error_code,
              durationMs: r.last_latency_ms,
            }
          : null,
        nextRunAt: r.enabled ? r.next_at : null,
        pausable: false,
        runnable: false,
      }));
    },
    async runNow() {
      return { jobId: null };
    },
  };
}
