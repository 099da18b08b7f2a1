import type { EventActor } from '@boveda/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The outbox: every domain event, written in the transaction of the change it announces, so an
 * event exists exactly when its change committed. Read by consumers (through deliveries) and by the
 * live channel (catch-up after a reconnect).
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    tenantId: uuid('tenant_id'),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    aggregate: text('aggregate').notNull(),
    payload: jsonb('payload').notNull(),
    actor: jsonb('actor').$type<EventActor>(),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_tenant_id_idx').on(t.tenantId, t.id)],
);

/**
 * One row per event and consumer subscribed to its type, created with the event. A consumer takes
 * the earliest open delivery of each aggregate, so one aggregate's events reach it in order while
 * other aggregates move on.
 */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    consumer: text('consumer').notNull(),
    eventId: bigint('event_id', { mode: 'bigint' })
      .notNull()
      .references(() => domainEvents.id, { onDelete: 'cascade' }),
    aggregate: text('aggregate').notNull(),
    /** pending → done, or dead after the last retry. Being delivered = its row is locked. */
    status: text('status').$type<'pending' | 'done' | 'dead'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventId] }),
    index('event_deliveries_open_idx')
      .on(t.consumer, t.aggregate, t.eventId)
      .where(sql`${t.status} = 'pending'`),
    // Batch consumers take the oldest open deliveries regardless of aggregate.
    index('event_deliveries_pending_idx').on(t.consumer, t.eventId).where(sql`${t.status} = 'pending'`),
  ],
);
