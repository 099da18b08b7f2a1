import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { MissingXmlSource } from './missing-xml.js';
import { createRequestRecorder } from './request-recorder.js';
import { createRfcLock } from './rfc-lock.js';
import { withSatCallMetrics } from './sat/sat-call-metrics.js';
import { createSatGateway, createUnavailableGateway, resolveEndpoints } from './sat/sat-gateway.js';
import { registerSatDownloadWorkers, syncTaxpayerJob } from './sat-download.jobs.js';
import { createSatDownloadRepository } from './sat-download.repository.js';
import { registerSatDownloadRoutes } from './sat-download.routes.js';
import { createSatDownloadService, type TaxpayerDirectory } from './sat-download.service.js';
import { satRecurringWork } from './sat-recurring-work.js';

/**
 * The SAT's Descarga Masiva: requests, their conversation with the SAT (in jobs), the packages it
 * stores, and their recovery. Talks to taxpayers through the `TaxpayerDirectory` port.
 */
export function satDownloadModule(
  p: ModulePlatform,
  deps: {
    taxpayers: TaxpayerDirectory;
    audit?: AuditRecorder;
    /** The cfdi module's metadata rows without their CFDI (the missing-XML folio requests). */
    missingXml?: MissingXmlSource;
    /** The bundled simulator's URL when SAT_ENDPOINTS is `simulator` (demo mode, in-process). */
    simulatorUrl?: string;
    /** Backoff between transient retries (tests shorten it). */
    retryBackoffMs?: number;
  },
) {
  const { env } = p.config;
  const endpoints = resolveEndpoints(env.SAT_ENDPOINTS, deps.simulatorUrl);
  const gateway = withSatCallMetrics(
    endpoints
      ? createSatGateway({
          endpoints,
          http: {
            timeoutMs: env.SAT_HTTP_TIMEOUT_MS,
            tlsInsecure: env.SAT_TLS_INSECURE,
            backoffMs: deps.retryBackoffMs ?? 500,
          },
          cache: p.cache,
        })
      : createUnavailableGateway(
          'SAT_ENDPOINTS=simulator works only in the process that runs the bundled simulator (npm start -- --demo); give the simulator URL instead',
        ),
    p.metrics,
  );
  const satDownload = createSatDownloadService({
    repo: createSatDownloadRepository(p.db),
    recorder: createRequestRecorder({
      db: p.db,
      transaction: p.transaction,
      events: p.events,
      now: () => new Date(),
    }),
    jobs: p.jobs,
    storage: p.storage,
    taxpayers: deps.taxpayers,
    ...(deps.audit ? { audit: deps.audit } : {}),
    ...(deps.missingXml ? { missingXml: deps.missingXml } : {}),
    gateway,
    lock: createRfcLock(p.pool),
    logger: p.logger,
    verifySchedule: env.SAT_VERIFY_SCHEDULE,
    pausedSyncs: async (tenantId) =>
      new Set((await p.schedules.pausedKeys(syncTaxpayerJob.name, tenantId)).keys()),
  });
  // The sync administration's rows: one SAT sync per taxpayer (ADR 0019).
  const satSchedules = satRecurringWork({
    sat: satDownload,
    taxpayers: deps.taxpayers,
    jobs: p.jobs,
    cron: env.SAT_SYNC_CRON,
    tz: env.SAT_SYNC_TZ,
    verifySchedule: env.SAT_VERIFY_SCHEDULE,
  });
  return defineModule({
    name: 'sat-download',
    services: { satDownload, satSchedules },
    routes: (app, { guard }) => registerSatDownloadRoutes(app, { sat: satDownload, guard }),
    workers: (jobs) =>
      registerSatDownloadWorkers(jobs, satDownload, {
        cron: env.SAT_SYNC_CRON,
        tz: env.SAT_SYNC_TZ,
        syncOnStart: true,
      }),
    // cfdi.package.ingested → the outcome is recorded on the package.
    consumers: [satDownload.ingestionReportConsumer],
  });
}
