import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createAuditRepository } from './audit.repository.js';
import { registerAuditRoutes } from './audit.routes.js';
import { createAuditService } from './audit.service.js';

/** The append-only audit trail: every module records into it; admins read it. */
export function auditModule(p: Pick<ModulePlatform, 'db'>) {
  const audit = createAuditService(createAuditRepository(p.db));
  return defineModule({
    name: 'audit',
    services: { audit },
    routes: (app, { guard }) => registerAuditRoutes(app, { audit, guard }),
  });
}
