import type { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { spawnWorker, workerEntry } from '../../../platform/workers/index.js';
import { CFDI_PARSE_ERROR_CODES, CfdiParseError, type CfdiParseErrorCode } from '../parsing/index.js';
import type { PartitionProgress } from './ingest-partition.js';
import type { WorkerInput, WorkerMessage } from './parse-worker.js';

// Measured on 200k CFDI: V8's default heaps let two workers reach ~600 MB RSS at the same speed.
const LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };
const PARSE_WORKER = workerEntry(import.meta.url, 'parse-worker');

/**
 * Runs one worker per partition of the package; each parses and inserts its share on its own
 * connection. Resolves when all are done; the first failure terminates the others and rejects
 * (a CfdiParseError when the zip as a whole is unreadable).
 */
export async function runPartitionWorkers(
  inputs: WorkerInput[],
  onProgress: (p: PartitionProgress) => void,
): Promise<void> {
  const workers: Worker[] = [];
  try {
    for (const input of inputs) workers.push(await spawnWorker(PARSE_WORKER, input, LIMITS));
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      for (const worker of workers) {
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') onProgress(m.progress);
          else if (m.type === 'error') reject(packageError(m.code, m.message));
          else if (++done === workers.length) resolve();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The pool's connection settings without its functions and class references (they cannot cross threads). */
export function connectionOf(pool: pg.Pool): pg.ClientConfig {
  const o = pool.options as unknown as Record<string, unknown>;
  const keep = ['connectionString', 'host', 'port', 'user', 'password', 'database', 'ssl'];
  return Object.fromEntries(
    keep.filter((k) => o[k] !== undefined && typeof o[k] !== 'function').map((k) => [k, o[k]]),
  ) as pg.ClientConfig;
}

export function packageError(code: string | null, message: string): Error {
  if (code && (CFDI_PARSE_ERROR_CODES as readonly string[]).includes(code))
    return new CfdiParseError(code as CfdiParseErrorCode, message);
  const e = new Error(message) as Error & { code?: string };
  if (code) e.code = code;
  return e;
}
