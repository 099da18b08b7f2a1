import { z } from 'zod';
import { pageOf } from '../primitives.js';

/**
 * A registered taxpayer and its e.firma validity; key material never leaves the server.
 * `POST /api/v1/taxpayers` takes multipart/form-data (`certificate`, `privateKey`, `password`), which
 * no zod schema describes: the server reads the parts itself.
 */
export const taxpayerItem = z.object({
  id: z.string(),
  rfc: z.string(),
  legalName: z.string(),
  certificateSerial: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(['active', 'removed']),
  /** Whole days until the e.firma expires (negative once expired). */
  daysToExpiry: z.number().int(),
  expired: z.boolean(),
  /** Active and expiring within EFIRMA_EXPIRY_WARNING_DAYS (or already expired). */
  expiresSoon: z.boolean(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});

/** `GET /api/v1/taxpayers`: by RFC; removed ones (tombstones) only when asked. */
export const taxpayerListQuery = z.object({ includeRemoved: z.enum(['true', 'false']).default('false') });
/** Every taxpayer at once: `nextCursor` is always null. */
export const taxpayerPage = pageOf(taxpayerItem);

export type TaxpayerItem = z.output<typeof taxpayerItem>;
export type TaxpayerListQuery = z.input<typeof taxpayerListQuery>;
export type TaxpayerPage = z.output<typeof taxpayerPage>;
