import { jobWorker } from '../../platform/jobs/jobs.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { CfdiIngestion } from '../cfdi/index.js';
import type { TaxpayersService } from '../taxpayers/index.js';
import { createFacturifyAccounts } from './facturify/facturify-accounts.js';
import { facturifyProvider } from './facturify/facturify-provider.js';
import { createStamping } from './invoicing/stamping.js';
import { pacJobs } from './pac.jobs.js';
import { registerPacRoutes } from './pac.routes.js';
import { createPacService } from './pac.service.js';
import { registerPacInvoiceRoutes } from './pac-invoices.routes.js';
import { createPacInvoicesService } from './pac-invoices.service.js';

/** The PAC (Facturify): accounts, the shared token, stamping and cancelling CFDI. */
export function pacModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    taxpayers: Pick<TaxpayersService, 'getTaxpayer'>;
    cfdiIngestion: Pick<CfdiIngestion, 'registerDocument'>;
  },
) {
  const env = p.config.env;
  const accounts = createFacturifyAccounts({
    cache: p.cache,
    logger: p.logger,
    timeoutMs: env.FACTURIFY_TIMEOUT * 1000,
    options: {
      bufferMs: env.FACTURIFY_TOKEN_REFRESH_BUFFER * 1000,
      hardMarginMs: 5_000,
      lockTtlMs: 15_000,
      breakerMs: env.FACTURIFY_BREAKER_SECONDS * 1000,
      attempts: env.FACTURIFY_MAX_RETRIES,
      backoffBaseMs: env.FACTURIFY_RETRY_BASE_MS,
      backoffFactor: env.FACTURIFY_RETRY_BACKOFF,
      backoffCapMs: 10_000,
    },
  });
  const pac = createPacService({
    db: p.db,
    secretBox: p.secretBox,
    audit: deps.audit,
    accounts,
    urls: { sandbox: env.FACTURIFY_SANDBOX_URL, production: env.FACTURIFY_PRODUCTION_URL },
    instance: {
      baseUrl: env.FACTURIFY_BASE_URL,
      apiKey: env.FACTURIFY_API_KEY,
      apiSecret: env.FACTURIFY_API_SECRET,
    },
  });
  const jobDefs = pacJobs(env.PAC_STATUS_CHECK_SCHEDULE, env.PAC_STAMP_RETRY_SCHEDULE);
  const invoices = createPacInvoicesService({
    db: p.db,
    transaction: p.transaction,
    jobs: p.jobs,
    jobDefs,
    storage: p.storage,
    secretBox: p.secretBox,
    audit: deps.audit,
    taxpayers: deps.taxpayers,
  });
  const stamping = createStamping({
    db: p.db,
    transaction: p.transaction,
    events: p.events,
    storage: p.storage,
    jobs: p.jobs,
    jobDefs,
    vault: deps.cfdiIngestion,
    providerFor: async (tenantId, ctx, job) =>
      facturifyProvider(await pac.accountOf(tenantId, { type: 'job', job, jobId: ctx.jobId })),
    // Facturify calls back only when this server has a public address.
    webhookUrlFor: async (tenantId) =>
      env.PUBLIC_URL
        ? `${env.PUBLIC_URL.replace(/\/$/, '')}/api/v1/pac/facturify/callback/${tenantId}/${await invoices.callbackToken(tenantId)}`
        : null,
  });
  return defineModule({
    name: 'pac',
    services: { pac, pacInvoices: invoices },
    routes: (app, { guard }) => {
      registerPacRoutes(app, { pac, guard });
      registerPacInvoiceRoutes(app, { invoices, guard });
    },
    async workers(jobs) {
      await jobs.register(
        jobWorker(jobDefs.stamp, (ref, ctx) => stamping.stamp(ref, ctx), {
          onFinalFailure: (ref, error) => stamping.giveUp(ref, error),
          concurrency: 4,
        }),
      );
      await jobs.register(
        jobWorker(jobDefs.checkStamp, (ref, ctx) => stamping.checkStamp(ref, ctx), {
          onFinalFailure: (ref, error) => stamping.giveUp(ref, error),
        }),
      );
      await jobs.register(
        jobWorker(jobDefs.cancel, (ref, ctx) => stamping.cancel(ref, ctx), {
          onFinalFailure: (ref, error) => stamping.giveUpCancellation(ref, error),
        }),
      );
      await jobs.register(
        jobWorker(jobDefs.checkCancellation, (ref, ctx) => stamping.checkCancellation(ref, ctx)),
      );
    },
    async close() {
      accounts.close();
    },
  });
}
