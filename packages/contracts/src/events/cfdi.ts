import { z } from 'zod';
import { defineEvent } from './define.js';

/** A package (or, later, a single document) was read into the CFDI tables. */
export const cfdiPackageIngested = defineEvent({
  type: 'cfdi.package.ingested',
  version: 1,
  schema: z.object({
    ingestionId: z.uuid(),
    kind: z.enum(['cfdi', 'metadata']),
    /** Where the package is in object storage: the key both modules know it by. */
    objectKey: z.string(),
    /** The sat_packages row it came from, when it came from the SAT. */
    satPackageId: z.uuid().nullable(),
    state: z.enum(['completed', 'failed']),
    read: z.number().int().nonnegative(),
    stored: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    error: z.string().nullable(),
  }),
  aggregateOf: (p) => `cfdi_source:${p.objectKey}`,
  description: 'A package of CFDI or metadata was ingested (or failed to be), with its counts.',
});

export type CfdiPackageIngested = z.infer<typeof cfdiPackageIngested.schema>;
