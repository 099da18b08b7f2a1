import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { planErrors } from './plans.errors.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The operator's routes answer only `Authorization: Bearer <OPERATOR_TOKEN>`. Without a token
 * configured they do not exist (404 `OPERATOR_API_DISABLED`): a self-hosted instance has no operator.
 * The comparison is on digests in constant time, so neither length nor content leaks by timing.
 */
export function createOperatorGuard(token: string | undefined) {
  const expected = token ? digest(token) : null;
  return async function operatorGuard(req: FastifyRequest): Promise<void> {
    if (!expected) throw planErrors('OPERATOR_API_DISABLED');
    const [scheme, value] = (req.headers.authorization ?? '').split(' ', 2);
    const given = scheme?.toLowerCase() === 'bearer' && value ? digest(value.trim()) : null;
    if (!given || !timingSafeEqual(given, expected)) throw planErrors('OPERATOR_TOKEN_INVALID');
  };
}
