import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { AccessEnder, TenantsService } from '../tenants/index.js';
import { registerOAuthProtocolRoutes } from './oauth.protocol-routes.js';
import { createOAuthRepository } from './oauth.repository.js';
import { registerOAuthClientRoutes } from './oauth.routes.js';
import { createOAuthService } from './oauth.service.js';

/**
 * OAuth 2.0 for the public API: applications per organization, the token, authorize and revoke
 * endpoints, and the resolver the auth guard calls for `bov_at_…` bearer tokens. Built before
 * `auth` (which takes `oauthTokens`); its routes get the guard when they are plugged in.
 */
export function oauthModule(p: ModulePlatform, deps: { audit: AuditRecorder; tenants: TenantsService }) {
  const oauth = createOAuthService({
    repo: createOAuthRepository(p.db),
    tenants: deps.tenants,
    audit: deps.audit,
    accessTokenTtlSeconds: p.config.env.OAUTH_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: p.config.env.OAUTH_REFRESH_TOKEN_TTL_SECONDS,
    codeTtlSeconds: p.config.env.OAUTH_CODE_TTL_SECONDS,
  });
  // A person removed from or deactivated in an organization: the tokens apps hold for them end.
  const oauthAccess: AccessEnder = {
    endMembership: async (tx, tenantId, userId) => ({
      oauthTokens: await createOAuthRepository(tx.db).revokeTokensOfUser(tenantId, userId, new Date()),
    }),
  };
  return defineModule({
    name: 'oauth',
    services: { oauth, oauthTokens: oauth.tokenResolver, oauthAccess },
    routes: (app, { guard }) => {
      registerOAuthClientRoutes(app, { oauth, guard });
      registerOAuthProtocolRoutes(app, { oauth, guard, publicUrl: p.config.env.PUBLIC_URL });
    },
  });
}
