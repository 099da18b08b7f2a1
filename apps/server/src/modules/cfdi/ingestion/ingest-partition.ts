import type { BatchWriter } from '../cfdi.repository.js';
import { DOCUMENT_WIDTH, type Param } from './document-row.js';
import { type EntryFailure, type PartitionTask, parsePartition } from './parse-partition.js';

/** What one batch did; the coordinator folds these into the ingestion's counts. */
export interface PartitionProgress {
  rows: number;
  stored: number;
  /** Files refused while reading or parsing (junk included, `skipped`). */
  entries: EntryFailure[];
  /** Rows PostgreSQL refused on their own. */
  storeFailures: { file: string; reason: string }[];
}

export interface PartitionScope {
  tenantId: string;
  ingestionId: string;
  objectKey: string;
}

/**
 * Parses one partition of a package and stores it through `writer`, with one batch in flight:
 * PostgreSQL inserts batch n while this thread parses batch n + 1. Runs in a parse worker (its own
 * connection) or, for small packages, on the main thread.
 */
export async function ingestPartition(
  task: PartitionTask,
  writer: BatchWriter,
  scope: PartitionScope,
  batchRows: number,
  onProgress: (p: PartitionProgress) => void,
): Promise<void> {
  let batch: Param[] = [];
  let failures: EntryFailure[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const flush = async () => {
    const params = batch;
    const entries = failures;
    batch = [];
    failures = [];
    await inFlight;
    inFlight = (async () => {
      const rows = params.length / DOCUMENT_WIDTH;
      const result = rows > 0 ? await writer.insertDocuments(scope, params) : { stored: 0, failures: [] };
      onProgress({
        rows,
        stored: result.stored,
        entries,
        // source_entry is the last column of each row.
        storeFailures: result.failures.map((f) => ({
          file: params[(f.index + 1) * DOCUMENT_WIDTH - 1] ?? '',
          reason: f.reason,
        })),
      });
    })();
    // Surface a failed insert at the next flush or at the end, not as an unhandled rejection.
    inFlight.catch(() => {});
  };

  await parsePartition(task, async (chunk) => {
    for (const p of chunk.params) batch.push(p);
    for (const f of chunk.failures) failures.push(f);
    if (batch.length >= batchRows * DOCUMENT_WIDTH || failures.length >= batchRows) await flush();
  });
  await flush();
  await inFlight;
}
