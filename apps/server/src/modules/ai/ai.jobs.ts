import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';

/**
 * "Probar conexión": one call to the provider, outside the request that asked for it. A test is
 * one attempt (what a person wants to know is whether it answers now), so no retries: a failure is
 * its result.
 */
export const testConnectionJob = defineJob({
  name: 'ai.test-connection',
  schema: z.object({ tenantId: z.uuid(), testId: z.uuid() }),
  dedupeKey: (d) => d.testId,
  retry: [],
  expireInSeconds: 6 * 60,
});
