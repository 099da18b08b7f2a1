import type { Worker } from 'node:worker_threads';
import type { InvoiceFailureCode, InvoicePreview } from '@boveda/contracts';
import { spawnWorker, workerEntry } from '../../platform/workers/index.js';
import { parseCfdi } from '../cfdi/index.js';
import { runChecks } from './extraction/checks.js';
import { EXTRACTION_ERROR_CODES } from './extraction/errors.js';
import { previewFromCfdi } from './extraction/from-xml.js';
import { ExtractionTimedOut } from './extraction-errors.js';
import type { ExtractionOutcome, InvoiceExtractor } from './inbox.ports.js';

interface Reply {
  id: number;
  ok: boolean;
  kind?: 'xml' | 'pdf-text' | 'pdf-image' | 'image';
  preview?: InvoicePreview;
  text?: string;
  ocrPages?: number;
  ocrSkipped?: number;
  code?: string | null;
  message?: string;
}

// Codes of the pipeline that are the file's fault: the invoice fails at once with the code. The
// others (a time bound on a busy machine, a full queue) are retried.
const RETRIED = new Set<string>(['EXTRACTION_TIMEOUT', 'EXTRACTION_BUSY']);
const FILE_FAULTS = new Set<string>(EXTRACTION_ERROR_CODES.filter((c) => !RETRIED.has(c)));

/**
 * The inbox's extractor: one long-lived worker thread per process runs the pipeline (pdf.js,
 * zxing, Tesseract), so a 40-page PDF or a phone photo never blocks the event loop that answers
 * HTTP. Each document is bounded in time; past it the thread is terminated (with whatever it was
 * reading) and a fresh one serves the next call. Its V8 heap is capped; Tesseract's WASM runs in
 * its own threads, bounded by the number of OCR workers.
 */
export function createInvoiceExtractor(opts: {
  ocrWorkers: number;
  /** Per document, queueing inside the thread included (default 3 min: three OCR pages on a busy box). */
  timeoutMs?: number;
  heapMb?: number;
}): InvoiceExtractor {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  let worker: Promise<Worker> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function start(): Promise<Worker> {
    worker ??= spawnWorker(
      workerEntry(import.meta.url, 'extraction.worker'),
      { ocrWorkers: opts.ocrWorkers, ocrTimeoutMs: 60_000 },
      { maxOldGenerationSizeMb: opts.heapMb ?? 256 },
    ).then((w) => {
      w.on('message', (reply: Reply) => {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        p.resolve(reply);
      });
      w.on('error', (err) => failAll(new ExtractionTimedOut(`the extraction thread failed: ${err.message}`)));
      w.on('exit', () => {
        worker = null;
        failAll(new ExtractionTimedOut('the extraction thread stopped'));
      });
      w.unref();
      return w;
    });
    return worker;
  }

  async function run(bytes: Buffer, ocr: boolean): Promise<Reply> {
    const w = await start();
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          new ExtractionTimedOut(`reading the document took more than ${Math.round(timeoutMs / 1000)} s`),
        );
        // The thread may be stuck in this document: start over (other calls in it are retried).
        void w.terminate();
      }, timeoutMs);
      pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      w.postMessage({ id, bytes, ocr });
    });
  }

  return {
    async extract({ bytes, ocr = true }): Promise<ExtractionOutcome> {
      const reply = await run(bytes, ocr);
      if (reply.ok) {
        return {
          ok: true,
          extraction: reply.kind!,
          preview: reply.preview!,
          ocrPages: reply.ocrPages ?? 0,
          ocrSkipped: reply.ocrSkipped ?? 0,
          ...(reply.text !== undefined ? { text: reply.text } : {}),
        };
      }
      const code = reply.code ?? '';
      if (FILE_FAULTS.has(code)) {
        return { ok: false, code: code as InvoiceFailureCode, message: reply.message ?? '' };
      }
      if (code === 'EXTRACTION_TIMEOUT') throw new ExtractionTimedOut(reply.message ?? 'timed out');
      throw new Error(`extraction failed: ${reply.message ?? 'unknown error'}`);
    },

    previewOfVaultXml(xml) {
      const preview = previewFromCfdi(parseCfdi(xml));
      const fields: InvoicePreview['fields'] = {};
      for (const [name, field] of Object.entries(preview.fields)) {
        fields[name as keyof typeof fields] = { ...field, source: 'sat' };
      }
      const sat = {
        fields,
        taxes: { ...preview.taxes, source: 'sat' as const },
        conceptos: { ...preview.conceptos, source: 'sat' as const },
        checks: [],
      };
      return { ...sat, checks: runChecks(sat) };
    },

    recheck: (preview) => runChecks(preview),

    async close() {
      const w = worker ? await worker : null;
      if (!w) return;
      await new Promise<void>((resolve) => {
        const done = setTimeout(resolve, 5_000);
        w.once('message', () => {
          clearTimeout(done);
          resolve();
        });
        w.postMessage({ close: true });
      });
      await w.terminate();
    },
  };
}
