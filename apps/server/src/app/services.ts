import type { AuditService } from '../modules/audit/index.js';
import { createAuthRepository, createAuthService, createGuard } from '../modules/auth/index.js';
import {
  createCfdiSearchRepository,
  createCfdiSearchService,
  createCfdiSummaryRepository,
} from '../modules/cfdi/index.js';
import { createCfdiIngestion } from '../modules/cfdi/ingestion/index.js';
import { createSatDownloadModule, type SatDownloadModuleOptions } from '../modules/sat-download/index.js';
import {
  createEfirmaVault,
  createTaxpayersRepository,
  createTaxpayersService,
  type EfirmaChecks,
} from '../modules/taxpayers/index.js';
import { createTenantsRepository, createTenantsService } from '../modules/tenants/index.js';
import type { SecretBox } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/client.js';
import type { UnitOfWork } from '../platform/db/transaction.js';
import type { Events } from '../platform/events/index.js';
import type { ObjectStore } from '../platform/storage/index.js';

/** Repositories and services of every module, wired once. */
export function createServices(
  db: Db,
  opts: {
    /** Built by the root before the secret box, which records decryptions in it. */
    audit: AuditService;
    sessionTtlHours: number;
    storage: ObjectStore;
    secretBox: SecretBox;
    efirmaChecks: EfirmaChecks;
    transaction: UnitOfWork;
    events: Events;
    sat: Omit<SatDownloadModuleOptions, 'db' | 'storage' | 'taxpayers' | 'transaction' | 'events'>;
  },
) {
  const { audit } = opts;
  const tenants = createTenantsService({ repo: createTenantsRepository(db), audit });
  const auth = createAuthService({
    repo: createAuthRepository(db),
    tenants,
    audit,
    sessionTtlHours: opts.sessionTtlHours,
  });
  const guard = createGuard(auth);
  const taxpayers = createTaxpayersService({
    repo: createTaxpayersRepository(db),
    vault: createEfirmaVault({ storage: opts.storage, secretBox: opts.secretBox }),
    audit,
    checks: opts.efirmaChecks,
  });
  const cfdiIngestion = createCfdiIngestion({
    pool: opts.sat.pool,
    transaction: opts.transaction,
    events: opts.events,
    storage: opts.storage,
    jobs: opts.sat.jobs,
    logger: opts.sat.logger,
  });
  const satDownload = createSatDownloadModule({
    ...opts.sat,
    db,
    storage: opts.storage,
    taxpayers,
    transaction: opts.transaction,
    events: opts.events,
  });
  // sat.package.stored → cfdi ingests it; cfdi.package.ingested → sat-download records the outcome.
  opts.events.subscribe(cfdiIngestion.storedPackageConsumer);
  opts.events.subscribe(satDownload.ingestionReportConsumer);
  const cfdiSearch = createCfdiSearchService({
    repo: createCfdiSearchRepository(db),
    summaries: createCfdiSummaryRepository(db),
    storage: opts.storage,
    audit,
  });
  return { audit, tenants, auth, guard, taxpayers, satDownload, cfdiSearch, cfdiIngestion };
}

export type Services = ReturnType<typeof createServices>;
