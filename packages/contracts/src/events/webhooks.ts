import { z } from 'zod';
import { defineEvent } from './define.js';

const endpoint = {
  endpointId: z.uuid(),
  url: z.string(),
  description: z.string(),
};

/** An endpoint failed WEBHOOK_ALERT_AFTER_FAILURES attempts in a row (once per run of failures). */
export const webhookEndpointFailing = defineEvent({
  type: 'webhooks.endpoint.failing',
  version: 1,
  schema: z.object({
    ...endpoint,
    failingSince: z.iso.datetime(),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
  }),
  aggregateOf: (p) => `webhook_endpoint:${p.endpointId}`,
  description: 'A webhook endpoint keeps failing: admins are told by e-mail.',
});

/** Disabled by `410 Gone` or after failing every attempt for WEBHOOK_DISABLE_AFTER_SECONDS. */
export const webhookEndpointDisabled = defineEvent({
  type: 'webhooks.endpoint.disabled',
  version: 1,
  schema: z.object({
    ...endpoint,
    reason: z.enum(['gone', 'failing']),
    failingSince: z.iso.datetime().nullable(),
  }),
  aggregateOf: (p) => `webhook_endpoint:${p.endpointId}`,
  description: 'A webhook endpoint was disabled automatically (410 Gone, or failing for days).',
});

/** The first success after admins were told the endpoint was failing. */
export const webhookEndpointRecovered = defineEvent({
  type: 'webhooks.endpoint.recovered',
  version: 1,
  schema: z.object({ ...endpoint, failingSince: z.iso.datetime().nullable() }),
  aggregateOf: (p) => `webhook_endpoint:${p.endpointId}`,
  description: 'A webhook endpoint that was failing answered again.',
});
