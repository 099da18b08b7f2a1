import { z } from 'zod';
import { defineEvent } from './define.js';

/**
 * A taxpayer's e.firma will expire soon: published once per threshold (30, 7 and 1 days left),
 * so a person renews it before the SAT stops answering.
 */
export const taxpayerEfirmaExpiring = defineEvent({
  type: 'taxpayers.efirma.expiring',
  version: 1,
  schema: z.object({
    taxpayerId: z.uuid(),
    rfc: z.string(),
    legalName: z.string(),
    validUntil: z.iso.datetime(),
    /** Whole days left when announced (0 on its last day). */
    daysLeft: z.number().int().nonnegative(),
    /** The threshold this announcement is for: 30, 7 or 1. */
    threshold: z.number().int().positive(),
  }),
  aggregateOf: (p) => `taxpayer:${p.taxpayerId}`,
  description: 'An e.firma expires within 30, 7 or 1 days (once per threshold).',
});

export type TaxpayerEfirmaExpiring = z.infer<typeof taxpayerEfirmaExpiring.schema>;

/** When an expiring e.firma is announced, in days before it ends. */
export const EFIRMA_EXPIRY_THRESHOLDS = [30, 7, 1] as const;
