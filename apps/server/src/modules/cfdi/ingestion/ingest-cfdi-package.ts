import type { CfdiRepository } from '../cfdi.repository.js';
import { withDispatcher } from './batch-dispatcher.js';
import { DOCUMENT_WIDTH, type Param } from './document-row.js';
import type { IngestionReport } from './ingestion-report.js';
import { parsedChunks } from './parsed-chunks.js';

export interface CfdiIngestTuning {
  /** Parse threads; 0 parses on the main thread. */
  workers: number;
  /** Zips smaller than this are parsed on the main thread whatever `workers` says. */
  inlineBelowBytes: number;
  /** Rows per INSERT statement. */
  batchRows: number;
  /** Batches in flight (one connection each). */
  connections: number;
}

export const DEFAULT_CFDI_TUNING: CfdiIngestTuning = {
  workers: 2,
  inlineBelowBytes: 2 * 1024 * 1024,
  batchRows: 500,
  connections: 2,
};

/** Streams a CFDI package zip (local file) into cfdi_documents, counting into `report`. */
export async function ingestCfdiZip(
  repo: CfdiRepository,
  scope: { tenantId: string; ingestionId: string; objectKey: string },
  zip: { path: string; size: number },
  tuning: CfdiIngestTuning,
  report: IngestionReport,
): Promise<void> {
  const workers = zip.size < tuning.inlineBelowBytes ? 0 : tuning.workers;
  await withDispatcher(repo, tuning.connections, async (send) => {
    let batch: Param[] = [];
    const flush = async () => {
      const params = batch;
      batch = [];
      await send(async (writer) => {
        const rows = params.length / DOCUMENT_WIDTH;
        const result = await writer.insertDocuments(scope, params);
        for (const f of result.failures) {
          // source_entry is the last column of each row.
          const file = params[(f.index + 1) * DOCUMENT_WIDTH - 1] ?? '';
          report.reject(file, 'STORE_REJECTED', f.reason);
        }
        report.batch(rows, result.stored, result.failures.length);
      });
    };
    const chunkRows = Math.max(50, Math.floor(tuning.batchRows / 2));
    for await (const chunk of parsedChunks({ zipPath: zip.path, workers, chunkRows })) {
      for (const f of chunk.failures) {
        if (f.skipped) report.skip();
        else report.reject(f.file, f.code, f.reason);
      }
      for (const p of chunk.params) batch.push(p);
      if (batch.length >= tuning.batchRows * DOCUMENT_WIDTH) await flush();
    }
    if (batch.length > 0) await flush();
  });
}
