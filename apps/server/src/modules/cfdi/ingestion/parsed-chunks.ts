import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CFDI_PARSE_ERROR_CODES, CfdiParseError, type CfdiParseErrorCode } from '../parsing/index.js';
import { type ParsedChunk, type PartitionTask, parsePartition } from './parse-partition.js';
import type { WorkerMessage } from './parse-worker.js';

export interface ParsedChunksOptions {
  zipPath: string;
  /** 0 parses on this thread (small packages: a worker costs more to start than it saves). */
  workers: number;
  chunkRows: number;
  zip?: PartitionTask['zip'];
}

interface Queued {
  chunk: ParsedChunk;
  ack: () => void;
}

/**
 * Parsed rows of a CFDI package, in chunks, from `workers` threads each reading its own partition
 * of the zip. A chunk is acknowledged (and its producer may continue) when the consumer asks for
 * the next one, so at most a few chunks per producer are ever in memory.
 */
export async function* parsedChunks(options: ParsedChunksOptions): AsyncGenerator<ParsedChunk> {
  const parts = Math.max(1, options.workers);
  const queue: Queued[] = [];
  let finished = 0;
  let failure: unknown = null;
  let notify: (() => void) | null = null;
  const wakeConsumer = () => {
    notify?.();
    notify = null;
  };
  const task = (part: number): PartitionTask => ({
    zipPath: options.zipPath,
    part,
    parts,
    chunkRows: options.chunkRows,
    ...(options.zip ? { zip: options.zip } : {}),
  });

  const workers: Worker[] = [];
  if (options.workers === 0) {
    parsePartition(
      task(0),
      (chunk) =>
        new Promise<void>((ack) => {
          queue.push({ chunk, ack });
          wakeConsumer();
        }),
    )
      .then(() => finished++)
      .catch((e: unknown) => (failure ??= e))
      .finally(wakeConsumer);
  } else {
    for (let part = 0; part < parts; part++) {
      const worker = spawnParseWorker(task(part));
      workers.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'chunk') queue.push({ chunk: m.chunk, ack: () => worker.postMessage('credit') });
        else if (m.type === 'done') finished++;
        else failure ??= packageError(m.code, m.message);
        wakeConsumer();
      });
      worker.on('error', (e) => {
        failure ??= e;
        wakeConsumer();
      });
      worker.on('exit', (code) => {
        if (code !== 0) failure ??= new Error(`parse worker exited with code ${code}`);
        wakeConsumer();
      });
    }
  }

  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next.chunk;
        next.ack();
        continue;
      }
      if (failure) throw failure;
      if (finished === parts) return;
      await new Promise<void>((r) => (notify = r));
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function packageError(code: string | null, message: string): Error {
  return code && (CFDI_PARSE_ERROR_CODES as readonly string[]).includes(code)
    ? new CfdiParseError(code as CfdiParseErrorCode, message)
    : new Error(message);
}

/**
 * The server runs its TypeScript sources through tsx, which registers its loader on the main
 * thread only; a worker on a .ts file registers it first. Built JavaScript starts directly.
 */
// Measured on 200k CFDI: default heaps let two workers reach ~600 MB RSS at the same speed.
const LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

function spawnParseWorker(task: PartitionTask): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', self), { workerData: task });
  const tsxApi = pathToFileURL(
    createRequire(self)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./parse-worker.ts', self).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: task, resourceLimits: LIMITS });
}
