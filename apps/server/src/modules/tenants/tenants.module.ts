import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { AccessEnder } from './access.js';
import { createPeople } from './people.service.js';
import { createTenantsRepository } from './tenants.repository.js';
import { registerTenantRoutes } from './tenants.routes.js';
import { createTenantsService } from './tenants.service.js';

/** Organizations, people, memberships, invitations and password resets. */
export function tenantsModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    /**
     * What modules built later (auth, oauth) end when a person leaves, is deactivated or changes
     * password; the composition root fills it after building them.
     */
    access?: readonly AccessEnder[];
  },
) {
  const repo = createTenantsRepository(p.db);
  const tenants = createTenantsService({ repo, audit: deps.audit });
  const env = p.config.env;
  const people = createPeople({
    repo,
    audit: deps.audit,
    transaction: p.transaction,
    email: p.email,
    access: deps.access ?? [],
    // Reset links never take their host from a request (a forged Host header would send the token elsewhere).
    appUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    resetTtlMinutes: env.PASSWORD_RESET_TTL_MINUTES,
    now: () => new Date(),
  });
  return defineModule({
    name: 'tenants',
    services: { tenants, people },
    routes: (app, { guard }) =>
      registerTenantRoutes(app, {
        tenants,
        people,
        guard,
        resetRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      }),
  });
}
