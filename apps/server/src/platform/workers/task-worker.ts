import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerTaskReply } from './run-task.js';

/**
 * The worker side of `createWorkerTaskRunner`: runs `handler` on the input once and posts the
 * result. An exception becomes a message only (no stack crosses the thread boundary); handlers
 * whose failures mean something to the caller return them as values instead of throwing.
 */
export function serveWorkerTask<I, O>(handler: (input: I) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTask runs only inside a worker thread.');
  Promise.resolve()
    .then(() => handler(workerData as I))
    .then(
      (value): WorkerTaskReply<O> => ({ ok: true, value }),
      (err: unknown): WorkerTaskReply<O> => ({
        ok: false,
        message: err instanceof Error ? err.message : String(err),
      }),
    )
    .then((reply) => port.postMessage(reply));
}
