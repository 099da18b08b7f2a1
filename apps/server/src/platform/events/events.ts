import type { DomainEvent, EventActor, EventDefinition, LiveEvent } from '@boveda/contracts';
import type pg from 'pg';
import { z } from 'zod';
import type { PubSub } from '../cache/index.js';
import type { Tx, UnitOfWork } from '../db/transaction.js';
import {
  defineJob,
  type Jobs,
  jobSelected,
  jobWorker,
  PermanentJobError,
  type RetryPolicy,
  retryDelaySeconds,
} from '../jobs/jobs.js';
import type { Notifications, WakeLoop } from '../notify/index.js';
import { startWakeLoop } from '../notify/index.js';

/**
 * A module's reaction to an event. `handle` runs inside a transaction that also marks the delivery
 * done, so what it writes (rows, jobs, further events) commits exactly when the event counts as
 * delivered: delivery is at least once, and a handler that only writes through `tx` sees each event
 * take effect once. Keep it short; queue a job for heavy work.
 */
export interface EventConsumer<T> {
  /** Stable name, `<module>.<reaction>`: deliveries are recorded under it. */
  name: string;
  event: EventDefinition<T>;
  handle(event: DomainEvent<T>, ctx: { tx: Tx; attempt: number }): Promise<void>;
  /** Delays before each retry in seconds (default 5 s, 30 s, 2 min, 10 min, 1 h). */
  retry?: readonly number[] | RetryPolicy;
  isPermanent?(error: unknown): boolean;
  /** Once, when a delivery gives up (it is then `dead`, visible in event_deliveries). */
  onFinalFailure?(event: DomainEvent<T>, error: unknown): Promise<void>;
}

/**
 * A reaction that takes events in batches, in no particular order: for fan-out work where throughput
 * matters and one aggregate's order does not (webhook messages carry their own time). Its deliveries
 * are woken by a NOTIFY at commit rather than a queued job, so an event reaches it in milliseconds.
 * `handleBatch` runs in one transaction with the deliveries' completion; when it throws, each event
 * is retried alone, so one bad event never holds the others.
 */
export interface BatchEventConsumer {
  name: string;
  events: readonly EventDefinition<unknown>[];
  handleBatch(events: DomainEvent[], ctx: { tx: Tx }): Promise<void>;
  /** Events per transaction (default 200). */
  batchSize?: number;
  /** Delays before each retry of a failing event, in seconds. */
  retry?: readonly number[];
}

export interface PublishMeta {
  tenantId: string | null;
  actor?: EventActor | null;
  requestId?: string | null;
}

export interface Events {
  /** Every process registers the same consumers before publishing (the composition root does). */
  subscribe<T>(consumer: EventConsumer<T>): void;
  /** Every process registers the same batch consumers too (see `BatchEventConsumer`). */
  subscribeBatch(consumer: BatchEventConsumer): void;
  /** Writes the event (and one delivery per consumer) in `tx`; live listeners hear it after COMMIT. */
  publish<T>(tx: Tx, def: EventDefinition<T>, payload: T, meta: PublishMeta): Promise<DomainEvent<T>>;
  /** Worker processes: run deliveries, and sweep for any a crash or a backoff left waiting. */
  startDelivery(opts?: { sweepCron?: string }): Promise<void>;
  /** Stops the batch consumers' loops (after the current batch). */
  stopDelivery(): Promise<void>;
  /** A tenant's events after `afterId`, oldest first: what a reconnecting live client missed. */
  since(tenantId: string, afterId: string, limit: number): Promise<DomainEvent[]>;
  /** A tenant's events as they commit, in any process (through the pub/sub). */
  listen(tenantId: string, onEvent: (event: DomainEvent) => void): Promise<() => Promise<void>>;
  /** Every event definition consumers or publishers registered (docs, webhooks catalogue). */
  definitions(): EventDefinition<unknown>[];
}

const DEFAULT_RETRY: RetryPolicy = { delaysSeconds: [5, 30, 120, 600, 3600], jitter: 0.1 };

const deliverJob = defineJob({
  name: 'events.deliver',
  schema: z.object({ consumer: z.string().min(1).max(200), wakeAt: z.number().int().nullable() }),
  // One waiting "deliver now" per consumer; timed wake-ups are distinct from it and from each other.
  dedupeKey: (d) => `${d.consumer}:${d.wakeAt ?? 'now'}`,
  retry: [5, 30, 120],
});

const sweepJob = defineJob({ name: 'events.sweep', schema: z.object({}), retry: [] });

const liveChannel = (tenantId: string) => `events:${tenantId}`;

