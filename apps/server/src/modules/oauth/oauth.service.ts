import { mayActOnRole, type Role, roleAtLeast } from '@boveda/contracts';
import OAuth2Server from '@node-oauth/oauth2-server';
import { appError } from '../../platform/errors/app-error.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/http/cursors.js';
import type { BearerTokenResolver, RequestIdentity } from '../../platform/http/identity.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { TenantsService } from '../tenants/index.js';
import { oauthErrors } from './oauth.errors.js';
import { createOAuthModel, grantScopes, grantsOf, roleOfScopes } from './oauth.model.js';
import type { OAuthClientRow, OAuthRepository } from './oauth.repository.js';
import { ACCESS_TOKEN_PREFIX, generateClientId, generateClientSecret, sha256 } from './oauth.tokens.js';

// last_used_at is written at most this often per client, not on every request.
const TOUCH_EVERY_MS = 60_000;

const lower = (a: Role, b: Role): Role => (roleAtLeast(a, b) ? b : a);

export function createOAuthService(deps: {
  repo: OAuthRepository;
  tenants: TenantsService;
  audit: AuditRecorder;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  codeTtlSeconds: number;
  now?: () => Date;
}) {
  const { repo, tenants, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const membershipRole = async (tenantId: string, userId: string) => {
    const [user, membership] = await Promise.all([
      tenants.findUserById(userId),
      tenants.membership(tenantId, userId),
    ]);
    return user && !user.disabledAt && membership ? membership.role : null;
  };
  const model = createOAuthModel({ repo, membershipRole, now });
  const server = new OAuth2Server({
    model: model as unknown as OAuth2Server.ServerOptions['model'],
    accessTokenLifetime: deps.accessTokenTtlSeconds,
    refreshTokenLifetime: deps.refreshTokenTtlSeconds,
    authorizationCodeLifetime: deps.codeTtlSeconds,
    // Public clients refresh with their client_id alone (their refresh tokens are rotated).
    requireClientAuthentication: { refresh_token: false },
    alwaysIssueNewRefreshToken: true,
    allowEmptyState: true,
  });

  const withCreators = async (rows: OAuthClientRow[]) => {
    const ids = [...new Set(rows.map((r) => r.createdByUserId).filter((id): id is string => !!id))];
    const creators = new Map((await tenants.findUsersByIds(ids)).map((u) => [u.id, u]));
    return rows.map((row) => ({
      ...row,
      grants: grantsOf(row),
      createdBy: row.createdByUserId ? (creators.get(row.createdByUserId) ?? null) : null,
    }));
  };

  async function getClient(tenantId: string, id: string) {
    const row = await repo.getClient(tenantId, id);
    if (!row) throw oauthErrors('OAUTH_CLIENT_NOT_FOUND');
    const [withCreator] = await withCreators([row]);
    return withCreator!;
  }

  /** The client an authorization request names, checked: live, with that redirect URI, and the scopes it may grant. */
  async function checkAuthorizationRequest(
    q: { client_id: string; redirect_uri: string; scope?: string | undefined },
    person: { userId: string; tenantId: string },
  ) {
    const client = await repo.findClientByClientId(q.client_id);
    if (!client || client.revokedAt || client.tenantId !== person.tenantId)
      throw oauthErrors('OAUTH_CLIENT_NOT_FOUND');
    if (!client.redirectUris.includes(q.redirect_uri))
      throw oauthErrors('OAUTH_REQUEST_INVALID', 'The redirect_uri is not one of the application’s.');
    const role = await membershipRole(client.tenantId, person.userId);
    if (!role) throw appError('FORBIDDEN', 'You are not a member of this organization.');
    const scopes = grantScopes(q.scope?.split(' '), lower(role, client.role));
    if (!scopes)
      throw oauthErrors(
        'OAUTH_REQUEST_INVALID',
        'The scope is unknown or above your role or the application’s.',
      );
    return { client, role, scopes };
  }

  /** Access tokens (`bov_at_…`) → the identity the guard sets, like an API key's. */
  const tokenResolver: BearerTokenResolver = {
    accepts: (token) => token.startsWith(ACCESS_TOKEN_PREFIX),
    async resolve(token): Promise<RequestIdentity | null> {
      const at = now();
      const row = await repo.findLiveAccessToken(sha256(token), at);
      if (!row) return null;
      const client = await repo.findClientById(row.clientId);
      if (!client || client.revokedAt) return null;
      const scopeRole = roleOfScopes(row.scopes);
      if (!scopeRole) return null;
      if (!client.lastUsedAt || at.getTime() - client.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await repo.touchClient(client.id, at);
      if (!row.userId) {
        return {
          tenantId: row.tenantId,
          role: lower(scopeRole, client.role),
          actor: { type: 'oauth_client', id: client.id, label: `${client.name} (OAuth ${client.clientId})` },
          userId: null,
          apiKeyId: null,
          sessionId: null,
          oauthClient: { id: client.id, name: client.name, clientId: client.clientId },
        };
      }
      // Acting for a person: never above their role today, and nothing once they left.
      const [user, membership] = await Promise.all([
        tenants.findUserById(row.userId),
        tenants.membership(row.tenantId, row.userId),
      ]);
      if (!user || user.disabledAt || !membership) return null;
      return {
        tenantId: row.tenantId,
        role: lower(lower(scopeRole, membership.role), client.role),
        actor: { type: 'user', id: user.id, label: `${user.email} vía ${client.name}` },
        userId: user.id,
        apiKeyId: null,
        sessionId: null,
        oauthClient: { id: client.id, name: client.name, clientId: client.clientId },
      };
    },
  };

  return {
    /** The OAuth 2.0 server (grants and the authorize step) over our model. */
    server,
    model,
    tokenResolver,

    async createClient(
      tenantId: string,
      input: { name: string; role: Role; type?: 'confidential' | 'public'; redirectUris?: string[] },
      creator: { role: Role; userId: string | null },
      actor: Actor,
    ) {
      if (!mayActOnRole(creator.role, input.role)) {
        throw appError('ROLE_ABOVE_OWN', `You cannot create an application with the ${input.role} role.`);
      }
      const type = input.type ?? 'confidential';
      const redirectUris = [...new Set(input.redirectUris ?? [])];
      if (type === 'public' && redirectUris.length === 0) throw oauthErrors('OAUTH_CLIENT_INVALID');
      const secret = type === 'confidential' ? generateClientSecret() : null;
      const row = await repo.insertClient({
        tenantId,
        name: input.name.trim(),
        clientId: generateClientId(),
        secretHash: secret ? sha256(secret) : null,
        role: input.role,
        type,
        redirectUris,
        createdByUserId: creator.userId,
      });
      await audit.record({
        tenantId,
        actor,
        action: 'oauth_client.created',
        target: { type: 'oauth_client', id: row.id },
        metadata: { name: row.name, role: row.role, type, clientId: row.clientId },
      });
      const [withCreator] = await withCreators([row]);
      return { ...withCreator!, clientSecret: secret };
    },

    async listClients(tenantId: string, limit: number, cursor?: string) {
      const after = cursor ? decodeTimeIdCursor(cursor) : undefined;
      const rows = await repo.listClients(tenantId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: await withCreators(page),
        nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null,
      };
    },

    getClient,

    async updateClient(
      tenantId: string,
      id: string,
      input: { name?: string | undefined; redirectUris?: string[] | undefined },
      actorRole: Role,
      actor: Actor,
    ) {
      const row = await getClient(tenantId, id);
      if (!mayActOnRole(actorRole, row.role))
        throw appError('ROLE_ABOVE_OWN', `Only an ${row.role} can change an application with that role.`);
      if (row.revokedAt) throw appError('CONFLICT', 'The application was revoked.');
      const redirectUris = input.redirectUris ? [...new Set(input.redirectUris)] : undefined;
      if (row.type === 'public' && redirectUris?.length === 0) throw oauthErrors('OAUTH_CLIENT_INVALID');
      await repo.updateClient(tenantId, id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(redirectUris ? { redirectUris } : {}),
      });
      await audit.record({
        tenantId,
        actor,
        action: 'oauth_client.updated',
        target: { type: 'oauth_client', id },
        metadata: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(redirectUris ? { redirectUris } : {}),
        },
      });
      return getClient(tenantId, id);
    },

    /** Revokes the client and every token it was given; they stop working on the next request. */
    async revokeClient(tenantId: string, id: string, actorRole: Role, actor: Actor) {
      const row = await getClient(tenantId, id);
      if (!mayActOnRole(actorRole, row.role))
        throw appError('ROLE_ABOVE_OWN', `Only an ${row.role} can revoke an application with that role.`);
      if (await repo.revokeClient(tenantId, id, now())) {
        await audit.record({
          tenantId,
          actor,
          action: 'oauth_client.revoked',
          target: { type: 'oauth_client', id },
        });
      }
    },

    /** What the consent page shows, after checking the request. */
    async consentInfo(
      q: { client_id: string; redirect_uri: string; scope?: string | undefined },
      person: { userId: string; tenantId: string },
    ) {
      const { client, role, scopes } = await checkAuthorizationRequest(q, person);
      const tenant = await tenants.tenantById(client.tenantId);
      return {
        client: { name: client.name, clientId: client.clientId },
        organization: { slug: tenant!.slug, name: tenant!.name },
        scopes,
        role: lower(roleOfScopes(scopes) ?? 'viewer', role),
      };
    },

    checkAuthorizationRequest,
    membershipRole,

    async recordConsent(
      tenantId: string,
      clientRowId: string,
      decision: 'granted' | 'denied',
      scopes: string[],
      actor: Actor,
    ) {
      await audit.record({
        tenantId,
        actor,
        action: decision === 'granted' ? 'oauth.consent.granted' : 'oauth.consent.denied',
        target: { type: 'oauth_client', id: clientRowId },
        metadata: { scopes },
      });
    },

    /** RFC 7009: revoke a token the authenticated client holds; unknown tokens are not an error. */
    async revokeToken(client: { id: string }, token: string) {
      const hash = sha256(token);
      const row = (await repo.findByRefreshHash(hash)) ?? (await repo.findByAccessHash(hash));
      if (!row || row.clientId !== client.id) return;
      // A refresh token ends its whole chain; an access token only itself.
      if (row.refreshTokenHash === hash) await repo.revokeFamily(row.familyId, now());
      else await repo.revokeAccessToken(row.id, now());
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
