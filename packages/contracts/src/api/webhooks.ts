import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';
import { webhookEventTypeNames } from '../webhooks/catalogue.js';
import { idParams } from './params.js';

/** A subscribable type (the catalogue's names; `webhook.test` is sent only on request). */
export const webhookEventTypeName = z.enum(webhookEventTypeNames as [string, ...string[]]);

/** Header names a user may set: tokens for their receiver, never the ones the signature relies on. */
const RESERVED_HEADERS =
  /^(host|content-type|content-length|connection|transfer-encoding|user-agent|webhook-.*|svix-.*|te|upgrade|expect|keep-alive|proxy-.*)$/i;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
export const webhookHeaders = z
  .record(
    z.string(),
    z
      .string()
      .max(2000)
      .regex(/^[^\r\n\0]*$/, 'no line breaks'),
  )
  .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
  .refine((h) => Object.keys(h).every((k) => HEADER_NAME.test(k)), 'not a valid header name')
  .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.test(k)), 'reserved header name');

const url = z.string().trim().min(1).max(2000);
const description = z.string().trim().max(500);
/** Deliveries per second to this endpoint across every worker process; null: no limit. */
const rateLimit = z.number().int().min(1).max(10_000).nullable();

export const webhookEndpointCreateBody = z.object({
  url,
  description: description.optional(),
  /** Types to deliver; omitted or null: every type, including ones added later. */
  eventTypes: z.array(webhookEventTypeName).min(1).max(50).nullable().optional(),
  headers: webhookHeaders.optional(),
  rateLimitPerSecond: rateLimit.optional(),
  enabled: z.boolean().optional(),
});

export const webhookEndpointUpdateBody = webhookEndpointCreateBody.partial();

export const webhookEndpointStatus = z.enum(['enabled', 'disabled']);
/** Why an endpoint is disabled: by a person, by `410 Gone`, or after failing every attempt for days. */
export const webhookDisabledReason = z.enum(['manual', 'gone', 'failing']);

export const webhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  disabledReason: webhookDisabledReason.nullable(),
  disabledAt: z.string().nullable(),
  /** Names only: values may hold tokens and are shown to no one. */
  headerNames: z.array(z.string()),
  rateLimitPerSecond: z.number().int().nullable(),
  /** Since when every attempt has failed (null when the last attempt succeeded). */
  failingSince: z.string().nullable(),
  /** While a rotation overlaps, deliveries carry two signatures until this time. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const webhookEndpointPage = pageOf(webhookEndpoint);

/** Answered once, at creation and rotation: `whsec_` + base64 of 32 random bytes. */
export const webhookEndpointCreated = webhookEndpoint.extend({ secret: z.string() });
export const webhookSecret = z.object({
  secret: z.string(),
  previousSecretExpiresAt: z.string().nullable(),
});

export const webhookEventTypeItem = z.object({
  type: z.string(),
  version: z.number().int(),
  description: z.string(),
  /** JSON Schema (draft 2020-12) of the envelope's `data`. */
  schema: z.record(z.string(), z.unknown()),
  example: z.unknown(),
});
export const webhookEventTypePage = pageOf(webhookEventTypeItem);

export const webhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);

const instant = z.iso.datetime({ offset: true });

export const webhookMessageListQuery = pageQuery(50, 200).extend({
  endpointId: z.uuid().optional(),
  eventType: z.string().max(100).optional(),
  /** The delivery's status to `endpointId` (or to any endpoint). */
  status: webhookDeliveryStatus.optional(),
  since: instant.optional(),
  until: instant.optional(),
});

export const webhookMessageDelivery = z.object({
  endpointId: z.string(),
  url: z.string(),
  status: webhookDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastResponseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

export const webhookMessage = z.object({
  id: z.string(),
  eventType: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  deliveries: z.array(webhookMessageDelivery),
});
export const webhookMessagePage = pageOf(webhookMessage);
/** One message with its body as sent (the envelope). */
export const webhookMessageDetail = webhookMessage.extend({ payload: z.unknown() });

export const webhookAttemptListQuery = pageQuery(50, 200).extend({
  endpointId: z.uuid().optional(),
  messageId: z.uuid().optional(),
  eventType: z.string().max(100).optional(),
  outcome: z.enum(['succeeded', 'failed']).optional(),
  since: instant.optional(),
  until: instant.optional(),
});

export const webhookAttempt = z.object({
  id: z.string(),
  messageId: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  /** 1 for the first try of a delivery; manual resends continue the count. */
  attempt: z.number().int(),
  trigger: z.enum(['scheduled', 'manual', 'test']),
  outcome: z.enum(['succeeded', 'failed']),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The first bytes of the receiver's answer (at most 1 KiB, as text). */
  responseExcerpt: z.string().nullable(),
  /** Why it failed when there was no usable answer, e.g. TIMEOUT, CONNECTION_FAILED, REDIRECT. */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  at: z.string(),
});
export const webhookAttemptPage = pageOf(webhookAttempt);

export const webhookResendBody = z.object({
  /** Resend to this endpoint only; omitted: to every endpoint the message went to. */
  endpointId: z.uuid().optional(),
});
export const webhookMessageParams = idParams;

export const webhookRecoverBody = z.object({
  /** Resend every failed message of the endpoint created at or after this time… */
  since: instant,
  /** …and before this one (default: now). */
  until: instant.optional(),
});
export const webhookQueued = z.object({ queued: z.number().int() });
export const webhookTestResult = z.object({ messageId: z.string() });

export const webhookEndpointStats = z.object({
  /** Over the last 24 hours and 7 days. */
  periods: z.array(
    z.object({
      period: z.enum(['24h', '7d']),
      attempts: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      /** succeeded / attempts, 0–1; null without attempts. */
      successRate: z.number().nullable(),
      latencyP50Ms: z.number().int().nullable(),
      latencyP95Ms: z.number().int().nullable(),
    }),
  ),
  pending: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
});

export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;
export type WebhookAttempt = z.infer<typeof webhookAttempt>;
export type WebhookMessage = z.infer<typeof webhookMessage>;
