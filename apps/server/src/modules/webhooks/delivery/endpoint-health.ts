import {
  type EventDefinition,
  type SystemActorLabel,
  webhookEndpointDisabled,
  webhookEndpointFailing,
  webhookEndpointRecovered,
} from '@boveda/contracts';
import type { Tx } from '../../../platform/db/transaction.js';
import type { Events } from '../../../platform/events/index.js';
import type { AttemptRecord, DeliveriesRepository } from '../deliveries.repository.js';

export interface HealthPolicy {
  /** Failures in a row before admins are told (WEBHOOK_ALERT_AFTER_FAILURES). */
  alertAfterFailures: number;
  /** An endpoint failing every attempt for this long is disabled (WEBHOOK_DISABLE_AFTER_SECONDS). */
  disableAfterSeconds: number;
}

interface EndpointState {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  enabled: boolean;
  failing_since: Date | null;
  consecutive_failures: number;
  failure_alerted_at: Date | null;
  last_success_at: Date | null;
  last_failure_at: Date | null;
}

const system = { type: 'system' as const, label: 'webhooks' satisfies SystemActorLabel };

/**
 * After attempts are recorded: each endpoint's run of failures, and what it means. Admins hear when
 * an endpoint starts failing and when it recovers (events → e-mail); an endpoint that answered
 * `410 Gone`, or failed every attempt for `disableAfterSeconds`, is disabled and its waiting
 * deliveries fail (a person can re-enable it and recover them). Rows are locked, so workers
 * recording attempts of one endpoint at once do not lose counts.
 */
export async function applyEndpointHealth(
  tx: Tx,
  records: AttemptRecord[],
  gone: Set<string>,
  deps: { events: Events; deliveries: DeliveriesRepository; policy: HealthPolicy },
): Promise<void> {
  const byEndpoint = new Map<string, AttemptRecord[]>();
  for (const r of records) byEndpoint.set(r.endpointId, [...(byEndpoint.get(r.endpointId) ?? []), r]);
  const { rows } = await tx.query<EndpointState>(
    `SELECT id, tenant_id, url, description, enabled, failing_since, consecutive_failures, failure_alerted_at,
            last_success_at, last_failure_at
     FROM webhook_endpoints WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [[...byEndpoint.keys()]],
  );
  const now = new Date();
  for (const row of rows) {
    const attempts = byEndpoint.get(row.id)!.sort((a, b) => a.at.getTime() - b.at.getTime());
    const successes = attempts.filter((a) => a.succeeded);
    const lastSuccess = successes.at(-1)?.at ?? null;
    const failuresAfter = attempts.filter((a) => !a.succeeded && (!lastSuccess || a.at > lastSuccess));
    let consecutive: number;
    let failingSince: Date | null;
    if (lastSuccess) {
      consecutive = failuresAfter.length;
      failingSince = failuresAfter[0]?.at ?? null;
    } else {
      consecutive = row.consecutive_failures + failuresAfter.length;
      failingSince = row.failing_since ?? failuresAfter[0]?.at ?? null;
    }
    let alertedAt = row.failure_alerted_at;
    const base = { endpointId: row.id, url: row.url, description: row.description };
    const publish = <T>(def: EventDefinition<T>, payload: T) =>
      deps.events.publish(tx, def, payload, { tenantId: row.tenant_id, actor: system });
    if (lastSuccess && consecutive === 0 && alertedAt) {
      await publish(webhookEndpointRecovered, {
        ...base,
        failingSince: row.failing_since?.toISOString() ?? null,
      });
      alertedAt = null;
    }
    if (!alertedAt && consecutive >= deps.policy.alertAfterFailures && failingSince) {
      const last = failuresAfter.at(-1);
      await publish(webhookEndpointFailing, {
        ...base,
        failingSince: failingSince.toISOString(),
        consecutiveFailures: consecutive,
        lastError: last
          ? (last.errorMessage ?? (last.responseStatus ? `HTTP ${last.responseStatus}` : null))
          : null,
      });
      alertedAt = now;
    }
    let disable: 'gone' | 'failing' | null = null;
    if (row.enabled && gone.has(row.id)) disable = 'gone';
    else if (
      row.enabled &&
      consecutive > 0 &&
      failingSince &&
      now.getTime() - failingSince.getTime() >= deps.policy.disableAfterSeconds * 1000
    )
      disable = 'failing';
    const lastFailure = attempts.filter((a) => !a.succeeded).at(-1)?.at ?? null;
    await tx.query(
      `UPDATE webhook_endpoints SET consecutive_failures = $2, failing_since = $3, failure_alerted_at = $4,
         last_success_at = COALESCE($5, last_success_at), last_failure_at = COALESCE($6, last_failure_at),
         enabled = CASE WHEN $7::text IS NULL THEN enabled ELSE false END,
         disabled_reason = COALESCE($7, disabled_reason),
         disabled_at = CASE WHEN $7::text IS NULL THEN disabled_at ELSE now() END
       WHERE id = $1`,
      [row.id, consecutive, failingSince, alertedAt, lastSuccess, lastFailure, disable],
    );
    if (disable) {
      await deps.deliveries.failPendingOf(tx, row.id, 'endpoint disabled');
      await publish(webhookEndpointDisabled, {
        ...base,
        reason: disable,
        failingSince: failingSince?.toISOString() ?? null,
      });
    }
  }
}
