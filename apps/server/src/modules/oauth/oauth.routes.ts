import {
  createdOAuthClient,
  createOAuthClientBody,
  idParams,
  type OAuthClientItem,
  type OAuthConsentInfo,
  oauthClientItem,
  oauthClientListQuery,
  oauthClientPage,
  oauthConsentInfo,
  oauthConsentQuery,
  updateOAuthClientBody,
} from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { OAuthService } from './oauth.service.js';

type ClientView = Awaited<ReturnType<OAuthService['getClient']>>;
const toItem = (c: ClientView): OAuthClientItem => ({
  id: c.id,
  name: c.name,
  clientId: c.clientId,
  role: c.role,
  type: c.type,
  grants: c.grants as OAuthClientItem['grants'],
  redirectUris: c.redirectUris,
  createdAt: c.createdAt.toISOString(),
  lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  revokedAt: c.revokedAt?.toISOString() ?? null,
  createdBy: c.createdBy ? { id: c.createdBy.id, email: c.createdBy.email } : null,
});

/** `/api/v1/oauth-clients` (admin+) and the consent page's `/api/v1/oauth/consent`. */
export function registerOAuthClientRoutes(app: HttpServer, deps: { oauth: OAuthService; guard: Guard }) {
  const { oauth, guard } = deps;

  app.get(
    '/api/v1/oauth-clients',
    {
      schema: {
        operationId: 'listOAuthClients',
        tags: ['oauth'],
        summary: "The organization's OAuth applications, newest first (never their secrets)",
        querystring: oauthClientListQuery,
        response: { 200: oauthClientPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const page = await oauth.listClients(identityOf(req).tenantId, req.query.limit, req.query.cursor);
      return { items: page.items.map(toItem), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/oauth-clients',
    {
      schema: {
        operationId: 'createOAuthClient',
        tags: ['oauth'],
        summary: 'Register an OAuth application (its secret is returned once, only here)',
        body: createOAuthClientBody,
        response: { 201: createdOAuthClient },
        errors: ['ROLE_ABOVE_OWN', 'OAUTH_CLIENT_INVALID'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      const created = await oauth.createClient(
        id.tenantId,
        req.body,
        { role: id.role, userId: id.userId },
        actorOf(req),
      );
      return reply.status(201).send({ ...toItem(created), clientSecret: created.clientSecret });
    },
  );

  app.get(
    '/api/v1/oauth-clients/:id',
    {
      schema: {
        operationId: 'getOAuthClient',
        tags: ['oauth'],
        summary: 'One OAuth application (never its secret)',
        params: idParams,
        response: { 200: oauthClientItem },
        errors: ['OAUTH_CLIENT_NOT_FOUND'],
      },
      preHandler: guard('admin'),
    },
    async (req) => toItem(await oauth.getClient(identityOf(req).tenantId, req.params.id)),
  );

  app.patch(
    '/api/v1/oauth-clients/:id',
    {
      schema: {
        operationId: 'updateOAuthClient',
        tags: ['oauth'],
        summary: 'Rename an OAuth application or change its redirect URIs',
        params: idParams,
        body: updateOAuthClientBody,
        response: { 200: oauthClientItem },
        errors: ['OAUTH_CLIENT_NOT_FOUND', 'OAUTH_CLIENT_INVALID', 'ROLE_ABOVE_OWN', 'CONFLICT'],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const id = identityOf(req);
      return toItem(await oauth.updateClient(id.tenantId, req.params.id, req.body, id.role, actorOf(req)));
    },
  );

  app.delete(
    '/api/v1/oauth-clients/:id',
    {
      schema: {
        operationId: 'revokeOAuthClient',
        tags: ['oauth'],
        summary: 'Revoke an OAuth application: it and every token it holds stop working at once',
        params: idParams,
        response: { 204: noContent('Revoked (also when it already was)') },
        errors: ['OAUTH_CLIENT_NOT_FOUND', 'ROLE_ABOVE_OWN'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      await oauth.revokeClient(id.tenantId, req.params.id, id.role, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/oauth/consent',
    {
      schema: {
        operationId: 'getOAuthConsent',
        tags: ['oauth'],
        summary: 'What the consent page shows for an authorization request (signed-in people only)',
        querystring: oauthConsentQuery,
        response: { 200: oauthConsentInfo },
        errors: ['OAUTH_CLIENT_NOT_FOUND', 'OAUTH_REQUEST_INVALID'],
      },
      preHandler: guard('viewer'),
    },
    async (req): Promise<OAuthConsentInfo> => {
      const id = identityOf(req);
      if (!id.userId || !id.sessionId) throw appError('FORBIDDEN', 'Only a signed-in person can consent.');
      return oauth.consentInfo(req.query, { userId: id.userId, tenantId: id.tenantId });
    },
  );
}
