import type pg from 'pg';
import type { CfdiRepository } from '../cfdi.repository.js';
import { ingestPartition, type PartitionProgress, type PartitionScope } from './ingest-partition.js';
import type { IngestionReport } from './ingestion-report.js';
import type { PartitionTask } from './parse-partition.js';
import { connectionOf, runPartitionWorkers } from './partition-workers.js';

export interface CfdiIngestTuning {
  /** Parse threads, each inserting its share on its own connection; 0 does it all on this thread. */
  workers: number;
  /** Zips smaller than this are handled on the main thread whatever `workers` says. */
  inlineBelowBytes: number;
  /** Rows per INSERT statement. */
  batchRows: number;
}

export const DEFAULT_CFDI_TUNING: CfdiIngestTuning = {
  workers: 2,
  inlineBelowBytes: 2 * 1024 * 1024,
  // 300 rows (~2.5 MB per statement): 500 was no faster here and pushed peak RSS past 400 MB.
  batchRows: 300,
};

/** Streams a CFDI package zip (local file) into cfdi_documents, counting into `report`. */
export async function ingestCfdiZip(
  repo: CfdiRepository,
  pool: pg.Pool,
  scope: PartitionScope,
  zip: { path: string; size: number },
  tuning: CfdiIngestTuning,
  report: IngestionReport,
): Promise<void> {
  const parts = zip.size < tuning.inlineBelowBytes ? 0 : Math.max(0, tuning.workers);
  // Small chunks keep what waits between parsing and inserting (and so the peak RSS) small.
  const chunkRows = Math.max(25, Math.floor(tuning.batchRows / 4));
  const task = (part: number, of: number): PartitionTask => ({
    zipPath: zip.path,
    part,
    parts: of,
    chunkRows,
  });
  const onProgress = (p: PartitionProgress) => {
    for (const f of p.entries) {
      if (f.skipped) report.skip();
      else report.reject(f.file, f.code, f.reason);
    }
    for (const f of p.storeFailures) report.reject(f.file, 'STORE_REJECTED', f.reason);
    report.batch(p.rows, p.stored, p.storeFailures.length);
  };

  if (parts === 0) {
    const writer = await repo.openWriter();
    try {
      await ingestPartition(task(0, 1), writer, scope, tuning.batchRows, onProgress);
    } finally {
      await writer.release();
    }
    return;
  }
  const connection = connectionOf(pool);
  await runPartitionWorkers(
    Array.from({ length: parts }, (_, part) => ({
      task: task(part, parts),
      connection,
      scope,
      batchRows: tuning.batchRows,
    })),
    onProgress,
  );
}
