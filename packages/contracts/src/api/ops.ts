import { z } from 'zod';

/** `GET /health`: the process answers. */
export const healthResult = z.object({ status: z.literal('ok') });

/**
 * `GET /ready`: every dependency (database, jobs, storage, redis when configured) answered, with
 * its latency. Otherwise 503 DEPENDENCY_UNAVAILABLE, whose problem names them in
 * `params.unavailable` and carries the same `checks` with `status: 'error'`.
 */
export const readinessResult = z.object({
  status: z.literal('ready'),
  checks: z.record(
    z.string(),
    z.object({ status: z.literal('ok'), latencyMs: z.number().int().nonnegative() }),
  ),
});

export type HealthResult = z.output<typeof healthResult>;
export type ReadinessResult = z.output<typeof readinessResult>;
