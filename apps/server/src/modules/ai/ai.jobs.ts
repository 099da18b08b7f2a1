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

/**
 * "Probar con un documento": the document read again and the draft prompt sent, outside the request.
 * One attempt, like the connection test: a failure is the trial's result, shown with its code. The
 * expiry covers the document's re-reading (bounded at 3 min by the extraction thread) and the call.
 */
export const promptTrialJob = defineJob({
  name: 'ai.prompt-trial',
  schema: z.object({ tenantId: z.uuid(), trialId: z.uuid() }),
  dedupeKey: (d) => d.trialId,
  retry: [],
  expireInSeconds: 10 * 60,
});
