import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { createTenantsRepository } from './tenants.repository.js';
import { registerTenantRoutes } from './tenants.routes.js';
import { createTenantsService } from './tenants.service.js';

/** Organizations, people, memberships and invitations. */
export function tenantsModule(p: ModulePlatform, deps: { audit: AuditRecorder }) {
  const tenants = createTenantsService({ repo: createTenantsRepository(p.db), audit: deps.audit });
  return defineModule({
    name: 'tenants',
    services: { tenants },
    routes: (app, { guard }) => registerTenantRoutes(app, { tenants, guard }),
  });
}
