import { roles } from '@boveda/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { TenantsService } from '../tenants/index.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import type { AuthService } from './auth.service.js';

const role = z.enum(roles);
const apiKeyItem = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), email: z.string() }).nullable(),
});
const idParams = z.object({ id: z.uuid() });
const sessionResult = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  role,
});

type KeyRow = Awaited<ReturnType<AuthService['getApiKey']>>;
const toItem = (k: KeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  createdBy: k.createdBy,
});

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
        body: z.object({
          email: z.email().max(320),
          password: z.string().min(1).max(1024),
          tenant: z.string().max(64).optional(),
        }),
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
      return { user: result.user, tenant: result.tenant, role: result.role };
    },
  );

  app.post(
    '/api/v1/auth/switch',
    {
      schema: {
        operationId: 'switchOrganization',
        tags: ['auth'],
        summary: 'Move the web session to another of your organizations (new session and CSRF cookies)',
        body: z.object({ tenant: z.string().min(1).max(64) }),
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
      return { user: result.user, tenant: result.tenant, role: result.role };
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
        summary: 'Who is calling: the user or API key, its organization and role',
        response: {
          200: z.object({
            user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }).nullable(),
            apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string() }).nullable(),
            tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
            role,
          }),
        },
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const id = identityOf(req);
      const [tenant, user, key] = await Promise.all([
        deps.tenants.tenantById(id.tenantId),
        id.userId ? deps.tenants.findUserById(id.userId) : undefined,
        id.apiKeyId ? auth.getApiKey(id.tenantId, id.apiKeyId) : undefined,
      ]);
      return {
        user: user ? { id: user.id, email: user.email, name: user.name } : null,
        apiKey: key ? { id: key.id, name: key.name, prefix: key.prefix } : null,
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
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ items: z.array(apiKeyItem), nextCursor: z.string().nullable() }) },
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
        summary: 'Create an API key (the key is returned once, only here)',
        body: z.object({ name: z.string().trim().min(1).max(100), role }),
        response: { 201: apiKeyItem.extend({ key: z.string() }) },
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
      return reply.status(201).send({ ...toItem(created), key: created.key });
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
