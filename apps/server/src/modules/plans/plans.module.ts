import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { TenantsService } from '../tenants/index.js';
import { registerPlansRoutes } from './plans.routes.js';
import { createPlansService } from './plans.service.js';
import { createQuotaAlerts } from './quota-alerts.js';
import { createQuotas } from './quotas.js';

/**
 * Plans and quotas for an operator who hosts many organizations: the plans, who is on which, and
 * the monthly usage counters. Other modules meter through `quotas` (from this index.ts): the inbox
 * (documents, OCR pages), the ai module (LLM tokens), taxpayers, connectors and webhooks (counts);
 * the HTTP layer reads the per-minute API limit. No plan assigned: no limits.
 */
export function plansModule(p: ModulePlatform, deps: { audit: AuditRecorder; tenants: TenantsService }) {
  const alerts = createQuotaAlerts({
    email: p.email,
    tenants: deps.tenants,
    publicUrl: p.config.env.PUBLIC_URL,
  });
  const quotas = createQuotas({
    db: p.db,
    pool: p.pool,
    transaction: p.transaction,
    alerts,
    logger: p.logger,
  });
  const plans = createPlansService({ db: p.db, quotas, audit: deps.audit, tenants: deps.tenants });
  return defineModule({
    name: 'plans',
    services: { plans, quotas },
    routes: (app, { guard }) =>
      registerPlansRoutes(app, { plans, quotas, guard, operatorToken: p.config.env.OPERATOR_TOKEN }),
  });
}
