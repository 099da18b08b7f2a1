import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { TaxpayersService } from '../taxpayers/index.js';
import { createCfdiDownloadService } from './cfdi.downloads.service.js';
import { createCfdiParseService } from './cfdi.parse.service.js';
import { registerCfdiRoutes } from './cfdi.routes.js';
import { createCfdiSearchRepository } from './cfdi.search.repository.js';
import { createCfdiSearchService } from './cfdi.search.service.js';
import { createCfdiSummaryRepository } from './cfdi.summary.repository.js';
import { createCfdiIngestion } from './ingestion/index.js';
import { createSatStatusClient } from './sat-status/index.js';

/**
 * CFDI and metadata: ingestion of stored packages, search, summaries and exports; and what the SAT says
 * about a CFDI (`satStatus`, the ConsultaCFDIService client, at SAT_ENDPOINTS like the Descarga Masiva).
 */
export function cfdiModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    /** The organization's taxpayers: the CFDI detail says which of them a document belongs to. */
    taxpayers: Pick<TaxpayersService, 'listTaxpayers'>;
    /** The bundled simulator's URL when SAT_ENDPOINTS is `simulator` (demo mode, in-process). */
    simulatorUrl?: string;
  },
) {
  const cfdiIngestion = createCfdiIngestion({
    pool: p.pool,
    transaction: p.transaction,
    events: p.events,
    storage: p.storage,
    jobs: p.jobs,
    logger: p.logger,
    metrics: p.metrics,
  });
  const searchRepo = createCfdiSearchRepository(p.db);
  const cfdiSearch = createCfdiSearchService({
    repo: searchRepo,
    summaries: createCfdiSummaryRepository(p.db),
    storage: p.storage,
    audit: deps.audit,
    // Removed taxpayers included: their CFDI stay in the vault and still belong to them.
    ownRfcs: async (tenantId) =>
      new Set((await deps.taxpayers.listTaxpayers(tenantId, { includeRemoved: true })).map((t) => t.rfc)),
  });
  const cfdiDownloads = createCfdiDownloadService({
    repo: searchRepo,
    storage: p.storage,
    audit: deps.audit,
    limits: {
      zipMaxDocuments: p.config.env.CFDI_ZIP_MAX_DOCUMENTS,
      zipMaxPdf: p.config.env.CFDI_ZIP_MAX_PDF,
    },
  });
  const cfdiParse = createCfdiParseService();
  const satStatus = createSatStatusClient({
    satEndpoints: p.config.env.SAT_ENDPOINTS,
    ...(deps.simulatorUrl ? { simulatorUrl: deps.simulatorUrl } : {}),
    timeoutMs: p.config.env.SAT_HTTP_TIMEOUT_MS,
  });
  return defineModule({
    name: 'cfdi',
    services: { cfdiSearch, cfdiIngestion, satStatus },
    routes: (app, { guard }) => registerCfdiRoutes(app, { cfdiSearch, cfdiDownloads, cfdiParse, guard }),
    workers: () => cfdiIngestion.registerWorker(),
    // sat.package.stored → the package is queued for ingestion.
    consumers: [cfdiIngestion.storedPackageConsumer],
  });
}
