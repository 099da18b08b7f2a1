import { createRequire } from 'node:module';
import path from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type * as TesseractTypes from 'tesseract.js';

/**
 * An offline OCR pool: N tesseract.js workers (each one a worker thread running tesseract's WASM
 * build), Spanish `best_int` LSTM data read from the @tesseract.js-data/spa package folder, created
 * lazily and reused; every recognition has a time bound, past which its thread is terminated and
 * replaced. Nothing is fetched from the network and nothing is written to disk (`cacheMethod: 'none'`).
 */

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0–100. Not a field confidence (README: it tracks the seal blocks). */
  confidence: number;
  words?: OcrWord[];
}

export interface OcrEngineOptions {
  /** Tesseract threads. Each one keeps one core busy and 150–300 MB (README). Default 2. */
  workers?: number;
  /** Bound on one recognition once a thread runs it; past it the thread is terminated. Default 60 s. */
  timeoutMs?: number;
  /** Recognitions allowed to wait for a thread; beyond it `recognize` fails at once (OCR_BUSY). */
  maxQueued?: number;
  /**
   * A thread is replaced after this many recognitions: WASM memory grows to the largest page seen
   * and never shrinks, so a long-lived thread keeps its peak. Default 50.
   */
  recycleAfter?: number;
  /** V8 limits of each tesseract thread (its JS heap; WASM memory is outside V8's heap). */
  resourceLimits?: ResourceLimits;
  /** Folder holding `spa.traineddata.gz`. Default: the `4.0.0_best_int` folder of @tesseract.js-data/spa. */
  langPath?: string;
}

export interface RecognizeOptions {
  /** Also return words with confidence and bounding box (costs ~10 % more time and memory). */
  words?: boolean;
  /** This call's bound instead of the engine's `timeoutMs`. */
  timeoutMs?: number;
}

export type OcrErrorCode = 'OCR_TIMEOUT' | 'OCR_BUSY' | 'OCR_CLOSED' | 'OCR_FAILED';

export class OcrError extends Error {
  readonly code: OcrErrorCode;
  constructor(code: OcrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
    this.code = code;
  }
}

export interface OcrEngineStats {
  /** Threads alive now, with the V8 limits Node reports for each (proof the cap is applied). */
  threads: { threadId: number; jobs: number; resourceLimits: ResourceLimits | undefined }[];
  running: number;
  queued: number;
  /** Threads terminated on a timeout or a crash, and replaced on demand. */
  killed: number;
  /** Threads replaced after `recycleAfter` recognitions. */
  recycled: number;
}

export interface OcrEngine {
  /** `image`: PGM, PNG or JPEG bytes (tesseract decodes them); normally `prepareImage(...).image`. */
  recognize(image: Buffer, options?: RecognizeOptions): Promise<OcrResult>;
  stats(): OcrEngineStats;
  /** Terminates every thread; waiting and running recognitions fail with OCR_CLOSED. */
  close(): Promise<void>;
}

/**
 * V8 heap of each tesseract thread. Its JS side only holds the image bytes passed in and the result
 * objects: a full 200 dpi page still recognised with a 16 MB old generation, and died at 4 MB
 * (README, "Memory"). The WASM heap is outside these limits; it is bounded by the image size that
 * `prepareImage` lets through and reset by `recycleAfter`.
 */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
};

const require = createRequire(import.meta.url);

/**
 * tesseract.js 7 spawns its threads with `new Worker(workerPath)` and no way to pass
 * `resourceLimits` (src/worker/node/spawnWorker.js). Its createWorker destructures the node
 * adapter when first loaded, so the adapter's spawnWorker is replaced here before tesseract.js is
 * required. The replacement reads our options from the createWorker options it receives; a
 * thread's `resourceLimits` in `stats()` shows whether the cap took effect.
 */
type SpawnOptions = {
  workerPath: string;
  boveda?: { resourceLimits?: ResourceLimits; onThread: (w: Worker) => void };
};
/**
 * False when tesseract.js was loaded before this module: its createWorker then holds the original
 * spawnWorker, threads start without `resourceLimits` and without our exit/error listeners.
 */
export const THREAD_LIMITS_APPLIED =
  require.cache[require.resolve('tesseract.js/src/createWorker.js')] === undefined;
const adapter = require('tesseract.js/src/worker/node/index.js') as {
  spawnWorker: (o: SpawnOptions) => Worker;
};
adapter.spawnWorker = ({ workerPath, boveda }: SpawnOptions) => {
  const worker = new Worker(
    workerPath,
    boveda?.resourceLimits ? { resourceLimits: boveda.resourceLimits } : {},
  );
  boveda?.onThread(worker);
  return worker;
};
const Tesseract = require('tesseract.js') as typeof TesseractTypes;

export function defaultLangPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/spa/package.json')), '4.0.0_best_int');
}

interface Slot {
  worker: Promise<TesseractTypes.Worker> | null;
  thread: Worker | null;
  jobs: number;
  busy: boolean;
  /** Rejects the running job when its thread dies under it. */
  failRunning: ((err: Error) => void) | null;
}

