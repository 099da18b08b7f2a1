import { readMetadataPackage } from '../parsing/index.js';
import { textArray } from './document-row.js';
import { dedupeByUuid, METADATA_COLUMNS, type MetadataTuple, metadataTuple } from './metadata-row.js';
import type { EntryFailure } from './parse-partition.js';

/** One upsert's worth of metadata, already encoded as one array literal per column. */
export interface MetadataBatch {
  /** Rows read for this batch, duplicates inside it included. */
  rows: number;
  /** Distinct UUIDs: the length of each column array. */
  unique: number;
  columns: string[];
  failures: (EntryFailure & { line?: number })[];
}

/**
 * Reads a metadata package and hands over encoded batches. `emit` may wait (back-pressure).
 * Runs in the metadata worker, or on the main thread for small packages.
 */
export async function metadataBatches(
  zipPath: string,
  batchRows: number,
  emit: (batch: MetadataBatch) => Promise<void>,
): Promise<void> {
  let tuples: MetadataTuple[] = [];
  let failures: MetadataBatch['failures'] = [];
  const flush = async () => {
    const unique = dedupeByUuid(tuples);
    const columns = METADATA_COLUMNS.map((_, c) => textArray(unique.map((t) => t[c] ?? null)));
    const batch: MetadataBatch = { rows: tuples.length, unique: unique.length, columns, failures };
    tuples = [];
    failures = [];
    await emit(batch);
  };
  for await (const item of readMetadataPackage(zipPath)) {
    if (item.ok) tuples.push(metadataTuple(item.row));
    else
      failures.push({
        file: item.file,
        code: item.code,
        reason: item.reason,
        skipped: item.skipped,
        ...(item.line === undefined ? {} : { line: item.line }),
      });
    if (tuples.length >= batchRows || failures.length >= batchRows) await flush();
  }
  if (tuples.length > 0 || failures.length > 0) await flush();
}
