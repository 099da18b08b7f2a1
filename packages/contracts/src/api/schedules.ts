import { z } from 'zod';

/**
 * The sync administration (`/api/v1/schedules`): every piece of recurring work of the organization,
 * one row each. A kind is one module's work: a taxpayer's SAT sync (nightly and after each filing),
 * a connector's scheduled runs, a webhook endpoint's retries.
 */
export const scheduleKinds = ['sat.sync', 'connector.sync', 'webhook.retries'] as const;
export const scheduleKind = z.enum(scheduleKinds);
export const scheduleResults = ['ok', 'failed', 'running'] as const;

export const scheduleItem = z.object({
  kind: scheduleKind,
  /** Unique within the kind: an RFC, a connector id, an endpoint id. */
  key: z.string(),
  target: z.object({ label: z.string(), detail: z.string().nullable() }),
  schedule: z.object({
    /** Five fields, read in `timeZone`; null when it runs only after events. */
    cron: z.string().nullable(),
    timeZone: z.string().nullable(),
    /** Seconds between looks or attempts after an event (the last step repeats or ends it). */
    backoffSeconds: z.array(z.number().int()).nullable(),
  }),
  lastRun: z
    .object({
      at: z.string(),
      result: z.enum(scheduleResults),
      errorCode: z.string().nullable(),
      durationMs: z.number().int().nullable(),
    })
    .nullable(),
  /** Null while paused, or when nothing is due. */
  nextRunAt: z.string().nullable(),
  paused: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  pausable: z.boolean(),
  runnable: z.boolean(),
});

export const scheduleList = z.object({ items: z.array(scheduleItem), nextCursor: z.string().nullable() });

export const scheduleParams = z.object({
  kind: scheduleKind,
  key: z.string().min(1).max(200),
});

export const scheduleRunResult = z.object({ jobId: z.string().nullable() });

export type ScheduleKind = z.output<typeof scheduleKind>;
export type ScheduleItem = z.output<typeof scheduleItem>;
export type ScheduleList = z.output<typeof scheduleList>;
export type ScheduleRunResult = z.output<typeof scheduleRunResult>;
