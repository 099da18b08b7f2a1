import type pg from 'pg';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import { createRequestRecorder } from './request-recorder.js';
import { createRfcLock } from './rfc-lock.js';
import { createSatGateway, createUnavailableGateway, resolveEndpoints } from './sat/sat-gateway.js';
import { createSatDownloadRepository } from './sat-download.repository.js';
import { createSatDownloadService, type TaxpayerDirectory } from './sat-download.service.js';

export { SatCallError } from './sat/sat-gateway.js';
export { SatTransportError, SatWebClient } from './sat/sat-web-client.js';
export { registerSatDownloadWorkers } from './sat-download.jobs.js';
export { registerSatDownloadRoutes } from './sat-download.routes.js';
export type { SatDownloadService, TaxpayerDirectory } from './sat-download.service.js';

export interface SatDownloadModuleOptions {
  db: Db;
  pool: pg.Pool;
  jobs: Jobs;
  cache: Cache;
  storage: ObjectStore;
  taxpayers: TaxpayerDirectory;
  logger: Logger;
  /** `production`, `simulator` or a base URL (SAT_ENDPOINTS). */
  endpoints: string;
  /** The running simulator's URL when endpoints is `simulator`. */
  simulatorUrl?: string;
  httpTimeoutMs: number;
  tlsInsecure: boolean;
  /** Backoff between transient retries (tests shorten it). */
  retryBackoffMs?: number;
  transaction: UnitOfWork;
  events: Events;
}

/** Builds the SAT download service from the app's adapters (the composition root calls this). */
export function createSatDownloadModule(o: SatDownloadModuleOptions) {
  const endpoints = resolveEndpoints(o.endpoints, o.simulatorUrl);
  const gateway = endpoints
    ? createSatGateway({
        endpoints,
        http: { timeoutMs: o.httpTimeoutMs, tlsInsecure: o.tlsInsecure, backoffMs: o.retryBackoffMs ?? 500 },
        cache: o.cache,
      })
    : createUnavailableGateway(
        'SAT_ENDPOINTS=simulator works only in the process that runs the bundled simulator (npm start -- --demo); give the simulator URL instead',
      );
  return createSatDownloadService({
    repo: createSatDownloadRepository(o.db),
    recorder: createRequestRecorder({
      db: o.db,
      transaction: o.transaction,
      events: o.events,
      now: () => new Date(),
    }),
    jobs: o.jobs,
    storage: o.storage,
    taxpayers: o.taxpayers,
    gateway,
    lock: createRfcLock(o.pool),
    logger: o.logger,
  });
}
