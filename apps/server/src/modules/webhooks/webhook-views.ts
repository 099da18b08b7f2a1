import type { WebhookAttempt, WebhookEndpoint, WebhookMessage } from '@boveda/contracts';
import type { DeliveriesRepository } from './deliveries.repository.js';
import type { EndpointRow } from './endpoints.repository.js';

type Row<K extends keyof DeliveriesRepository> =
  Awaited<ReturnType<DeliveriesRepository[K]>> extends (infer R)[] ? R : never;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.enabled ? null : row.disabledReason,
    disabledAt: row.enabled ? null : iso(row.disabledAt),
    headerNames: row.headerNames,
    rateLimitPerSecond: row.rateLimitPerSecond,
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date()
        ? iso(row.previousSecretExpiresAt)
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toMessage(row: Row<'listMessages'> & { deliveries: Row<'deliveriesOf'>[] }): WebhookMessage {
  return {
    id: row.id,
    eventType: row.event_type,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    deliveries: row.deliveries.map((d) => ({
      endpointId: d.endpoint_id,
      url: d.url,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
      lastAttemptAt: iso(d.last_attempt_at),
      lastResponseStatus: d.last_response_status,
      lastError: d.last_error,
    })),
  };
}

export function toAttempt(row: Row<'listAttempts'>): WebhookAttempt {
  return {
    id: row.id,
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    attempt: row.attempt,
    trigger: row.trigger,
    outcome: row.succeeded ? 'succeeded' : 'failed',
    responseStatus: row.response_status,
    latencyMs: row.latency_ms,
    responseExcerpt: row.response_excerpt,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    at: row.at.toISOString(),
  };
}
