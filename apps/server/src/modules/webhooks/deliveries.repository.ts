import type pg from 'pg';
import type { WebhookAttemptTrigger, WebhookDeliveryStatus } from './webhooks.schema.js';

/** A pool or a transaction: both answer raw SQL. */
interface Sql {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

export interface NewMessage {
  id: string;
  tenantId: string;
  eventType: string;
  version: number;
  sourceEventId: string | null;
  body: string;
  createdAt: Date;
}

/** A delivery taken by a worker, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  message_id: string;
  endpoint_id: string;
  attempts: number;
  schedule_step: number;
  trigger: WebhookAttemptTrigger;
  body: string;
  event_type: string;
  url: string;
  enabled: boolean;
  rate_limit_per_second: number | null;
  secret_version: number;
  updated_at: Date;
  now_s: string;
}

export interface AttemptRecord {
  deliveryId: string;
  tenantId: string;
  messageId: string;
  endpointId: string;
  eventType: string;
  attempt: number;
  trigger: WebhookAttemptTrigger;
  succeeded: boolean;
  responseStatus: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  at: Date;
  /** What the delivery becomes. */
  status: WebhookDeliveryStatus;
  scheduleStep: number;
  nextAttemptAt: Date | null;
}

export interface MessageFilters {
  endpointId?: string;
  eventType?: string;
  status?: WebhookDeliveryStatus;
  since?: Date;
  until?: Date;
}

export interface AttemptFilters {
  endpointId?: string;
  messageId?: string;
  eventType?: string;
  outcome?: 'succeeded' | 'failed';
  since?: Date;
  until?: Date;
}

type Keyset = { createdAt: Date; id: string };

