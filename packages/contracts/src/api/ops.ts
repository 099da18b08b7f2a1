import { z } from 'zod';

/** `GET /health`: the process answers. */
export const healthResult = z.object({ status: z.literal('ok') });

/** `GET /ready`: every dependency answered (otherwise 503 DEPENDENCY_UNAVAILABLE). */
export const readinessResult = z.object({
  status: z.literal('ready'),
  checks: z.record(z.string(), z.literal('ok')),
});

export type HealthResult = z.output<typeof healthResult>;
export type ReadinessResult = z.output<typeof readinessResult>;
