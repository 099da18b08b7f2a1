import type pg from 'pg';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import type { Events } from '../../../platform/events/index.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { Metrics } from '../../../platform/metrics/index.js';
import { type Notifications, startWakeLoop } from '../../../platform/notify/index.js';
import { type OutboundClient, OutboundError } from '../../../platform/outbound/index.js';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepository } from '../deliveries.repository.js';
import { type AttemptResult, verdictOf } from '../retry-policy.js';
import { signatureHeaders } from '../signature.js';
import { applyEndpointHealth, type HealthPolicy } from './endpoint-health.js';
import type { EndpointSecrets } from './endpoint-secrets.js';

/** Rung when deliveries become due (fan-out, test, resend, recover). */
export const WEBHOOKS_CHANNEL = 'boveda_webhooks';

export interface DispatcherOptions extends HealthPolicy {
  /** Attempts in flight in this process, and per endpoint. */
  concurrency: number;
  endpointConcurrency: number;
  timeoutMs: number;
  schedule: readonly number[];
  /** Safety poll when no bell rings (ms). */
  idleMs?: number;
}

const EXCERPT_BYTES = 1024;
const FLUSH_EVERY = 200;
const FLUSH_AFTER_MS = 20;

const OUTBOUND_CODES: Record<string, Extract<AttemptResult, { kind: 'error' }>['code']> = {
  OUTBOUND_TIMEOUT: 'TIMEOUT',
  OUTBOUND_FAILED: 'CONNECTION_FAILED',
  OUTBOUND_BLOCKED: 'BLOCKED',
  OUTBOUND_INVALID_URL: 'INVALID_URL',
};

/** Printable text of a receipt, for the log: control characters dropped, at most 1 KiB. */
function excerptOf(body: Buffer): string | null {
  if (body.length === 0) return null;
  const text = body.subarray(0, EXCERPT_BYTES).toString('utf8');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += code === 0x7f ? '' : ch;
  }
  return out;
}

/**
 * A receiver that echoes the request back would otherwise put the endpoint's own credentials (its
 * custom header values) and our signature in the log; they are blanked out of the excerpt.
 */
function scrub(excerpt: string | null, secrets: readonly string[]): string | null {
  if (!excerpt) return excerpt;
  let out = excerpt;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redactado]');
  return out;
}

/**
 * Webhook delivery in a worker process: takes due deliveries in batches (SKIP LOCKED, so several
 * workers share them), leases them for the attempt's deadline (a worker that dies leaves them due
 * again when the lease ends: at least once), sends them concurrently through the SSRF-guarded
 * client, and records attempts in batches. Per endpoint it keeps at most `endpointConcurrency` in
 * flight and its rate limit across every process, so a slow or hanging receiver holds only its own
 * slots and never the others'.
 */