/** Messages, deliveries and attempts. Hot paths (fan-out, claim, record) are set-based SQL. */
export function createDeliveriesRepository() {
  return {
    /** Inserts messages (once per source event) and answers the ids actually inserted. */
    async insertMessages(q: Sql, rows: NewMessage[]): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const { rows: inserted } = await q.query<{ id: string }>(
        `INSERT INTO webhook_messages (id, tenant_id, event_type, version, source_event_id, body, created_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::timestamptz[])
         ON CONFLICT (source_event_id) DO NOTHING
         RETURNING id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.tenantId),
          rows.map((r) => r.eventType),
          rows.map((r) => r.version),
          rows.map((r) => r.sourceEventId),
          rows.map((r) => r.body),
          rows.map((r) => r.createdAt),
        ],
      );
      return new Set(inserted.map((r) => r.id));
    },

    async insertDeliveries(
      q: Sql,
      rows: { tenantId: string; messageId: string; endpointId: string; trigger: WebhookAttemptTrigger }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await q.query(
        `INSERT INTO webhook_deliveries (tenant_id, message_id, endpoint_id, trigger)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`,
        [
          rows.map((r) => r.tenantId),
          rows.map((r) => r.messageId),
          rows.map((r) => r.endpointId),
          rows.map((r) => r.trigger),
        ],
      );
    },

    /**
     * Takes up to `limit` due deliveries (SKIP LOCKED: workers share the queue), skipping endpoints
     * this worker already keeps busy. Call inside a transaction, then `lease` or `defer` each.
     */
    async claimDue(q: Sql, limit: number, busyEndpoints: string[]): Promise<ClaimedDelivery[]> {
      const { rows } = await q.query<ClaimedDelivery>(
        `SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, d.attempts, d.schedule_step, d.trigger,
                m.body, m.event_type, e.url, e.enabled, e.rate_limit_per_second, e.secret_version, e.updated_at,
                floor(extract(epoch FROM now()))::bigint AS now_s
         FROM webhook_deliveries d
         JOIN webhook_messages m ON m.id = d.message_id
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND NOT (d.endpoint_id = ANY($2::uuid[]))
         ORDER BY d.next_attempt_at
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [limit, busyEndpoints],
      );
      return rows;
    },

    /**
     * Grants up to `wanted` sends to an endpoint in the current second of the database clock,
     * across every process (the endpoint row is the counter, locked for the transaction).
     */
    async takeThrottleSlots(q: Sql, endpointId: string, wanted: number, second: string): Promise<number> {
      const { rows } = await q.query<{ rate: number | null; throttle_second: string; throttle_used: number }>(
        `SELECT rate_limit_per_second AS rate, throttle_second, throttle_used FROM webhook_endpoints WHERE id = $1 FOR NO KEY UPDATE`,
        [endpointId],
      );
      const row = rows[0];
      if (!row) return 0;
      if (row.rate === null) return wanted;
      const used = String(row.throttle_second) === String(second) ? row.throttle_used : 0;
      const granted = Math.max(0, Math.min(wanted, row.rate - used));
      await q.query('UPDATE webhook_endpoints SET throttle_second = $2, throttle_used = $3 WHERE id = $1', [
        endpointId,
        second,
        used + granted,
      ]);
      return granted;
    },

    /** Claimed deliveries being sent: invisible to other workers until the lease ends (a crash retries them). */
    async lease(q: Sql, ids: string[], seconds: number): Promise<void> {
      if (ids.length === 0) return;
      await q.query(
        `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`,
        [ids, seconds],
      );
    },

    /** Throttled: due again at the next second, no attempt counted. */
    async deferToNextSecond(q: Sql, ids: string[], second: string): Promise<void> {
      if (ids.length === 0) return;
      await q.query(
        `UPDATE webhook_deliveries SET next_attempt_at = to_timestamp($2::bigint + 1) WHERE id = ANY($1::uuid[])`,
        [ids, second],
      );
    },

    async failPendingOf(q: Sql, endpointId: string, reason: string): Promise<void> {
      await q.query(
        `UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE endpoint_id = $1 AND status = 'pending'`,
        [endpointId, reason],
      );
    },

    async failDeliveries(q: Sql, ids: string[], reason: string): Promise<void> {
      if (ids.length === 0) return;
      await q.query(
        `UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = ANY($1::uuid[])`,
        [ids, reason],
      );
    },

    /** Writes attempts to the log and moves their deliveries, in one round trip each. */
    async recordAttempts(q: Sql, records: AttemptRecord[]): Promise<void> {
      if (records.length === 0) return;
      const col = <T>(f: (r: AttemptRecord) => T) => records.map(f);
      await q.query(
        `INSERT INTO webhook_attempts (tenant_id, delivery_id, message_id, endpoint_id, event_type, attempt, trigger,
           succeeded, response_status, latency_ms, response_excerpt, error_code, error_message, at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::text[],
           $8::boolean[], $9::int[], $10::int[], $11::text[], $12::text[], $13::text[], $14::timestamptz[])`,
        [
          col((r) => r.tenantId),
          col((r) => r.deliveryId),
          col((r) => r.messageId),
          col((r) => r.endpointId),
          col((r) => r.eventType),
          col((r) => r.attempt),
          col((r) => r.trigger),
          col((r) => r.succeeded),
          col((r) => r.responseStatus),
          col((r) => r.latencyMs),
          col((r) => r.responseExcerpt),
          col((r) => r.errorCode),
          col((r) => r.errorMessage),
          col((r) => r.at),
        ],
      );
      await q.query(
        `UPDATE webhook_deliveries d SET
           status = v.status, attempts = d.attempts + 1, schedule_step = v.step,
           next_attempt_at = COALESCE(v.next_at, d.next_attempt_at), trigger = 'scheduled',
           last_attempt_at = v.at, last_response_status = v.response_status, last_error = v.error
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::text[])
           AS v(id, status, step, next_at, at, response_status, error)
         WHERE d.id = v.id`,
        [
          col((r) => r.deliveryId),
          col((r) => r.status),
          col((r) => r.scheduleStep),
          col((r) => r.nextAttemptAt),
          col((r) => r.at),
          col((r) => r.responseStatus),
          col((r) => (r.succeeded ? null : (r.errorMessage ?? `HTTP ${r.responseStatus}`))),
        ],
      );
    },

    /** Milliseconds until the next delivery is due (null: none waits). */
    async soonestDueMs(q: Sql, exceptEndpoints: string[] = []): Promise<number | null> {
      const { rows } = await q.query<{ ms: number | null }>(
        `SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
         FROM webhook_deliveries WHERE status = 'pending' AND NOT (endpoint_id = ANY($1::uuid[]))`,
        [exceptEndpoints],
      );
      const ms = rows[0]?.ms;
      return ms === null || ms === undefined ? null : Math.max(0, ms);
    },

    /** Back to pending for one manual attempt (created when the message never went to that endpoint). */
    async resend(q: Sql, tenantId: string, messageId: string, endpointIds: string[]): Promise<number> {
      const { rowCount } = await q.query(
        `INSERT INTO webhook_deliveries (tenant_id, message_id, endpoint_id, trigger)
         SELECT $1, $2, unnest($3::uuid[]), 'manual'
         ON CONFLICT (message_id, endpoint_id) DO UPDATE
           SET status = 'pending', trigger = 'manual', next_attempt_at = now()`,
        [tenantId, messageId, endpointIds],
      );
      return rowCount ?? 0;
    },

    /** Every failed delivery of an endpoint whose message was created in [since, until): pending again. */
    async recover(q: Sql, tenantId: string, endpointId: string, since: Date, until: Date): Promise<number> {
      const { rowCount } = await q.query(
        `UPDATE webhook_deliveries d SET status = 'pending', trigger = 'manual', next_attempt_at = now()
         FROM webhook_messages m
         WHERE m.id = d.message_id AND d.tenant_id = $1 AND d.endpoint_id = $2 AND d.status = 'failed'
           AND m.created_at >= $3 AND m.created_at < $4`,
        [tenantId, endpointId, since, until],
      );
      return rowCount ?? 0;
    },

    async endpointIdsOfMessage(q: Sql, tenantId: string, messageId: string): Promise<string[] | null> {
      const { rows } = await q.query<{ id: string; endpoint_id: string | null }>(
        `SELECT m.id, d.endpoint_id FROM webhook_messages m
         LEFT JOIN webhook_deliveries d ON d.message_id = m.id
         WHERE m.tenant_id = $1 AND m.id = $2`,
        [tenantId, messageId],
      );
      if (rows.length === 0) return null;
      return rows.flatMap((r) => (r.endpoint_id ? [r.endpoint_id] : []));
    },

    async listMessages(q: Sql, tenantId: string, f: MessageFilters, page: { limit: number; after?: Keyset }) {
      const where = ['m.tenant_id = $1'];
      const values: unknown[] = [tenantId];
      const add = (clause: (n: number) => string, value: unknown) => {
        values.push(value);
        where.push(clause(values.length));
      };
      if (f.eventType) add((n) => `m.event_type = $${n}`, f.eventType);
      if (f.since) add((n) => `m.created_at >= $${n}`, f.since);
      if (f.until) add((n) => `m.created_at < $${n}`, f.until);
      if (f.endpointId || f.status) {
        const sub: string[] = ['d.message_id = m.id'];
        if (f.endpointId) {
          values.push(f.endpointId);
          sub.push(`d.endpoint_id = $${values.length}`);
        }
        if (f.status) {
          values.push(f.status);
          sub.push(`d.status = $${values.length}`);
        }
        where.push(`EXISTS (SELECT 1 FROM webhook_deliveries d WHERE ${sub.join(' AND ')})`);
      }
      if (page.after) {
        values.push(page.after.createdAt, page.after.id);
        where.push(`(m.created_at, m.id) < ($${values.length - 1}, $${values.length})`);
      }
      values.push(page.limit);
      const { rows } = await q.query<{ id: string; event_type: string; version: number; created_at: Date }>(
        `SELECT m.id, m.event_type, m.version, m.created_at FROM webhook_messages m
         WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT $${values.length}`,
        values,
      );
      return rows;
    },

    async getMessage(q: Sql, tenantId: string, id: string) {
      const { rows } = await q.query<{
        id: string;
        event_type: string;
        version: number;
        created_at: Date;
        body: string;
      }>(
        'SELECT id, event_type, version, created_at, body FROM webhook_messages WHERE tenant_id = $1 AND id = $2',
        [tenantId, id],
      );
      return rows[0];
    },

    async deliveriesOf(q: Sql, tenantId: string, messageIds: string[]) {
      if (messageIds.length === 0) return [];
      const { rows } = await q.query<{
        message_id: string;
        endpoint_id: string;
        url: string;
        status: WebhookDeliveryStatus;
        attempts: number;
        next_attempt_at: Date;
        last_attempt_at: Date | null;
        last_response_status: number | null;
        last_error: string | null;
      }>(
        `SELECT d.message_id, d.endpoint_id, e.url, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at,
                d.last_response_status, d.last_error
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.tenant_id = $1 AND d.message_id = ANY($2::uuid[])
         ORDER BY e.created_at`,
        [tenantId, messageIds],
      );
      return rows;
    },

    async listAttempts(q: Sql, tenantId: string, f: AttemptFilters, page: { limit: number; after?: Keyset }) {
      const where = ['tenant_id = $1'];
      const values: unknown[] = [tenantId];
      const add = (clause: (n: number) => string, value: unknown) => {
        values.push(value);
        where.push(clause(values.length));
      };
      if (f.endpointId) add((n) => `endpoint_id = $${n}`, f.endpointId);
      if (f.messageId) add((n) => `message_id = $${n}`, f.messageId);
      if (f.eventType) add((n) => `event_type = $${n}`, f.eventType);
      if (f.outcome) add((n) => `succeeded = $${n}`, f.outcome === 'succeeded');
      if (f.since) add((n) => `at >= $${n}`, f.since);
      if (f.until) add((n) => `at < $${n}`, f.until);
      if (page.after) {
        values.push(page.after.createdAt, page.after.id);
        where.push(`(at, id) < ($${values.length - 1}, $${values.length})`);
      }
      values.push(page.limit);
      const { rows } = await q.query<{
        id: string;
        message_id: string;
        endpoint_id: string;
        event_type: string;
        attempt: number;
        trigger: WebhookAttemptTrigger;
        succeeded: boolean;
        response_status: number | null;
        latency_ms: number;
        response_excerpt: string | null;
        error_code: string | null;
        error_message: string | null;
        at: Date;
      }>(
        `SELECT * FROM webhook_attempts WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${values.length}`,
        values,
      );
      return rows;
    },

    async stats(q: Sql, tenantId: string, endpointId: string) {
      const { rows } = await q.query<{
        period: '24h' | '7d';
        attempts: number;
        succeeded: number;
        p50: number | null;
        p95: number | null;
      }>(
        `SELECT p.period, count(a.id)::int AS attempts, (count(a.id) FILTER (WHERE a.succeeded))::int AS succeeded,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY a.latency_ms) AS p50,
                percentile_disc(0.95) WITHIN GROUP (ORDER BY a.latency_ms) AS p95
         FROM (VALUES ('24h', interval '24 hours'), ('7d', interval '7 days')) AS p(period, span)
         LEFT JOIN webhook_attempts a
           ON a.tenant_id = $1 AND a.endpoint_id = $2 AND a.at >= now() - p.span
         GROUP BY p.period ORDER BY min(p.span)`,
        [tenantId, endpointId],
      );
      const pending = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'`,
        [tenantId, endpointId],
      );
      return { periods: rows, pending: pending.rows[0]?.n ?? 0 };
    },

    /**
     * Per endpoint of the organization, for the sync administration: its latest attempt and the
     * next one its retry schedule has due (the earliest pending delivery).
     */
    async retryOverview(q: Sql, tenantId: string) {
      const { rows } = await q.query<{
        id: string;
        url: string;
        description: string;
        enabled: boolean;
        next_at: Date | null;
        last_at: Date | null;
        last_succeeded: boolean | null;
        last_error_code: string | null;
        last_latency_ms: number | null;
      }>(
        `SELECT e.id, e.url, e.description, e.enabled,
                (SELECT min(d.next_attempt_at) FROM webhook_deliveries d
                  WHERE d.tenant_id = e.tenant_id AND d.endpoint_id = e.id AND d.status = 'pending') AS next_at,
                a.at AS last_at, a.succeeded AS last_succeeded, a.error_code AS last_error_code,
                a.latency_ms AS last_latency_ms
         FROM webhook_endpoints e
         LEFT JOIN LATERAL (SELECT at, succeeded, error_code, latency_ms FROM webhook_attempts
                            WHERE tenant_id = e.tenant_id AND endpoint_id = e.id ORDER BY at DESC LIMIT 1) a ON true
         WHERE e.tenant_id = $1 ORDER BY e.created_at, e.id`,
        [tenantId],
      );
      return rows;
    },
  };
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