interface EventRow {
  id: string;
  tenant_id: string | null;
  type: string;
  version: number;
  aggregate: string;
  payload: unknown;
  actor: EventActor | null;
  request_id: string | null;
  occurred_at: Date;
}

const toEvent = (r: EventRow): DomainEvent => ({
  id: String(r.id),
  type: r.type,
  version: r.version,
  tenantId: r.tenant_id,
  aggregate: r.aggregate,
  payload: r.payload,
  occurredAt: r.occurred_at,
  actor: r.actor,
  requestId: r.request_id,
});

/** The wire form of an event (pub/sub, live channel; `LiveEvent` in @boveda/contracts): dates as ISO text. */
export const serializeEvent = (e: DomainEvent): LiveEvent => ({
  ...e,
  occurredAt: e.occurredAt.toISOString(),
});
const deserializeEvent = (m: ReturnType<typeof serializeEvent>): DomainEvent => ({
  ...m,
  occurredAt: new Date(m.occurredAt),
});

export function createEvents(deps: {
  pool: pg.Pool;
  transaction: UnitOfWork;
  jobs: Jobs;
  pubsub: PubSub;
  notifications: Notifications;
  /** `WORKER_JOBS` of this process: a batch consumer runs where `events.batch.<name>` is selected. */
  runs?: readonly string[];
  onError: (err: unknown, context: Record<string, unknown>) => void;
  /** The batch consumers' safety poll for a missed bell (default 5 s). */
  batchIdleMs?: number;
}): Events {
  const { pool, jobs, pubsub } = deps;
  const consumers = new Map<string, EventConsumer<unknown>>();
  const byType = new Map<string, EventConsumer<unknown>[]>();
  const definitions = new Map<string, EventDefinition<unknown>>();
  const batchConsumers = new Map<string, BatchEventConsumer>();
  const batchByType = new Map<string, BatchEventConsumer[]>();
  const loops: WakeLoop[] = [];
  const batchChannel = 'boveda_events_batch';

  const policyOf = (c: EventConsumer<unknown>): RetryPolicy =>
    Array.isArray(c.retry)
      ? { delaysSeconds: c.retry, jitter: 0.1 }
      : ((c.retry as RetryPolicy) ?? DEFAULT_RETRY);

  /**
   * Delivers the next ready event to `consumer`, or answers false when none is ready. One
   * transaction holds the delivery's row lock from the claim to the outcome: a process that dies
   * mid-delivery releases it with its connection and the delivery is at once ready again; another
   * worker skips it while it is held (SKIP LOCKED). Per aggregate only the earliest open delivery is
   * ready, so one aggregate's events arrive in order.
   */
  async function deliverNext(consumer: EventConsumer<unknown>): Promise<{ retryIn: number | null } | false> {
    let failure: unknown = null;
    let event: DomainEvent | undefined;
    const outcome = await deps.transaction(async (tx) => {
      const { rows } = await tx.query<EventRow & { attempts: number }>(
        `SELECT e.*, d.attempts FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
         WHERE d.consumer = $1 AND d.status = 'pending' AND d.next_attempt_at <= now()
           AND NOT EXISTS (
             SELECT 1 FROM event_deliveries p
             WHERE p.consumer = d.consumer AND p.aggregate = d.aggregate AND p.event_id < d.event_id
               AND p.status = 'pending')
         ORDER BY d.event_id
         LIMIT 1
         FOR UPDATE OF d SKIP LOCKED`,
        [consumer.name],
      );
      const row = rows[0];
      if (!row) return false;
      event = toEvent(row);
      const attempt = row.attempts;
      await tx.query('SAVEPOINT handler');
      try {
        const payload = consumer.event.schema.parse(row.payload);
        await consumer.handle({ ...event, payload }, { tx, attempt });
        await tx.query(
          `UPDATE event_deliveries SET status = 'done', attempts = attempts + 1, done_at = now(), last_error = NULL
           WHERE consumer = $1 AND event_id = $2`,
          [consumer.name, row.id],
        );
        return { retryIn: null };
      } catch (error) {
        // What the handler wrote goes; the attempt is recorded.
        await tx.query('ROLLBACK TO SAVEPOINT handler');
        failure = error;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const delay = retryDelaySeconds(policyOf(consumer), attempt + 1);
        const permanent = error instanceof PermanentJobError || (consumer.isPermanent?.(error) ?? false);
        if (delay === null || permanent) {
          await tx.query(
            `UPDATE event_deliveries SET status = 'dead', attempts = attempts + 1, last_error = $3
             WHERE consumer = $1 AND event_id = $2`,
            [consumer.name, row.id, message],
          );
          return { retryIn: null, dead: true };
        }
        await tx.query(
          `UPDATE event_deliveries
           SET attempts = attempts + 1, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
           WHERE consumer = $1 AND event_id = $2`,
          [consumer.name, row.id, message, delay],
        );
        return { retryIn: delay };
      }
    });
    if (outcome && 'dead' in outcome && event) {
      deps.onError(failure, { consumer: consumer.name, eventId: event.id, type: event.type, dead: true });
      await consumer
        .onFinalFailure?.(event, failure)
        .catch((e: unknown) =>
          deps.onError(e, { consumer: consumer.name, eventId: event!.id, hook: 'onFinalFailure' }),
        );
    }
    return outcome === false ? false : { retryIn: outcome.retryIn };
  }

  /**
   * Takes up to `batchSize` ready deliveries of a batch consumer (SKIP LOCKED: workers share the
   * queue) and hands them over in one transaction. A failing batch is replayed one event at a time,
   * each in its own savepoint, so only the bad events wait for a retry.
   */
  async function deliverBatch(consumer: BatchEventConsumer): Promise<number> {
    const failures: { event: DomainEvent; error: unknown }[] = [];
    const handled = await deps.transaction(async (tx) => {
      const { rows } = await tx.query<EventRow & { attempts: number }>(
        `SELECT e.*, d.attempts FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
         WHERE d.consumer = $1 AND d.status = 'pending' AND d.next_attempt_at <= now()
         ORDER BY d.event_id
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED`,
        [consumer.name, consumer.batchSize ?? 200],
      );
      if (rows.length === 0) return 0;
      const parse = (row: EventRow): DomainEvent => {
        const def = consumer.events.find((d) => d.type === row.type);
        if (!def) throw new PermanentJobError(`${consumer.name} does not take ${row.type}`);
        return { ...toEvent(row), payload: def.schema.parse(row.payload) };
      };
      const markDone = (ids: string[]) =>
        tx.query(
          `UPDATE event_deliveries SET status = 'done', attempts = attempts + 1, done_at = now(), last_error = NULL
           WHERE consumer = $1 AND event_id = ANY($2::bigint[])`,
          [consumer.name, ids],
        );
      await tx.query('SAVEPOINT batch');
      try {
        await consumer.handleBatch(rows.map(parse), { tx });
        await markDone(rows.map((r) => String(r.id)));
        return rows.length;
      } catch {
        await tx.query('ROLLBACK TO SAVEPOINT batch');
      }
      for (const row of rows) {
        await tx.query('SAVEPOINT one');
        try {
          await consumer.handleBatch([parse(row)], { tx });
          await markDone([String(row.id)]);
        } catch (error) {
          await tx.query('ROLLBACK TO SAVEPOINT one');
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
          const delay = retryDelaySeconds(
            { delaysSeconds: consumer.retry ?? DEFAULT_RETRY.delaysSeconds, jitter: 0.1 },
            row.attempts + 1,
          );
          const dead = delay === null || error instanceof PermanentJobError || error instanceof z.ZodError;
          await tx.query(
            `UPDATE event_deliveries SET attempts = attempts + 1, last_error = $3,
               status = CASE WHEN $4::boolean THEN 'dead' ELSE 'pending' END,
               next_attempt_at = now() + make_interval(secs => $5)
             WHERE consumer = $1 AND event_id = $2`,
            [consumer.name, row.id, message, dead, delay ?? 0],
          );
          failures.push({ event: toEvent(row), error });
        }
      }
      return rows.length;
    });
    for (const { event, error } of failures)
      deps.onError(error, { consumer: consumer.name, eventId: event.id, type: event.type });
    return handled;
  }

  /** When the earliest waiting retry of a consumer is due, in ms from now (null: none waits). */
  async function soonestRetryMs(consumer: string): Promise<number | null> {
    const { rows } = await pool.query<{ ms: number | null }>(
      `SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
       FROM event_deliveries WHERE consumer = $1 AND status = 'pending'`,
      [consumer],
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? null : Math.max(0, ms);
  }

  async function deliver(name: string) {
    const consumer = consumers.get(name);
    // A consumer an older or newer version registered: leave its deliveries for that version.
    if (!consumer) throw new PermanentJobError(`No consumer named ${name} in this process`);
    let delivered = 0;
    let soonestRetry: number | null = null;
    for (;;) {
      const result = await deliverNext(consumer);
      if (result === false) break;
      if (result.retryIn === null) delivered++;
      else soonestRetry = Math.min(soonestRetry ?? result.retryIn, result.retryIn);
    }
    if (soonestRetry !== null) {
      const wakeAt = Math.ceil(Date.now() / 1000) + soonestRetry;
      await jobs.enqueue(deliverJob, { consumer: name, wakeAt }, { startAfterSeconds: soonestRetry });
    }
    return { delivered };
  }

  return {
    subscribe(consumer) {
      if (consumers.has(consumer.name)) throw new Error(`Consumer ${consumer.name} is registered twice`);
      const c = consumer as EventConsumer<unknown>;
      consumers.set(c.name, c);
      byType.set(c.event.type, [...(byType.get(c.event.type) ?? []), c]);
      definitions.set(c.event.type, c.event);
    },

    subscribeBatch(consumer) {
      if (consumers.has(consumer.name) || batchConsumers.has(consumer.name))
        throw new Error(`Consumer ${consumer.name} is registered twice`);
      batchConsumers.set(consumer.name, consumer);
      for (const def of consumer.events) {
        batchByType.set(def.type, [...(batchByType.get(def.type) ?? []), consumer]);
        definitions.set(def.type, def);
      }
    },

    async publish(tx, def, payload, meta) {
      const parsed = def.schema.parse(payload);
      definitions.set(def.type, def as EventDefinition<unknown>);
      const aggregate = def.aggregateOf(parsed);
      const { rows } = await tx.query<EventRow>(
        `INSERT INTO domain_events (tenant_id, type, version, aggregate, payload, actor, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [
          meta.tenantId,
          def.type,
          def.version,
          aggregate,
          JSON.stringify(parsed),
          meta.actor ? JSON.stringify(meta.actor) : null,
          meta.requestId ?? null,
        ],
      );
      const event = { ...toEvent(rows[0]!), payload: parsed };
      const subscribed = byType.get(def.type) ?? [];
      const batched = batchByType.get(def.type) ?? [];
      if (subscribed.length + batched.length > 0) {
        await tx.query(
          `INSERT INTO event_deliveries (consumer, event_id, aggregate) SELECT unnest($1::text[]), $2, $3`,
          [[...subscribed, ...batched].map((c) => c.name), event.id, aggregate],
        );
        for (const c of subscribed)
          await jobs.enqueue(deliverJob, { consumer: c.name, wakeAt: null }, { tx });
        if (batched.length > 0) await deps.notifications.notify(tx, batchChannel);
      }
      if (meta.tenantId) {
        const channel = liveChannel(meta.tenantId);
        tx.afterCommit(() => pubsub.publish(channel, serializeEvent(event)));
      }
      return event;
    },

    async startDelivery(opts = {}) {
      await jobs.register(jobWorker(deliverJob, (d) => deliver(d.consumer), { concurrency: 2 }));
      await jobs.register(
        jobWorker(sweepJob, async () => {
          // Deliveries whose wake-up or kick was lost (a crash between commit and job, a purge).
          const { rows } = await pool.query<{ consumer: string }>(
            `SELECT DISTINCT consumer FROM event_deliveries WHERE status = 'pending' AND next_attempt_at <= now()`,
          );
          for (const { consumer } of rows)
            if (consumers.has(consumer)) await jobs.enqueue(deliverJob, { consumer, wakeAt: null });
          return { kicked: rows.length };
        }),
      );
      await jobs.schedule(sweepJob, opts.sweepCron ?? '* * * * *', {}, 'UTC');
      // Whatever waited while no worker ran.
      for (const name of consumers.keys()) await jobs.enqueue(deliverJob, { consumer: name, wakeAt: null });
      const batchLoops = [...batchConsumers.values()]
        .filter((c) => jobSelected(deps.runs ?? ['*'], `events.batch.${c.name}`))
        .map((c) =>
          startWakeLoop({
            work: async () => {
              const handled = await deliverBatch(c);
              return { handled, nextInMs: handled > 0 ? 0 : await soonestRetryMs(c.name) };
            },
            idleMs: deps.batchIdleMs ?? 5000,
            onError: (err) => deps.onError(err, { consumer: c.name }),
          }),
        );
      loops.push(...batchLoops);
      if (batchLoops.length > 0)
        await deps.notifications.listen(batchChannel, () => {
          for (const loop of batchLoops) loop.wake();
        });
    },

    async stopDelivery() {
      await Promise.all(loops.splice(0).map((l) => l.stop()));
    },

    async since(tenantId, afterId, limit) {
      const { rows } = await pool.query<EventRow>(
        'SELECT * FROM domain_events WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [tenantId, afterId, limit],
      );
      return rows.map(toEvent);
    },

    async listen(tenantId, onEvent) {
      return pubsub.subscribe(liveChannel(tenantId), (message) =>
        onEvent(deserializeEvent(message as ReturnType<typeof serializeEvent>)),
      );
    },

    definitions: () => [...definitions.values()],
  };
}
