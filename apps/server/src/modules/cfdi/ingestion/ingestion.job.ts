import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/jobs.js';

export const ingestPackagePayload = z.object({
  tenantId: z.uuid(),
  objectKey: z.string().min(1).max(1024),
  kind: z.enum(['cfdi', 'metadata']),
  satPackageId: z.string().min(1).max(200).optional(),
});

export type IngestPackageRequest = z.infer<typeof ingestPackagePayload>;

/**
 * Runs right after sat-download stores a package. Retries cover a database or storage outage;
 * a package that is unreadable as a whole fails once, visibly, in cfdi_ingestions.
 */
export const ingestPackageJob = defineJob({
  name: 'cfdi.ingest-package',
  schema: ingestPackagePayload,
  dedupeKey: (d) => `${d.tenantId}:${d.objectKey}`,
  retry: [30, 60, 120],
  // 200,000 CFDI take about a minute here; leave room for a slow disk or a busy database.
  expireInSeconds: 60 * 60,
});
