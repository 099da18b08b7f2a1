import type pg from 'pg';
import { type Jobs, jobWorker } from '../../../platform/jobs/jobs.js';
import type { Logger } from '../../../platform/logging/index.js';
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

export interface CfdiIngestionOptions {
  pool: pg.Pool;
  storage: ObjectStore;
  jobs: Jobs;
  logger: Logger;
  cfdi?: Partial<CfdiIngestTuning>;
  metadata?: Partial<MetadataIngestTuning>;
  /** Where packages are staged while read (default: the OS temp dir). */
  tempDir?: string;
}

export interface IngestionResult extends IngestionCounts {
  ingestionId: string;
  state: 'completed' | 'failed';
  error: string | null;
  /** A failure worth retrying (database or storage trouble), as opposed to an unreadable package. */
  retryable: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Package ingestion: the service the job runs, and the hook sat-download calls after storing. */
export function createCfdiIngestion(o: CfdiIngestionOptions) {
  const repo = createCfdiRepository(o.pool);
  const cfdiTuning = { ...DEFAULT_CFDI_TUNING, ...o.cfdi };
  const metadataTuning = { ...DEFAULT_METADATA_TUNING, ...o.metadata };

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
    await repo.finishIngestion(ingestionId, counts, error);
    o.logger.info(
      { ingestionId, kind: req.kind, objectKey: req.objectKey, ...counts, rejections: undefined },
      'cfdi ingestion finished',
    );
    return { ingestionId, state: error === null ? 'completed' : 'failed', error, retryable, ...counts };
  }

  return {
    repo,
    ingestPackage,
    /** The sat-download hook: queue the package for ingestion (one queued job per package). */
    async enqueuePackage(req: IngestPackageRequest): Promise<string | null> {
      return o.jobs.enqueue(ingestPackageJob, req);
    },
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