export function startDispatcher(deps: {
  pool: pg.Pool;
  transaction: UnitOfWork;
  notifications: Notifications;
  events: Events;
  outbound: OutboundClient;
  secrets: EndpointSecrets;
  deliveries: DeliveriesRepository;
  logger: Logger;
  options: DispatcherOptions;
  /** `boveda_webhook_deliveries_total` by result (succeeded, retry, failed). */
  metrics?: Pick<Metrics, 'webhookDeliveries'>;
}) {
  const { options, deliveries } = deps;
  // Long enough for the attempt and the flush that records it; a dead worker's claims return after it.
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 5;
  let inFlight = 0;
  const perEndpoint = new Map<string, number>();
  let buffer: { record: AttemptRecord; gone: boolean }[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const sending = new Set<Promise<void>>();

  const busyEndpoints = () =>
    [...perEndpoint].filter(([, n]) => n >= options.endpointConcurrency).map(([id]) => id);

  async function claim(): Promise<ClaimedDelivery[]> {
    const capacity = options.concurrency - inFlight;
    if (capacity <= 0) return [];
    const go = await deps.transaction(async (tx) => {
      const rows = await deliveries.claimDue(tx, capacity, busyEndpoints());
      if (rows.length === 0) return [];
      const disabled = rows.filter((r) => !r.enabled);
      await deliveries.failDeliveries(
        tx,
        disabled.map((r) => r.id),
        'endpoint disabled',
      );
      const byEndpoint = new Map<string, ClaimedDelivery[]>();
      for (const r of rows)
        if (r.enabled) byEndpoint.set(r.endpoint_id, [...(byEndpoint.get(r.endpoint_id) ?? []), r]);
      const go: ClaimedDelivery[] = [];
      const later: string[] = [];
      const second = rows[0]!.now_s;
      for (const [endpointId, list] of byEndpoint) {
        // Left as they are (due) when this worker is full for the endpoint: the next claim skips it.
        const room = Math.max(0, options.endpointConcurrency - (perEndpoint.get(endpointId) ?? 0));
        const wanted = list.slice(0, room);
        const granted =
          list[0]!.rate_limit_per_second === null
            ? wanted.length
            : await deliveries.takeThrottleSlots(tx, endpointId, wanted.length, second);
        go.push(...wanted.slice(0, granted));
        later.push(...wanted.slice(granted).map((r) => r.id));
      }
      await deliveries.lease(
        tx,
        go.map((r) => r.id),
        leaseSeconds,
      );
      await deliveries.deferToNextSecond(tx, later, second);
      return go;
    });
    // Counted once the lease committed: a claim that rolled back took nothing.
    inFlight += go.length;
    for (const d of go) perEndpoint.set(d.endpoint_id, (perEndpoint.get(d.endpoint_id) ?? 0) + 1);
    return go;
  }

  async function attempt(d: ClaimedDelivery): Promise<void> {
    const started = performance.now();
    const at = new Date();
    let result: AttemptResult;
    let excerpt: string | null = null;
    let errorCode: string | null = null;
    let errorMessage: string | null = null;
    try {
      const keys = await deps.secrets.keysOf(d);
      const signed = signatureHeaders(keys.secrets, d.message_id, d.body, at);
      const res = await deps.outbound.request(d.url, {
        method: 'POST',
        headers: { ...keys.headers, 'content-type': 'application/json', ...signed },
        body: d.body,
        timeoutMs: options.timeoutMs,
        maxBytes: EXCERPT_BYTES,
        truncate: true,
      });
      const retryAfter = res.headers['retry-after'];
      result = {
        kind: 'response',
        status: res.status,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      };
      excerpt = scrub(excerptOf(res.body), [
        ...Object.values(keys.headers),
        ...signed['webhook-signature']!.split(' '),
      ]);
      if (res.status >= 300 && res.status < 400) {
        errorCode = 'REDIRECT';
        errorMessage = `HTTP ${res.status}: redirects are not followed; configure the final URL`;
      } else if (res.status < 200 || res.status >= 300) {
        errorCode = 'HTTP_STATUS';
        errorMessage = `HTTP ${res.status}`;
      }
    } catch (err) {
      const code = err instanceof OutboundError ? (OUTBOUND_CODES[err.code] ?? 'UNEXPECTED') : 'UNEXPECTED';
      result = { kind: 'error', code };
      errorCode = code;
      // Outbound messages name the host only, never the path or query (they may hold a token).
      errorMessage = err instanceof OutboundError ? err.message : 'Unexpected error while sending';
      if (code === 'UNEXPECTED')
        deps.logger.warn({ err, deliveryId: d.id }, 'webhook attempt failed unexpectedly');
    }
    const scheduled = d.trigger === 'scheduled';
    const step = scheduled ? d.schedule_step + 1 : d.schedule_step;
    const verdict = verdictOf(result, step, scheduled, { schedule: options.schedule });
    const latencyMs = Math.round(performance.now() - started);
    deps.metrics?.webhookDeliveries.inc({ result: verdict.outcome });
    const record: AttemptRecord = {
      deliveryId: d.id,
      tenantId: d.tenant_id,
      messageId: d.message_id,
      endpointId: d.endpoint_id,
      eventType: d.event_type,
      attempt: d.attempts + 1,
      trigger: d.trigger,
      succeeded: verdict.outcome === 'succeeded',
      responseStatus: result.kind === 'response' ? result.status : null,
      latencyMs,
      responseExcerpt: excerpt,
      errorCode,
      errorMessage,
      at,
      status:
        verdict.outcome === 'succeeded' ? 'succeeded' : verdict.outcome === 'retry' ? 'pending' : 'failed',
      scheduleStep: step,
      nextAttemptAt: verdict.outcome === 'retry' ? new Date(Date.now() + verdict.delaySeconds * 1000) : null,
    };
    buffer.push({ record, gone: verdict.outcome === 'failed' && verdict.disableEndpoint });
    scheduleFlush();
  }

  function scheduleFlush() {
    if (buffer.length >= FLUSH_EVERY) {
      void flush();
      return;
    }
    if (!flushTimer) flushTimer = setTimeout(() => void flush(), FLUSH_AFTER_MS);
  }

  /** Writes recorded attempts in one transaction; a failure keeps them for the next flush. */
  function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    flushing = flushing.then(async () => {
      const batch = buffer;
      buffer = [];
      if (batch.length === 0) return;
      try {
        await deps.transaction(async (tx) => {
          const records = batch.map((b) => b.record);
          await deliveries.recordAttempts(tx, records);
          await applyEndpointHealth(
            tx,
            records,
            new Set(batch.filter((b) => b.gone).map((b) => b.record.endpointId)),
            {
              events: deps.events,
              deliveries,
              policy: options,
            },
          );
        });
        // Retries were just scheduled: let the loop recompute when it must look again.
        loop.wake();
      } catch (err) {
        deps.logger.error({ err, attempts: batch.length }, 'could not record webhook attempts; retrying');
        buffer = [...batch, ...buffer];
        if (!flushTimer) flushTimer = setTimeout(() => void flush(), 1000);
      }
    });
    return flushing;
  }

  const loop = startWakeLoop({
    idleMs: options.idleMs ?? 5000,
    onError: (err) => deps.logger.error({ err }, 'webhook dispatcher error'),
    work: async () => {
      const claimed = await claim();
      for (const d of claimed) {
        const p = attempt(d)
          .catch((err) => deps.logger.error({ err, deliveryId: d.id }, 'webhook attempt crashed'))
          .finally(() => {
            inFlight--;
            const n = (perEndpoint.get(d.endpoint_id) ?? 1) - 1;
            if (n <= 0) perEndpoint.delete(d.endpoint_id);
            else perEndpoint.set(d.endpoint_id, n);
            sending.delete(p);
            loop.wake();
          });
        sending.add(p);
      }
      if (claimed.length > 0) return { handled: claimed.length };
      if (inFlight >= options.concurrency) return { handled: 0, nextInMs: null };
      return { handled: 0, nextInMs: await deliveries.soonestDueMs(deps.pool, busyEndpoints()) };
    },
  });

  let unlisten: (() => void) | null = null;
  const ready = deps.notifications
    .listen(WEBHOOKS_CHANNEL, () => loop.wake())
    .then((stop) => {
      unlisten = stop;
    });

  return {
    ready,
    /** Stops claiming, lets attempts in flight finish and records them. */
    async stop() {
      await ready.catch(() => {});
      unlisten?.();
      await loop.stop();
      await Promise.allSettled([...sending]);
      await flush();
    },
  };
}
