import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createOutboundClient } from '../../platform/outbound/index.js';
import type { AiGateway, LlmProvider } from '../ai/index.js';
import type { CfdiIngestion, CfdiSearchService, SatStatusClient } from '../cfdi/index.js';
import type { Quotas } from '../plans/index.js';
import type { TaxpayersService } from '../taxpayers/index.js';
import { createExtractionStep } from './extraction-step.js';
import { createInvoiceExtractor } from './extractor.js';
import { registerInboxWorkers } from './inbox.jobs.js';
import type { CatalogCodesPort, OwnRfcsPort, VaultPort } from './inbox.ports.js';
import { registerInboxRoutes } from './inbox.routes.js';
import { createInboxService } from './inbox.service.js';
import { createLlmClient, createLlmStep } from './llm/index.js';
import { createPromptTrialDocuments } from './llm/trial.js';
import { createSatStatusCheck } from './sat-status-check.js';
import { createVaultRegistration } from './vault-registration.js';

/** The invoice inbox: uploads read in the background, validated by a person. */
export function inboxModule(
  p: ModulePlatform,
  deps: {
    cfdiSearch: CfdiSearchService;
    cfdiIngestion: CfdiIngestion;
    satStatus: SatStatusClient;
    taxpayers: TaxpayersService;
    /** The organization's AI settings (ai module), which fall back to INBOX_LLM_*. */
    ai: AiGateway;
    /** The accounting catalogue: a category or account chosen on an invoice must be an active code. */
    catalog: CatalogCodesPort;
    /** The organization's plan: documents and OCR pages per month. */
    quotas: Quotas;
  },
) {
  const env = p.config.env;
  // The OCR pool starts on the first scanned page a worker reads, never in an api-only process.
  const extractor = createInvoiceExtractor({
    ocrWorkers: env.INBOX_OCR_WORKERS,
    onOcrPage: ({ ok, seconds }) => {
      const outcome = ok ? 'ok' : 'failed';
      p.metrics.ocrPages.inc({ outcome });
      p.metrics.ocrPageDuration.observe({ outcome }, seconds);
    },
  });
  const vault: VaultPort = {
    async xmlOf(tenantId, uuid) {
      try {
        const body = await deps.cfdiSearch.originalXml(tenantId, uuid);
        if (Buffer.isBuffer(body)) return body;
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
        return Buffer.concat(chunks);
      } catch (err) {
        // Not in the vault (or only its metadata): the inbox reads the file instead.
        if (isCode(err, 'CFDI_NOT_FOUND') || isCode(err, 'CFDI_XML_UNAVAILABLE')) return null;
        throw err;
      }
    },
    register: (req) => deps.cfdiIngestion.registerDocument(req),
  };
  const ownRfcs: OwnRfcsPort = {
    ownRfcs: async (tenantId) => new Set((await deps.taxpayers.listTaxpayers(tenantId)).map((t) => t.rfc)),
  };
  // Off unless the organization's AI settings (or INBOX_LLM_* for the instance) turn it on: then
  // document text leaves the server for that URL, through the outbound guard (a local Ollama on
  // 127.0.0.1 needs OUTBOUND_ALLOWED_HOSTS or _ALLOW_PRIVATE).
  const outbound = createOutboundClient({
    allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
    allowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    timeoutMs: env.INBOX_LLM_TIMEOUT_MS,
    maxBytes: env.OUTBOUND_MAX_BYTES,
    userAgent: 'Boveda/0.1',
  });
  const clientFor = (provider: LlmProvider) =>
    createLlmClient({
      outbound,
      baseUrl: provider.baseUrl,
      model: provider.model,
      apiKey: provider.apiKey,
      timeoutMs: provider.timeoutMs,
    });
  const llm = createLlmStep({ logger: p.logger, gateway: deps.ai, clientFor });
  // The ai module's prompt trials read documents here (its job calls `run`, a worker's extraction).
  const promptTrialDocuments = createPromptTrialDocuments({
    db: p.db,
    storage: p.storage,
    extractor,
    gateway: deps.ai,
    clientFor,
    logger: p.logger,
    quotas: deps.quotas,
  });
  const inbox = createInboxService({
    db: p.db,
    transaction: p.transaction,
    jobs: p.jobs,
    events: p.events,
    storage: p.storage,
    extractor,
    catalog: deps.catalog,
    quotas: deps.quotas,
  });
  const extraction = createExtractionStep({
    db: p.db,
    transaction: p.transaction,
    events: p.events,
    jobs: p.jobs,
    storage: p.storage,
    extractor,
    vault,
    ownRfcs,
    logger: p.logger,
    llm,
    quotas: deps.quotas,
  });
  return defineModule({
    name: 'inbox',
    services: { inbox, promptTrialDocuments },
    routes: (app, { guard }) =>
      registerInboxRoutes(app, {
        inbox,
        guard,
        limits: { maxFileBytes: env.INBOX_MAX_FILE_BYTES, maxFiles: env.INBOX_MAX_FILES_PER_UPLOAD },
      }),
    workers: (jobs) =>
      registerInboxWorkers(jobs, {
        extraction,
        registerInVault: createVaultRegistration({ db: p.db, storage: p.storage, vault }),
        checkSatStatus: createSatStatusCheck({
          db: p.db,
          transaction: p.transaction,
          events: p.events,
          satStatus: deps.satStatus,
        }),
        concurrency: env.INBOX_OCR_WORKERS,
        processing: () => inbox.repo.processingRefs(),
      }),
    close: async () => extractor.close?.(),
  });
}

const isCode = (err: unknown, code: string) =>
  !!err && typeof err === 'object' && 'code' in err && (err as { code: unknown }).code === code;
