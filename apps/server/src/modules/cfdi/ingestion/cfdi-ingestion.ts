import { cfdiPackageIngested, type SatPackageStored, satPackageStored } from '@boveda/contracts';
import type pg from 'pg';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import type { EventConsumer, Events } from '../../../platform/events/index.js';
import { type Jobs, jobWorker } from '../../../platform/jobs/jobs.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { Metrics } from '../../../platform/metrics/index.js';
import {
  InvalidObjectKeyError,
  ObjectNotFoundError,
  type ObjectStore,
} from '../../../platform/storage/index.js';
import { createCfdiRepository, type IngestionCounts } from '../cfdi.repository.js';
import { isCfdiParseError } from '../parsing/index.js';
import { type CfdiIngestTuning, DEFAULT_CFDI_TUNING, ingestCfdiZip } from './ingest-cfdi-package.js';
import {
  DEFAULT_METADATA_TUNING,
  ingestMetadataZip,
  type MetadataIngestTuning,
} from './ingest-metadata-package.js';
import { type IngestPackageRequest, ingestPackageJob } from './ingestion.job.js';
import { IngestionReport } from './ingestion-report.js';
import { downloadPackage } from './package-file.js';
import { type RegisterDocumentRequest, registerDocument } from './register-document.js';

export interface CfdiIngestionOptions {
  pool: pg.Pool;
  transaction: UnitOfWork;
  events: Events;
  storage: ObjectStore;
  jobs: Jobs;
  logger: Logger;
  cfdi?: Partial<CfdiIngestTuning>;
  metadata?: Partial<MetadataIngestTuning>;
  /** Where packages are staged while read (default: the OS temp dir). */
  tempDir?: string;
  /** `boveda_cfdi_ingested_total`: rows read, by kind and outcome. */
  metrics?: Pick<Metrics, 'cfdiIngested'>;
}

export interface IngestionResult extends IngestionCounts {
  ingestionId: string;
  state: 'completed' | 'failed';
  error: string | null;
  /** A failure worth retrying (database or storage trouble), as opposed to an unreadable package. */
  retryable: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Package ingestion: the job that reads a stored package, and the consumer that queues it. */
export function createCfdiIngestion(o: CfdiIngestionOptions) {
  const repo = createCfdiRepository(o.pool);
  const cfdiTuning = { ...DEFAULT_CFDI_TUNING, ...o.cfdi };
  const metadataTuning = { ...DEFAULT_METADATA_TUNING, ...o.metadata };

  const countIngested = (kind: 'cfdi' | 'metadata', counts: IngestionCounts) => {
    if (!o.metrics) return;
    const c = o.metrics.cfdiIngested;
    if (counts.stored) c.inc({ kind, outcome: 'stored' }, counts.stored);
    if (counts.duplicates) c.inc({ kind, outcome: 'duplicate' }, counts.duplicates);
    if (counts.rejected) c.inc({ kind, outcome: 'rejected' }, counts.rejected);
  };

  async function ingestPackage(req: IngestPackageRequest): Promise<IngestionResult> {
    const ingestionId = await repo.startIngestion({
      tenantId: req.tenantId,
      kind: req.kind,
      sourceObjectKey: req.objectKey,
      // The column links a sat_packages row; SAT's own package ids (`<request>_01`) are not UUIDs.
      satPackageId: req.satPackageId && UUID.test(req.satPackageId) ? req.satPackageId : null,
    });
    const report = new IngestionReport();
    let error: string | null = null;
    let retryable = false;
    try {
      const zip = await downloadPackage(o.storage, req.objectKey, o.tempDir);
      try {
        if (req.kind === 'cfdi') {
          const scope = { tenantId: req.tenantId, ingestionId, objectKey: req.objectKey };
          await ingestCfdiZip(repo, o.pool, scope, zip, cfdiTuning, report);
        } else {
          await ingestMetadataZip(repo, { tenantId: req.tenantId, ingestionId }, zip, metadataTuning, report);
        }
      } finally {
        await zip.remove();
      }
    } catch (e) {
      retryable = !(
        isCfdiParseError(e) ||
        e instanceof ObjectNotFoundError ||
        e instanceof InvalidObjectKeyError
      );
      error = describe(e);
      o.logger.warn({ ingestionId, objectKey: req.objectKey, error, retryable }, 'cfdi ingestion failed');
    }
    const counts = report.counts();
    countIngested(req.kind, counts);
    // The outcome and its announcement commit together (sat-download records it on the package).
    await o.transaction(async (tx) => {
      await repo.finishIngestion(ingestionId, counts, error, tx);
      await o.events.publish(
        tx,
        cfdiPackageIngested,
        {
          ingestionId,
          kind: req.kind,
          objectKey: req.objectKey,
          satPackageId: req.satPackageId && UUID.test(req.satPackageId) ? req.satPackageId : null,
          state: error === null ? 'completed' : 'failed',
          read: counts.read,
          stored: counts.stored,
          duplicates: counts.duplicates,
          rejected: counts.rejected,
          error,
        },
        { tenantId: req.tenantId, actor: { type: 'system', label: 'cfdi-ingestion' } },
      );
    });
    o.logger.info(
      { ingestionId, kind: req.kind, objectKey: req.objectKey, ...counts, rejections: undefined },
      'cfdi ingestion finished',
    );
    return { ingestionId, state: error === null ? 'completed' : 'failed', error, retryable, ...counts };
  }

  return {
    repo,
    ingestPackage,
    /** One CFDI from one source (inbox upload, PAC stamp): see register-document.ts. */
    registerDocument: async (req: RegisterDocumentRequest) => {
      const registered = await registerDocument(repo, req);
      o.metrics?.cfdiIngested.inc({ kind: 'cfdi', outcome: registered.stored ? 'stored' : 'duplicate' });
      return registered;
    },

    /** Queue a package for ingestion (one waiting job per package). */
    async enqueuePackage(req: IngestPackageRequest): Promise<string | null> {
      return o.jobs.enqueue(ingestPackageJob, req);
    },

    /**
     * Every package sat-download stores is ingested: the job is queued in the delivery's
     * transaction, so an event counts as delivered exactly when its job exists.
     */
    storedPackageConsumer: {
      name: 'cfdi.ingest-stored-package',
      event: satPackageStored,
      async handle(event, { tx }) {
        const p: SatPackageStored = event.payload;
        if (!event.tenantId) return;
        await o.jobs.enqueue(
          ingestPackageJob,
          { tenantId: event.tenantId, objectKey: p.storageKey, kind: p.kind, satPackageId: p.packageId },
          { tx },
        );
      },
    } satisfies EventConsumer<SatPackageStored>,
    async registerWorker(concurrency = 1): Promise<void> {
      await o.jobs.register(
        jobWorker(
          ingestPackageJob,
          async (req) => {
            const result = await ingestPackage(req);
            // Throwing schedules a retry; each failed attempt stays recorded in cfdi_ingestions.
            if (result.state === 'failed' && result.retryable)
              throw new Error(result.error ?? 'ingestion failed');
            return { ingestionId: result.ingestionId, state: result.state };
          },
          { concurrency },
        ),
      );
    },
  };
}

export type CfdiIngestion = ReturnType<typeof createCfdiIngestion>;

function describe(e: unknown): string {
  if (isCfdiParseError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof ObjectNotFoundError) return 'package not found in object storage';
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : String(e);
  return `${typeof code === 'string' ? `${code}: ` : ''}${message}`.slice(0, 500);
}
