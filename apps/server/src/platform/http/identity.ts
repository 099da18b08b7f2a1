import type { ApiKeyResourceScope, Role } from '@boveda/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestReader } from '../crypto/index.js';

/**
 * Who is calling. Set by the auth module's hook; every tenant-scoped route reads `tenantId`
 * from here and never from the request, so a caller can only ever reach their own tenant.
 */
export interface RequestIdentity {
  tenantId: string;
  role: Role;
  actor: { type: 'user' | 'api_key' | 'oauth_client'; id: string; label: string };
  /** The OAuth application behind an OAuth access token (client_credentials, or an app acting for `userId`). */
  oauthClient?: { id: string; name: string; clientId: string } | null;
  userId: string | null;
  apiKeyId: string | null;
  sessionId: string | null;
  /**
   * An API key's scopes: powers beyond the role (`pac:token`) and resource scopes that restrict it
   * (`orders:read`…, checked by the guard); absent for people and OAuth apps.
   */
  scopes?: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: RequestIdentity | null;
  }
}

export interface GuardOptions {
  /**
   * The resource scope this route serves. An API key holding resource scopes may only call routes
   * declaring one of them (403 `API_KEY_SCOPE_MISSING` otherwise); other callers are unaffected.
   */
  scope?: ApiKeyResourceScope;
}

/** What a guard preHandler carries for the OpenAPI document (route-docs.ts reads it). */
export type GuardHandler = ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  guardScope?: ApiKeyResourceScope;
};

/**
 * `guard('admin')` → a preHandler that answers 401 without identity and 403 below the role;
 * `guard('member', { scope: 'orders:write' })` also lets keys restricted to `orders:write` in.
 */
export type Guard = (minimumRole: Role, options?: GuardOptions) => GuardHandler;

/** The resource scope a route's guard declares, if any (for the OpenAPI document). */
export function declaredScopeOf(preHandler: unknown): ApiKeyResourceScope | undefined {
  for (const handler of [preHandler].flat()) {
    const scope = (handler as GuardHandler | undefined)?.guardScope;
    if (scope) return scope;
  }
  return undefined;
}

export function identityOf(req: { identity: RequestIdentity | null }): RequestIdentity {
  if (!req.identity) throw new Error('route is missing its guard');
  return req.identity;
}

/** Actor fields for the audit trail, from a request. */
export function actorOf(req: {
  identity: RequestIdentity | null;
  ip: string;
  headers: Record<string, unknown>;
}) {
  const id = identityOf(req);
  const ua = req.headers['user-agent'];
  return { ...id.actor, ip: req.ip, userAgent: typeof ua === 'string' ? ua : undefined };
}

/**
 * Who reads, for a decryption done on behalf of this request (`secretBox.openColumn(…, readerOf(req))`):
 * the audit trail then names the person or API key and the request id the answer carried.
 */
export function readerOf(req: {
  id: string;
  identity: RequestIdentity | null;
  ip: string;
  headers: Record<string, unknown>;
}): RequestReader {
  const { type, id, label, ip, userAgent } = actorOf(req);
  return { type, id, label, requestId: req.id, ip, ...(userAgent ? { userAgent } : {}) };
}

/**
 * Another kind of bearer token the guard accepts besides API keys (OAuth access tokens): the
 * module that issues them resolves them to an identity, or null when invalid, expired or revoked.
 */
export interface BearerTokenResolver {
  accepts(token: string): boolean;
  resolve(token: string): Promise<RequestIdentity | null>;
}
