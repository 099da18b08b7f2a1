import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createOperatorGuard } from './operator-guard.js';

const request = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as unknown as FastifyRequest;
const codeOf = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (e: { code: string }) => e.code,
  );

describe('operator guard', () => {
  it('has no operator API without OPERATOR_TOKEN', async () => {
    expect(await codeOf(createOperatorGuard(undefined)(request('Bearer anything')))).toBe(
      'OPERATOR_API_DISABLED',
    );
  });

  it('lets only the exact token in', async () => {
    const guard = createOperatorGuard('t'.repeat(40));
    expect(await codeOf(guard(request(`Bearer ${'t'.repeat(40)}`)))).toBe('ok');
    expect(await codeOf(guard(request(`bearer ${'t'.repeat(40)}`)))).toBe('ok');
    for (const wrong of [undefined, 'Bearer', `Bearer ${'t'.repeat(39)}`, `Basic ${'t'.repeat(40)}`])
      expect(await codeOf(guard(request(wrong)))).toBe('OPERATOR_TOKEN_INVALID');
  });
});
