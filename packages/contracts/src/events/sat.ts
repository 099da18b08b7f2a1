import { z } from 'zod';
import { satRequestStates } from '../sat-requests.js';
import { defineEvent } from './define.js';

const requestState = z.enum(satRequestStates);

/** A SAT request moved (created: `from` is null). What the web shows live and webhooks announce. */
export const satRequestStateChanged = defineEvent({
  type: 'sat.request.state_changed',
  version: 1,
  schema: z.object({
    requestId: z.uuid(),
    rfc: z.string(),
    kind: z.enum(['cfdi', 'metadata']),
    direction: z.enum(['issued', 'received']).nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    folio: z.string().nullable(),
    from: requestState.nullable(),
    to: requestState,
    satRequestId: z.string().nullable(),
    cfdiCount: z.number().int().nullable(),
    /** Why a person must act (failed), in English; null otherwise. */
    reason: z.string().nullable(),
  }),
  aggregateOf: (p) => `sat_request:${p.requestId}`,
  description:
    'A SAT download request changed state: created (from null), filed, verified, ready, downloaded, empty, split, replaced or failed.',
});

/** A package is safe in object storage; the cfdi module ingests it. */
export const satPackageStored = defineEvent({
  type: 'sat.package.stored',
  version: 1,
  schema: z.object({
    packageId: z.uuid(),
    requestId: z.uuid(),
    rfc: z.string(),
    kind: z.enum(['cfdi', 'metadata']),
    satPackageId: z.string(),
    storageKey: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
  aggregateOf: (p) => `sat_package:${p.packageId}`,
  description: 'A package downloaded from the SAT was stored in object storage.',
});

export type SatRequestStateChanged = z.infer<typeof satRequestStateChanged.schema>;
export type SatPackageStored = z.infer<typeof satPackageStored.schema>;
