import type { ResourceLimits } from 'node:worker_threads';
import {
  createWorkerTaskRunner,
  WorkerTaskBusyError,
  WorkerTaskTimeoutError,
  workerEntry,
} from '../../../platform/workers/index.js';
import { ExtractionError } from './errors.js';
import {
  type ExtractionResult,
  type ExtractOptions,
  finishExtraction,
  scanDocument,
} from './extract-document.js';
import type { ScanTaskInput, ScanTaskOutput } from './extraction.worker.js';
import { sniffType } from './sniff.js';

export interface IsolatedExtractorOptions {
  /** Hard bound on the pdf.js/zxing stage: past it the thread is terminated (EXTRACTION_TIMEOUT). */
  timeoutMs?: number;
  maxConcurrent?: number;
  maxQueued?: number;
  resourceLimits?: ResourceLimits;
}

/**
 * extractDocument with its pdf.js/zxing stage on a fresh worker thread per call: a hostile PDF
 * that spins inside pdf.js (where the cooperative time budget cannot reach) is terminated, and a
 * heap cap stops a decompression bomb. OCR, anchors and the merge run on the caller's thread, so
 * the injected OCR function needs no serialising. A thread per document costs ~0.9 s (thread
 * start, module loading, cold JIT; README): fine for background jobs, where OCR costs seconds;
 * a latency-sensitive caller can use extractDocument directly.
 */
export function createIsolatedExtractor(options: IsolatedExtractorOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const runner = createWorkerTaskRunner<ScanTaskInput, ScanTaskOutput>({
    entry: workerEntry(import.meta.url, 'extraction.worker'),
    timeoutMs,
    maxConcurrent: options.maxConcurrent ?? 2,
    maxQueued: options.maxQueued ?? 32,
    // A rendered A4 page at the 25 MP cap is 100 MB of RGBA; leave room for pdf.js around it.
    resourceLimits: options.resourceLimits ?? { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
  });
  return {
    async extract(bytes: Uint8Array, extractOptions: ExtractOptions = {}): Promise<ExtractionResult> {
      const { ocr, ...scanOptions } = extractOptions;
      const withOcrImages = ocr !== undefined;
      const type = sniffType(bytes);
      // XML, empty and unknown files never reach pdf.js: the cfdi parser is linear and capped, so
      // they stay on this thread (and the worker need not load the cfdi module).
      if (type !== 'pdf' && type !== 'png' && type !== 'jpeg') {
        return finishExtraction(await scanDocument(bytes, { ...scanOptions, withOcrImages }), extractOptions);
      }
      let reply: ScanTaskOutput;
      try {
        reply = await runner.run({ bytes, type, options: { ...scanOptions, withOcrImages } });
      } catch (error) {
        if (error instanceof WorkerTaskTimeoutError) {
          throw new ExtractionError('EXTRACTION_TIMEOUT', `extraction took over ${timeoutMs} ms`, {
            cause: error,
          });
        }
        if (error instanceof WorkerTaskBusyError) {
          throw new ExtractionError('EXTRACTION_BUSY', 'too many extractions waiting', { cause: error });
        }
        throw error;
      }
      if (!reply.ok) throw new ExtractionError(reply.code, reply.message);
      return finishExtraction(reply.scan, extractOptions);
    },
  };
}

export type IsolatedExtractor = ReturnType<typeof createIsolatedExtractor>;
