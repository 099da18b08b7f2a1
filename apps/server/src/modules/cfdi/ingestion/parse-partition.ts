import {
  DEFAULT_ZIP_LIMITS,
  isCfdiParseError,
  parseCfdi,
  readZipEntries,
  type ZipLimits,
} from '../parsing/index.js';
import { appendDocumentRow, type Param } from './document-row.js';

/** A file that did not become a row: junk (`skipped`) or refused with a stable code. */
export interface EntryFailure {
  file: string;
  code: string;
  reason: string;
  skipped: boolean;
}

/** Rows are flattened: DOCUMENT_WIDTH parameters each, ready for the multi-row INSERT. */
export interface ParsedChunk {
  rows: number;
  params: Param[];
  failures: EntryFailure[];
}

export interface PartitionTask {
  zipPath: string;
  /** This reader takes entries k, k+n, k+2n… of the central directory. */
  part: number;
  parts: number;
  chunkRows: number;
  zip?: Partial<ZipLimits>;
}

/**
 * Reads one partition of a CFDI package zip from a local file and hands over parsed rows in
 * chunks. `emit` may wait (back-pressure): parsing stops until the consumer catches up, so memory
 * stays at a few chunks however large the package is. A zip that cannot be read at all throws.
 */
export async function parsePartition(
  task: PartitionTask,
  emit: (chunk: ParsedChunk) => Promise<void>,
): Promise<void> {
  const limits = { ...DEFAULT_ZIP_LIMITS, extensions: ['.xml'], ...task.zip };
  // Each reader checks the total of its own share, so the package as a whole keeps the same cap.
  const maxTotalBytes = Math.floor(limits.maxTotalBytes / task.parts);
  let index = 0;
  // The central directory is filtered once, in order, so partitions are disjoint and complete.
  const only = () => index++ % task.parts === task.part;
  let chunk: ParsedChunk = { rows: 0, params: [], failures: [] };
  for await (const entry of readZipEntries(task.zipPath, { ...limits, maxTotalBytes, only })) {
    if ('skipped' in entry) {
      chunk.failures.push({ file: entry.name, code: 'JUNK', reason: entry.skipped, skipped: true });
    } else if ('error' in entry) {
      chunk.failures.push({ file: entry.name, code: entry.error, reason: entry.reason, skipped: false });
    } else {
      try {
        const cfdi = parseCfdi(entry.data, { maxBytes: limits.maxEntryBytes });
        appendDocumentRow(chunk.params, cfdi, entry.name);
        chunk.rows++;
      } catch (e) {
        chunk.failures.push(failureOf(entry.name, e));
      }
    }
    if (chunk.rows >= task.chunkRows || chunk.failures.length >= task.chunkRows) {
      await emit(chunk);
      chunk = { rows: 0, params: [], failures: [] };
    }
  }
  if (chunk.rows > 0 || chunk.failures.length > 0) await emit(chunk);
}

function failureOf(file: string, e: unknown): EntryFailure {
  if (isCfdiParseError(e)) return { file, code: e.code, reason: e.message, skipped: false };
  // A bug in the parser must cost one file, not the package.
  return { file, code: 'XML_MALFORMED', reason: 'unexpected parser failure', skipped: false };
}
