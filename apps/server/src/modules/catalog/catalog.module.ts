import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { createCatalogService } from './catalog.service.js';

/** The organization's accounting catalogue: expense categories and accounting accounts. */
export function catalogModule(p: ModulePlatform, deps: { audit: AuditRecorder }) {
  const catalog = createCatalogService({ db: p.db, transaction: p.transaction, audit: deps.audit });
  return defineModule({
    name: 'catalog',
    services: { catalog },
    routes: (app, { guard }) => registerCatalogRoutes(app, { catalog, guard }),
  });
}
