import type { BearerTokenResolver } from '../../platform/http/identity.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { AccessEnder, TenantsService } from '../tenants/index.js';
import { createGuard } from './auth.guard.js';
import { createAuthRepository } from './auth.repository.js';
import { registerAuthRoutes } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { createRequestSignatureVerifier } from './request-signature.js';

/** Sign-in, sessions, API keys, and the guard every other module's routes use. */
export function authModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    tenants: TenantsService;
    /** Other bearer tokens the guard accepts (OAuth access tokens), resolved by their module. */
    bearerTokens?: readonly BearerTokenResolver[];
  },
) {
  const auth = createAuthService({
    repo: createAuthRepository(p.db),
    tenants: deps.tenants,
    audit: deps.audit,
    secretBox: p.secretBox,
    sessionTtlHours: p.config.env.SESSION_TTL_HOURS,
  });
  const signatures = createRequestSignatureVerifier({
    cache: p.cache,
    secretBox: p.secretBox,
    requiresSignedRequests: async (tenantId) => (await deps.tenants.settings(tenantId)).requireSignedRequests,
  });
  const guard = createGuard(auth, deps.bearerTokens ?? [], signatures);
  // People management (tenants) ends what a person holds here, in the transaction of its change.
  const authAccess: AccessEnder = {
    endMembership: async (tx, tenantId, userId) => {
      const repo = createAuthRepository(tx.db);
      const at = new Date();
      return {
        sessions: await repo.revokeSessionsOf(userId, { tenantId, keep: null }, at),
        apiKeys: await repo.revokeApiKeysCreatedBy(tenantId, userId, at),
      };
    },
    endSessions: async (tx, userId, keepSessionId) => ({
      sessions: await createAuthRepository(tx.db).revokeSessionsOf(
        userId,
        { tenantId: null, keep: keepSessionId },
        new Date(),
      ),
    }),
  };
  return defineModule({
    name: 'auth',
    services: { auth, guard, authAccess },
    routes: (app) =>
      registerAuthRoutes(app, {
        auth,
        tenants: deps.tenants,
        guard,
        secureCookies: p.config.env.PUBLIC_URL?.startsWith('https://') ?? false,
        loginRateLimitPerMinute: p.config.env.LOGIN_RATE_LIMIT_PER_MINUTE,
      }),
  });
}
