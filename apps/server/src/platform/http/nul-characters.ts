import type { FastifyRequest } from 'fastify';
import { appError } from '../errors/app-error.js';

/**
 * The path of the first string (or object key) holding U+0000 in a decoded input, if any.
 * Walked with an explicit stack: a hostile body can nest deeper than the call stack allows.
 */
export function findNul(value: unknown, root: string): string | undefined {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return path;
        pending.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * A preValidation hook. PostgreSQL text cannot hold U+0000, so a NUL in a path parameter, the
 * query or a JSON body would reach SQL and fail there as a 500. No field of this API has a use
 * for it: such a request is refused as a validation error before any route sees it.
 */
export async function rejectNulCharacters(request: FastifyRequest) {
  const where =
    findNul(request.params, 'params') ??
    findNul(request.query, 'querystring') ??
    findNul(request.body, 'body');
  if (where) {
    throw appError('VALIDATION_FAILED', `${where}: contains a NUL character`, {
      errors: [{ path: where, code: 'contains_nul', message: 'contains a NUL character' }],
    });
  }
}
