import type { RecurringWorkSource } from '../../platform/jobs/recurring-work.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { registerSchedulesRoutes } from './schedules.routes.js';
import { createSchedulesService } from './schedules.service.js';

/**
 * The sync administration (*Sincronizaciones*): owns no table; lists the recurring work each module
 * contributes (`RecurringWorkSource` from its `index.ts`) and pauses it in `job_pauses`.
 */
export function schedulesModule(
  p: ModulePlatform,
  deps: { audit: AuditRecorder; sources: RecurringWorkSource[] },
) {
  const schedules = createSchedulesService({
    sources: deps.sources,
    schedules: p.schedules,
    audit: deps.audit,
  });
  return defineModule({
    name: 'schedules',
    services: { schedules },
    routes: (app, { guard }) => registerSchedulesRoutes(app, { schedules, guard }),
  });
}
