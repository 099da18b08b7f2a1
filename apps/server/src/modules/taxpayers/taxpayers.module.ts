import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import { createEfirmaChecks } from './efirma-checks.js';
import { createEfirmaVault } from './efirma-vault.js';
import { loadSatTrust } from './sat-trust.js';
import { registerTaxpayerWorkers } from './taxpayers.jobs.js';
import { createTaxpayersRepository } from './taxpayers.repository.js';
import { registerTaxpayerRoutes } from './taxpayers.routes.js';
import { createTaxpayersService } from './taxpayers.service.js';

/** The firm's clients and their e.firma (validated, stored encrypted, announced before it expires). */
export function taxpayersModule(p: ModulePlatform, deps: { audit: AuditRecorder; quotas: Quotas }) {
  const taxpayers = createTaxpayersService({
    db: p.db,
    transaction: p.transaction,
    events: p.events,
    vault: createEfirmaVault({ storage: p.storage, secretBox: p.secretBox }),
    audit: deps.audit,
    quotas: deps.quotas,
    checks: createEfirmaChecks({
      trust: loadSatTrust({
        trustTestCa: p.config.satTrustTestCa,
        extraCaFiles: p.config.env.SAT_EXTRA_CA_FILES,
      }),
    }),
  });
  const counts = createTaxpayersRepository(p.db);
  deps.quotas.countWith('taxpayers', (tenantId) => counts.countActive(tenantId));
  return defineModule({
    name: 'taxpayers',
    services: { taxpayers },
    routes: (app, { guard }) => registerTaxpayerRoutes(app, { taxpayers, guard }),
    workers: (jobs) => registerTaxpayerWorkers(jobs, taxpayers, { tz: p.config.env.SAT_SYNC_TZ }),
  });
}
