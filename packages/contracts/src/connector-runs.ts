import { z } from 'zod';

/**
 * What a connector run reports, one shape for its API view, its domain events and its public
 * webhooks (`export.*`, `sync.*`).
 */
export const pushRunCounts = z.object({
  exported: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export const pullRunCounts = z.object({
  fetched: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
});

export const connectorRef = { connectorId: z.uuid(), connectorName: z.string() };

/** A finished run, as its events and webhooks say it. */
export const finishedRunFields = {
  ...connectorRef,
  runId: z.uuid(),
  trigger: z.enum(['manual', 'schedule']),
  status: z.enum(['success', 'partial', 'failed']),
  error: z.string().nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
};
