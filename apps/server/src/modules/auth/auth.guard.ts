import { isApiKeyResourceScope, type Role, roleAtLeast } from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import { appError } from '../../platform/errors/app-error.js';
import type {
  BearerTokenResolver,
  Guard,
  GuardHandler,
  GuardOptions,
  RequestIdentity,
} from '../../platform/http/identity.js';
import type { AuthService } from './auth.service.js';
import type { RequestSignatureVerifier } from './request-signature.js';

export const SESSION_COOKIE = 'boveda_session';
export const CSRF_COOKIE = 'boveda_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveIdentity(
  auth: AuthService,
  bearerTokens: readonly BearerTokenResolver[],
  signatures: RequestSignatureVerifier | undefined,
  req: FastifyRequest,
): Promise<RequestIdentity> {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, key] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !key)
      throw appError('INVALID_API_KEY', 'Use "Authorization: Bearer <api key>".');
    // Other bearer tokens (OAuth access tokens) are resolved by the module that issued them. They
    // are not signed: an OAuth client's secret is stored hashed, so there is nothing to verify an
    // HMAC with, and its short-lived tokens are the protection (docs/signed-requests.md).
    const other = bearerTokens.find((r) => r.accepts(key.trim()));
    if (other) {
      const identity = await other.resolve(key.trim());
      if (!identity) throw appError('INVALID_API_KEY', 'The access token is invalid, expired or revoked.');
      return identity;
    }
    const caller = await auth.apiKeyCaller(key.trim());
    if (!caller) throw appError('INVALID_API_KEY');
    // Signed requests: required when the organization says so, checked whenever a signature is sent.
    await signatures?.verify(req, caller.signing, {
      type: 'api_key',
      id: caller.identity.actor.id,
      label: caller.identity.actor.label,
      requestId: req.id,
      ip: req.ip,
      ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
    });
    await caller.markUsed();
    return caller.identity;
  }
  // Sessions are not signed: the browser cannot hold a signing secret; cookies are httpOnly and
  // writes need the CSRF token.
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

/**
 * An API key holding resource scopes reaches only routes that declare one of them; a key without
 * any, people and OAuth applications are not restricted by them.
 */
function checkResourceScope(identity: RequestIdentity, options: GuardOptions) {
  if (identity.actor.type !== 'api_key') return;
  const restrictedTo = (identity.scopes ?? []).filter(isApiKeyResourceScope);
  if (restrictedTo.length === 0) return;
  if (options.scope && restrictedTo.includes(options.scope)) return;
  throw appError(
    'API_KEY_SCOPE_MISSING',
    options.scope
      ? `This API key is restricted to ${restrictedTo.join(', ')}; this operation needs ${options.scope}.`
      : `This API key is restricted to ${restrictedTo.join(', ')}; this operation takes no resource scope.`,
    options.scope ? { params: { requiredScope: options.scope } } : undefined,
  );
}

export function createGuard(
  auth: AuthService,
  bearerTokens: readonly BearerTokenResolver[] = [],
  signatures?: RequestSignatureVerifier,
): Guard {
  return (minimumRole: Role, options: GuardOptions = {}) => {
    const handler: GuardHandler = async (req) => {
      const identity = await resolveIdentity(auth, bearerTokens, signatures, req);
      if (!roleAtLeast(identity.role, minimumRole)) {
        throw appError('FORBIDDEN', `This action needs the ${minimumRole} role or higher.`);
      }
      checkResourceScope(identity, options);
      req.identity = identity;
    };
    // Read by platform/http's route docs, so the operation documents the scope it takes.
    if (options.scope) handler.guardScope = options.scope;
    return handler;
  };
}
