import { readMetadataPackageChunks } from '../parsing/index.js';
import { BinaryTextArrayBuilder } from './binary-text-array.js';
import { appendMetadataRow, METADATA_COLUMNS } from './metadata-row.js';
import type { EntryFailure } from './parse-partition.js';

/** One upsert's worth of metadata, encoded as one binary text[] per column. */
export interface MetadataBatch {
  /** Rows in this batch: the length of each column, lines of the same UUID included. */
  rows: number;
  /** Some UUID appears more than once (the statement must fold them: see upsertMetadata). */
  hasDuplicates: boolean;
  columns: Buffer[];
  failures: (EntryFailure & { line?: number })[];
}

/**
 * Reads a metadata package and hands over encoded batches. `emit` may wait (back-pressure).
 * Runs in the metadata worker, or on the main thread for small packages. Each row is written
 * into the column buffers as soon as it is read, so a batch holds no row objects.
 */
export async function metadataBatches(
  zipPath: string,
  batchRows: number,
  emit: (batch: MetadataBatch) => Promise<void>,
): Promise<void> {
  const bytesPerColumn = Math.min(Math.max(batchRows * 64, 4096), 4 * 1024 * 1024);
  const newColumns = () => METADATA_COLUMNS.map(() => new BinaryTextArrayBuilder(bytesPerColumn));
  let columns = newColumns();
  let uuids = new Set<string>();
  let hasDuplicates = false;
  let failures: MetadataBatch['failures'] = [];
  const flush = async () => {
    const batch: MetadataBatch = {
      rows: columns[0]!.length,
      hasDuplicates,
      columns: columns.map((c) => c.finish()),
      failures,
    };
    columns = newColumns();
    uuids = new Set();
    hasDuplicates = false;
    failures = [];
    await emit(batch);
  };
  for await (const chunk of readMetadataPackageChunks(zipPath)) {
    if (!chunk.ok) {
      const { file, code, reason, skipped, line } = chunk;
      failures.push({ file, code, reason, skipped, ...(line === undefined ? {} : { line }) });
    } else {
      for (const item of chunk.items) {
        if ('rejected' in item) {
          const { line, code, reason } = item.rejected;
          failures.push({ file: chunk.file, code, reason, skipped: false, line });
          continue;
        }
        if (uuids.has(item.row.uuid)) hasDuplicates = true;
        else uuids.add(item.row.uuid);
        appendMetadataRow(columns, item.row);
      }
    }
    if (columns[0]!.length >= batchRows || failures.length >= batchRows) await flush();
  }
  if (columns[0]!.length > 0 || failures.length > 0) await flush();
}
