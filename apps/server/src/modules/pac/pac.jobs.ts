import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';

const ref = z.object({ tenantId: z.uuid(), invoiceId: z.uuid() });

/** The PAC refused the invoice (its data, or the SAT's rules): a person must change it. */
export class StampRejected extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'StampRejected';
  }
}

/** Still being stamped (code 70) or a cancellation still pending: look again later. */
export class NotYet extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'NotYet';
  }
}

export function pacJobs(checkScheduleSeconds: readonly number[], stampRetrySeconds: readonly number[]) {
  return {
    /** Sends an invoice to the PAC; after a lost answer the next try looks it up before sending. */
    stamp: defineJob({
      name: 'pac.stamp',
      schema: ref,
      dedupeKey: (d) => d.invoiceId,
      retry: { delaysSeconds: stampRetrySeconds, jitter: 0.2 },
      permanent: (e) => e instanceof StampRejected,
    }),
    /** Re-fetches an invoice being stamped asynchronously (after a callback, or on schedule). */
    checkStamp: defineJob({
      name: 'pac.check-stamp',
      schema: ref,
      dedupeKey: (d) => d.invoiceId,
      retry: { delaysSeconds: checkScheduleSeconds, jitter: 0.1 },
      permanent: (e) => e instanceof StampRejected,
    }),
    cancel: defineJob({
      name: 'pac.cancel',
      schema: ref,
      dedupeKey: (d) => d.invoiceId,
      retry: { delaysSeconds: [30, 120, 600], jitter: 0.2 },
      permanent: (e) => e instanceof StampRejected,
    }),
    /** Follows a pending cancellation (the receptor has three business days) until it resolves. */
    checkCancellation: defineJob({
      name: 'pac.check-cancellation',
      schema: ref,
      dedupeKey: (d) => d.invoiceId,
      retry: { delaysSeconds: checkScheduleSeconds, jitter: 0.1 },
    }),
  };
}

export type PacJobs = ReturnType<typeof pacJobs>;
