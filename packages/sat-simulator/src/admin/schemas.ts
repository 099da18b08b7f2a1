import { z } from 'zod';
import { FAULT_KINDS, OPERATIONS } from '../state/faults.js';

export const advanceSchema = z.object({ seconds: z.number().finite() });
export const setClockSchema = z.object({ now: z.iso.datetime({ offset: true }) });
export const faultSchema = z.object({
  operation: z.enum(OPERATIONS),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().positive().default(1),
  ms: z.number().int().nonnegative().default(0),
});
export const volumeSchema = z.object({
  issuedPerMonth: z.number().int().nonnegative(),
  receivedPerMonth: z.number().int().nonnegative(),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const truthSchema = z.object({
  rfc: z.string().min(12).max(13),
  from: day,
  to: day,
  type: z.enum(['cfdi', 'metadata']),
  direction: z.enum(['issued', 'received']),
  status: z.enum(['active', 'cancelled']).optional(),
});
