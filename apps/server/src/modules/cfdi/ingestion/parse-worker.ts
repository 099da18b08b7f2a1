import { parentPort, workerData } from 'node:worker_threads';
import { type ParsedChunk, type PartitionTask, parsePartition } from './parse-partition.js';

/**
 * Worker entry: parses its partition and posts chunks. At most MAX_IN_FLIGHT chunks wait for the
 * main thread; it sends 'credit' when it has taken one, which bounds memory on both sides.
 */
const MAX_IN_FLIGHT = 3;

export type WorkerMessage =
  | { type: 'chunk'; chunk: ParsedChunk }
  | { type: 'done' }
  | { type: 'error'; code: string | null; message: string };

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: unknown) => {
  if (m === 'credit') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

const post = (m: WorkerMessage) => port.postMessage(m);

try {
  await parsePartition(workerData as PartitionTask, async (chunk) => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
    inFlight++;
    post({ type: 'chunk', chunk });
  });
  post({ type: 'done' });
} catch (e) {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : null;
  post({ type: 'error', code, message: e instanceof Error ? e.message : String(e) });
}
