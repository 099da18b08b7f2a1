import { createAuditRepository, createAuditService } from '../modules/audit/index.js';
import { createAuthRepository, createAuthService, createGuard } from '../modules/auth/index.js';
import { createTenantsRepository, createTenantsService } from '../modules/tenants/index.js';
import type { Db } from '../platform/db/client.js';

/** Repositories and services of every module, wired once. */
export function createServices(db: Db, opts: { sessionTtlHours: number }) {
  const audit = createAuditService(createAuditRepository(db));
  const tenants = createTenantsService({ repo: createTenantsRepository(db), audit });
  const auth = createAuthService({
    repo: createAuthRepository(db),
    tenants,
    audit,
    sessionTtlHours: opts.sessionTtlHours,
  });
  const guard = createGuard(auth);
  return { audit, tenants, auth, guard };
}

export type Services = ReturnType<typeof createServices>;
