import { serveWorkerTask } from '../../../platform/workers/index.js';
import { type ExtractionErrorCode, isExtractionError } from './errors.js';
import { type DocumentScan, type ScanOptions, scanBinary } from './scan.js';

export interface ScanTaskInput {
  bytes: Uint8Array;
  type: 'pdf' | 'png' | 'jpeg';
  options: ScanOptions;
}

/** Typed failures travel as values: a thrown error crosses the thread boundary as a message only. */
export type ScanTaskOutput =
  | { ok: true; scan: DocumentScan }
  | { ok: false; code: ExtractionErrorCode; message: string };

serveWorkerTask<ScanTaskInput, ScanTaskOutput>(async ({ bytes, type, options }) => {
  try {
    return { ok: true, scan: await scanBinary(bytes, type, options) };
  } catch (error) {
    if (isExtractionError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
});