interface Pending {
  image: Buffer;
  options: RecognizeOptions;
  resolve: (r: OcrResult) => void;
  reject: (e: Error) => void;
}

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  const size = Math.max(1, options.workers ?? 2);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxQueued = options.maxQueued ?? 64;
  const recycleAfter = options.recycleAfter ?? 50;
  const resourceLimits = options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS;
  const langPath = options.langPath ?? defaultLangPath();
  const slots: Slot[] = Array.from({ length: size }, () => ({
    worker: null,
    thread: null,
    jobs: 0,
    busy: false,
    failRunning: null,
  }));
  const queue: Pending[] = [];
  let closed = false;
  let killed = 0;
  let recycled = 0;

  function start(slot: Slot): Promise<TesseractTypes.Worker> {
    const spawnOptions = {
      langPath,
      gzip: true,
      // 'none': never read or write a traineddata cache (the default writes ./spa.traineddata).
      cacheMethod: 'none',
      // Without an errorHandler, tesseract.js *throws* from its message listener whenever a job is
      // rejected (an unreadable image): an uncaught exception that ends the process. The job's own
      // promise is rejected as well, and that is where the error is handled.
      errorHandler: () => {},
      boveda: {
        resourceLimits,
        onThread: (w: Worker) => {
          slot.thread = w;
          // A thread that dies (V8 heap limit, crash) fails its job at once instead of at the timeout.
          // tesseract.js sets `worker.onerror`, which a Node Worker never calls: without this listener
          // an ERR_WORKER_OUT_OF_MEMORY 'error' event would be unhandled and end the whole process.
          let reason = '';
          w.on('error', (err) => {
            reason =
              err instanceof Error
                ? `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}`
                : String(err);
          });
          w.once('exit', (code) => {
            if (slot.thread !== w) return;
            slot.worker = null;
            slot.thread = null;
            slot.jobs = 0;
            killed++;
            slot.failRunning?.(
              new OcrError('OCR_FAILED', `the OCR thread exited (code ${code}) ${reason}`.trim()),
            );
          });
        },
      },
    } as Partial<TesseractTypes.WorkerOptions>;
    // spawnWorker runs synchronously inside createWorker, so slot.thread is set once this returns.
    const created = Tesseract.createWorker('spa', Tesseract.OEM.LSTM_ONLY, spawnOptions).then(
      async (tess) => {
        // Keep spaces between words as printed; tesseract's default collapses them.
        await tess.setParameters({ preserve_interword_spaces: '1' });
        return tess;
      },
    );
    // A thread that failed to start (missing data…) is dropped so the next job starts a new one.
    created.catch(() => {
      if (slot.worker === created) stop(slot);
    });
    return created;
  }

  function stop(slot: Slot): void {
    const t = slot.thread;
    slot.worker = null;
    slot.thread = null;
    slot.jobs = 0;
    if (t) void t.terminate();
  }

  async function run(slot: Slot, job: Pending): Promise<void> {
    slot.busy = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!slot.worker) slot.worker = start(slot);
      const pending = slot.worker;
      const result = await new Promise<OcrResult>((resolve, reject) => {
        slot.failRunning = reject;
        const bound = job.options.timeoutMs ?? timeoutMs;
        // The bound starts when a thread takes the job (a first job includes the ~1 s thread start).
        timer = setTimeout(() => {
          killed++;
          stop(slot);
          reject(new OcrError('OCR_TIMEOUT', `OCR did not finish within ${bound} ms`));
        }, bound);
        pending
          .then((tess) => tess.recognize(job.image, {}, { text: true, blocks: job.options.words === true }))
          .then(({ data }) => resolve(toResult(data, job.options.words === true)), reject);
      });
      slot.jobs++;
      if (slot.jobs >= recycleAfter) {
        recycled++;
        stop(slot);
      }
      job.resolve(result);
    } catch (err) {
      // An error reported by tesseract (unreadable image…): its WASM state is not trusted further.
      if (!(err instanceof OcrError)) stop(slot);
      job.reject(
        err instanceof OcrError
          ? err
          : new OcrError('OCR_FAILED', err instanceof Error ? err.message : String(err), { cause: err }),
      );
    } finally {
      clearTimeout(timer);
      slot.failRunning = null;
      slot.busy = false;
      pump();
    }
  }

  function pump(): void {
    if (closed) return;
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.busy) void run(slot, queue.shift()!);
    }
  }

  return {
    recognize(image, recognizeOptions = {}) {
      if (closed) return Promise.reject(new OcrError('OCR_CLOSED', 'the OCR engine is closed'));
      const busy = slots.every((s) => s.busy);
      if (busy && queue.length >= maxQueued) {
        return Promise.reject(new OcrError('OCR_BUSY', 'too many OCR jobs are waiting'));
      }
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({ image, options: recognizeOptions, resolve, reject });
        pump();
      });
    },
    stats() {
      return {
        threads: slots
          .filter((s) => s.thread)
          .map((s) => ({
            threadId: s.thread!.threadId,
            jobs: s.jobs,
            resourceLimits: s.thread!.resourceLimits,
          })),
        running: slots.filter((s) => s.busy).length,
        queued: queue.length,
        killed,
        recycled,
      };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new OcrError('OCR_CLOSED', 'the OCR engine is closed'));
      const threads = slots.map((s) => s.thread).filter((t): t is Worker => t !== null);
      for (const slot of slots) {
        slot.failRunning?.(new OcrError('OCR_CLOSED', 'the OCR engine is closed'));
        stop(slot);
      }
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

function toResult(data: TesseractTypes.Page, withWords: boolean): OcrResult {
  const result: OcrResult = { text: data.text, confidence: data.confidence };
  if (withWords) {
    const words: OcrWord[] = [];
    for (const block of data.blocks ?? [])
      for (const paragraph of block.paragraphs)
        for (const line of paragraph.lines)
          for (const w of line.words) words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox });
    result.words = words;
  }
  return result;
}
