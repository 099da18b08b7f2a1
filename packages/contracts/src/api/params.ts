import { z } from 'zod';
import { rfcSchema } from '../primitives.js';

/** `/…/:id` of something Bóveda names itself (API keys, invitations, SAT requests): a UUID. */
export const idParams = z.object({ id: z.uuid() });

/**
 * `/taxpayers/:rfc/…`: one RFC rule for every route under a taxpayer. Any case and surrounding
 * spaces are accepted; the route sees the RFC upper-case, and anything else is 400 before it runs.
 */
export const rfcParams = z.object({ rfc: rfcSchema });
