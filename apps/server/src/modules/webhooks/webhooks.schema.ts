import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/crypto/bytea.js';
import { tenants } from '../tenants/tenants.schema.js';

export type WebhookDisabledReason = 'manual' | 'gone' | 'failing';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';
export type WebhookAttemptTrigger = 'scheduled' | 'manual' | 'test';

/**
 * Where an organization wants its events. The signing secret and the custom headers (they often
 * carry the receiver's own token) are encrypted columns; header names are kept apart in clear so
 * the list can show them without decrypting.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** null: every type, including ones added later. */
    eventTypes: text('event_types').array(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason').$type<WebhookDisabledReason>(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Sealed `{ name: value }`; null without custom headers. */
    headers: bytea('headers'),
    headerNames: text('header_names').array().notNull().default(sql`'{}'::text[]`),
    rateLimitPerSecond: integer('rate_limit_per_second'),
    /** Sealed `whsec_…`; grows `secret_version` at each rotation (in-process caches key on it). */
    secret: bytea('secret').notNull(),
    secretVersion: integer('secret_version').notNull().default(1),
    /** Sealed previous secret, still signing beside the new one until `previous_secret_expires_at`. */
    previousSecret: bytea('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** First failure of the current run of failures; null after a success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Admins were told this run of failures started (so they hear of its recovery too). */
    failureAlertedAt: timestamp('failure_alerted_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    /** Throttle window (epoch second) and deliveries granted in it: enforced across processes. */
    throttleSecond: bigint('throttle_second', { mode: 'number' }).notNull().default(0),
    throttleUsed: integer('throttle_used').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.createdAt)],
);

/**
 * One event as sent: the envelope (`{ id, type, version, timestamp, data }`) frozen at creation,
 * so every attempt and every resend carries the same bytes and the same `webhook-id`.
 */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    version: integer('version').notNull(),
    /** The domain event it came from (null for test events): fan-out happens once per event. */
    sourceEventId: bigint('source_event_id', { mode: 'bigint' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_messages_source_uq').on(t.sourceEventId),
    index('webhook_messages_tenant_idx').on(t.tenantId, t.createdAt, t.id),
  ],
);

/** One message to one endpoint: its state, and when it is next tried. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    /** Attempts so far (scheduled and manual). */
    attempts: integer('attempts').notNull().default(0),
    /** Attempts of the current schedule: a manual resend starts a new one. */
    scheduleStep: integer('schedule_step').notNull().default(0),
    /** When a worker may take it: now for new ones, the retry time, or a claim's lease end. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The trigger of the next attempt (a resend is `manual`, a test event `test`). */
    trigger: text('trigger').$type<WebhookAttemptTrigger>().notNull().default('scheduled'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastResponseStatus: integer('last_response_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_message_endpoint_uq').on(t.messageId, t.endpointId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.status, t.createdAt),
  ],
);

/** The delivery log: every attempt, with what the receiver answered (an excerpt, never a secret). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    trigger: text('trigger').$type<WebhookAttemptTrigger>().notNull(),
    succeeded: boolean('succeeded').notNull(),
    responseStatus: integer('response_status'),
    latencyMs: integer('latency_ms').notNull(),
    responseExcerpt: text('response_excerpt'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_attempts_tenant_idx').on(t.tenantId, t.at, t.id),
    index('webhook_attempts_endpoint_idx').on(t.endpointId, t.at),
    index('webhook_attempts_message_idx').on(t.messageId),
  ],
);
