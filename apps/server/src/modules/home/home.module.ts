import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { registerHomeRoutes } from './home.routes.js';
import { createHomeService, type HomeDeps } from './home.service.js';

/**
 * The start page (*Inicio*): owns no table; reads taxpayers, SAT requests and the vault through
 * their modules' services.
 */
export function homeModule(_p: ModulePlatform, deps: Omit<HomeDeps, 'now'>) {
  const home = createHomeService(deps);
  return defineModule({
    name: 'home',
    services: { home },
    routes: (app, { guard }) => registerHomeRoutes(app, { home, guard }),
  });
}
