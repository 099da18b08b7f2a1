import {
  type ApiKeyItem,
  apiKeyItem,
  apiKeyListQuery,
  apiKeyPage,
  createApiKeyBody,
  createdApiKey,
  idParams,
  loginBody,
  type MeResult,
  meResult,
  rotatedSigningSecret,
  type SessionResult,
  sessionResult,
  switchOrganizationBody,
} from '@boveda/contracts';
import type { FastifyReply } from 'fastify';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { TenantsService } from '../tenants/index.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import type { AuthService } from './auth.service.js';

type KeyRow = Awaited<ReturnType<AuthService['getApiKey']>>;
const toItem = (k: KeyRow): ApiKeyItem => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  createdBy: k.createdBy,
  signingSecretCreatedAt: k.signingSecretCreatedAt?.toISOString() ?? null,
});
const toSession = (s: SessionResult): SessionResult => ({ user: s.user, tenant: s.tenant, role: s.role });

export function registerAuthRoutes(
  app: HttpServer,
  deps: {
    auth: AuthService;
    tenants: TenantsService;
    guard: Guard;
    secureCookies: boolean;
    loginRateLimitPerMinute: number;
  },
) {
  const { auth, guard } = deps;
  const cookieBase = { path: '/', secure: deps.secureCookies, sameSite: 'lax' as const };
  const setSessionCookies = (
    reply: FastifyReply,
    session: { token: string; csrfToken: string; expiresAt: Date },
  ) => {
    reply.setCookie(SESSION_COOKIE, session.token, {
      ...cookieBase,
      httpOnly: true,
      expires: session.expiresAt,
    });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, {
      ...cookieBase,
      httpOnly: false,
      expires: session.expiresAt,
    });
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in to the web app (sets the session and CSRF cookies)',
        security: [],
        body: loginBody,
        response: { 200: sessionResult },
        errors: ['INVALID_CREDENTIALS', 'NOT_A_MEMBER'],
      },
    },
    async (req, reply) => {
      const result = await auth.login(
        { email: req.body.email, password: req.body.password, tenantSlug: req.body.tenant },
        { ip: req.ip, userAgent: req.headers['user-agent'] },
      );
      setSessionCookies(reply, result);
      return toSession(result);
    },
  );

  app.post(
    '/api/v1/auth/switch',
    {
      schema: {
        operationId: 'switchOrganization',
        tags: ['auth'],
        summary: 'Move the web session to another of your organizations (new session and CSRF cookies)',
        body: switchOrganizationBody,
        response: { 200: sessionResult },
        errors: ['NOT_A_MEMBER'],
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      const result = await auth.switchOrganization(identityOf(req), req.body.tenant, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookies(reply, result);
      return toSession(result);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out (ends the web session)',
        response: { 204: noContent('Signed out; the cookies are cleared') },
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      await auth.logout(identityOf(req), actorOf(req));
      reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'Who is calling: the user, API key or OAuth application, its organization and role',
        response: { 200: meResult },
      },
      preHandler: guard('viewer'),
    },
    async (req): Promise<MeResult> => {
      const id = identityOf(req);
      const [tenant, user, key] = await Promise.all([
        deps.tenants.tenantById(id.tenantId),
        id.userId ? deps.tenants.findUserById(id.userId) : undefined,
        id.apiKeyId ? auth.getApiKey(id.tenantId, id.apiKeyId) : undefined,
      ]);
      return {
        user: user ? { id: user.id, email: user.email, name: user.name } : null,
        apiKey: key ? { id: key.id, name: key.name, prefix: key.prefix } : null,
        oauthClient: id.oauthClient ?? null,
        tenant: { id: tenant!.id, slug: tenant!.slug, name: tenant!.name },
        role: id.role,
      };
    },
  );

  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags: ['api-keys'],
        summary: "The organization's API keys, newest first",
        querystring: apiKeyListQuery,
        response: { 200: apiKeyPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const page = await auth.listApiKeys(identityOf(req).tenantId, req.query.limit, req.query.cursor);
      return { items: page.items.map(toItem), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key (the key and its signing secret are returned once, only here)',
        description:
          'Scopes: `pac:token` (reads the raw PAC token) adds a power; the resource scopes `clients:read`, `clients:write`, `orders:read` and `orders:write` restrict the key to the operations that declare one of them (403 `API_KEY_SCOPE_MISSING` elsewhere). A key without resource scopes reaches everything its role allows. `signingSecret` (`bsk_…`) signs requests (`Boveda-Signature`), required when the organization turns on `requireSignedRequests`.',
        body: createApiKeyBody,
        response: { 201: createdApiKey },
        errors: ['ROLE_ABOVE_OWN'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      const created = await auth.createApiKey(
        id.tenantId,
        req.body,
        { role: id.role, userId: id.userId },
        actorOf(req),
      );
      return reply
        .status(201)
        .send({ ...toItem(created), key: created.key, signingSecret: created.signingSecret });
    },
  );

  app.post(
    '/api/v1/api-keys/:id/signing-secret',
    {
      schema: {
        operationId: 'rotateApiKeySigningSecret',
        tags: ['api-keys'],
        summary: 'Give an API key a new signing secret (returned once, only here); the old one stops working',
        params: idParams,
        response: { 200: rotatedSigningSecret },
        errors: ['NOT_FOUND', 'ROLE_ABOVE_OWN'],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const id = identityOf(req);
      const rotated = await auth.rotateSigningSecret(id.tenantId, req.params.id, id.role, actorOf(req));
      return {
        id: rotated.id,
        signingSecret: rotated.signingSecret,
        signingSecretCreatedAt: rotated.signingSecretCreatedAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/v1/api-keys/:id',
    {
      schema: {
        operationId: 'getApiKey',
        tags: ['api-keys'],
        summary: 'One API key (never the key itself)',
        params: idParams,
        response: { 200: apiKeyItem },
        errors: ['NOT_FOUND'],
      },
      preHandler: guard('admin'),
    },
    async (req) => toItem(await auth.getApiKey(identityOf(req).tenantId, req.params.id)),
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['api-keys'],
        summary: 'Revoke an API key (it stops working at once)',
        params: idParams,
        response: { 204: noContent('Revoked (also when it already was)') },
        errors: ['NOT_FOUND', 'ROLE_ABOVE_OWN'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      await auth.revokeApiKey(id.tenantId, req.params.id, id.role, actorOf(req));
      return reply.status(204).send();
    },
  );
}
