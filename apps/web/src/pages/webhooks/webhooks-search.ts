import { z } from 'zod';
import { defineSearch } from '../../lib/search-state.js';

/**
 * The delivery log's filters in the URL, under `GET /api/v1/webhooks/attempts`' own parameter names
 * (`/webhooks/{id}?outcome=failed&eventType=document.processed`); junk in a link is ignored.
 */
export const attemptSearch = defineSearch({
  outcome: z.enum(['succeeded', 'failed']).optional(),
  eventType: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.]{1,100}$/)
    .optional(),
});
export type AttemptSearchValues = (typeof attemptSearch)['defaults'];
