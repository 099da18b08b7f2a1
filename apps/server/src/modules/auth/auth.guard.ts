import { type Role, roleAtLeast } from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import { appError } from '../../platform/errors/app-error.js';
import type { BearerTokenResolver, Guard, RequestIdentity } from '../../platform/http/identity.js';
import type { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'boveda_session';
export const CSRF_COOKIE = 'boveda_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveIdentity(
  auth: AuthService,
  bearerTokens: readonly BearerTokenResolver[],
  req: FastifyRequest,
): Promise<RequestIdentity> {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, key] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !key)
      throw appError('INVALID_API_KEY', 'Use "Authorization: Bearer <api key>".');
    // Other bearer tokens (OAuth access tokens) are resolved by the module that issued them.
    const other = bearerTokens.find((r) => r.accepts(key.trim()));
    if (other) {
      const identity = await other.resolve(key.trim());
      if (!identity) throw appError('INVALID_API_KEY', 'The access token is invalid, expired or revoked.');
      return identity;
    }
    const identity = await auth.identityFromApiKey(key.trim());
    if (!identity) throw appError('INVALID_API_KEY');
    return identity;
  }
  const token = req.cookies[SESSION_COOKIE];
  const identity = token ? await auth.identityFromSession(token) : null;
  if (!identity || !token)
    throw appError('UNAUTHENTICATED', 'Sign in, or send an API key as a Bearer token.');
  // Cookies ride along on cross-site requests; a write must also prove it read our CSRF cookie.
  if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfTokenFor(token)) {
    throw appError('CSRF_FAILED', 'Send the value of the boveda_csrf cookie in the x-csrf-token header.');
  }
  return identity;
}

export function createGuard(auth: AuthService, bearerTokens: readonly BearerTokenResolver[] = []): Guard {
  return (minimumRole: Role) => async (req) => {
    const identity = await resolveIdentity(auth, bearerTokens, req);
    if (!roleAtLeast(identity.role, minimumRole)) {
      throw appError('FORBIDDEN', `This action needs the ${minimumRole} role or higher.`);
    }
    req.identity = identity;
  };
}
