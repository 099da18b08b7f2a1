import { parentPort, workerData } from 'node:worker_threads';
import { type MetadataBatch, metadataBatches } from './metadata-batches.js';

/**
 * Worker entry: parses and encodes a metadata package so the main thread only sends statements.
 * At most MAX_IN_FLIGHT batches wait for the main thread, which sends 'credit' for each it takes.
 */
const MAX_IN_FLIGHT = 2;

export interface MetadataWorkerInput {
  zipPath: string;
  batchRows: number;
}

export type MetadataWorkerMessage =
  | { type: 'batch'; batch: MetadataBatch }
  | { type: 'done' }
  | { type: 'error'; code: string | null; message: string };

const port = parentPort;
if (!port) throw new Error('metadata-worker must run in a worker thread');
const input = workerData as MetadataWorkerInput;
const post = (m: MetadataWorkerMessage) => port.postMessage(m);

let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: unknown) => {
  if (m === 'credit') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

try {
  await metadataBatches(input.zipPath, input.batchRows, async (batch) => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
    inFlight++;
    // Each column owns its ArrayBuffer (binary-text-array.ts): moved to the main thread, not copied.
    port.postMessage(
      { type: 'batch', batch } satisfies MetadataWorkerMessage,
      batch.columns.map((c) => c.buffer as ArrayBuffer),
    );
  });
  post({ type: 'done' });
} catch (e) {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : null;
  post({ type: 'error', code, message: e instanceof Error ? e.message : String(e) });
}
port.unref();
