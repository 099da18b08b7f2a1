import { z } from 'zod';

/**
 * An event's id in the live stream: growing with publication order (a bigint, as text). What
 * `Last-Event-ID` and `?after=` carry to resume a stream.
 */
export const liveEventId = z.string().regex(/^\d{1,19}$/, 'an event id');

/** `GET /api/v1/events`: resume after this event (browsers send `Last-Event-ID` instead). */
export const liveEventQuery = z.object({ after: liveEventId.optional() });

/**
 * The `data` of each Server-Sent Event: a domain event of the catalogue (`../events`), whose
 * `payload` is the one its `type` and `version` define. The SSE `event` field repeats `type`.
 */
export const liveEvent = z.object({
  id: z.string(),
  type: z.string(),
  version: z.number().int(),
  tenantId: z.string().nullable(),
  aggregate: z.string(),
  payload: z.unknown(),
  occurredAt: z.string(),
  actor: z
    .object({
      type: z.enum(['user', 'api_key', 'oauth_client', 'system']),
      id: z.string().nullable().optional(),
      label: z.string(),
    })
    .nullable(),
  requestId: z.string().nullable(),
});

export type LiveEventQuery = z.input<typeof liveEventQuery>;
export type LiveEvent = z.output<typeof liveEvent>;
