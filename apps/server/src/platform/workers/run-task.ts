import type { ResourceLimits } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker.js';

/** The task did not finish within its time bound; its thread was terminated. */
export class WorkerTaskTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The worker task did not finish within ${timeoutMs} ms.`);
    this.name = 'WorkerTaskTimeoutError';
  }
}

/** Too many tasks of this kind are running or waiting in this process. */
export class WorkerTaskBusyError extends Error {
  constructor() {
    super('Too many worker tasks of this kind are waiting.');
    this.name = 'WorkerTaskBusyError';
  }
}

/** What a task worker posts back once (see `serveWorkerTask`). */
export type WorkerTaskReply<O> = { ok: true; value: O } | { ok: false; message: string };

export interface WorkerTaskOptions {
  /** `workerEntry(import.meta.url, '<name>')` of a module that calls `serveWorkerTask`. */
  entry: URL;
  /** From the call to the answer, waiting for a free slot included. */
  timeoutMs: number;
  /** Threads of this kind at once; the rest wait in line. */
  maxConcurrent: number;
  /** Calls allowed to wait; beyond that a call fails at once with WorkerTaskBusyError. */
  maxQueued: number;
  resourceLimits?: ResourceLimits;
}

/**
 * Runs CPU-bound work on a fresh worker thread per call, so it never blocks the event loop that
 * answers HTTP, and bounds it: a call that exceeds `timeoutMs` has its thread terminated and fails
 * with WorkerTaskTimeoutError. A thread per call costs tens of milliseconds, which suits rare work
 * on untrusted input (opening an uploaded key) and keeps no state between callers.
 */
export function createWorkerTaskRunner<I, O>(options: WorkerTaskOptions) {
  let running = 0;
  const waiting: (() => void)[] = [];

  function release() {
    running--;
    waiting.shift()?.();
  }

  async function acquire(deadline: number): Promise<void> {
    if (running < options.maxConcurrent) {
      running++;
      return;
    }
    if (waiting.length >= options.maxQueued) throw new WorkerTaskBusyError();
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        running++;
        resolve();
      };
      const timer = setTimeout(() => {
        const at = waiting.indexOf(turn);
        if (at >= 0) waiting.splice(at, 1);
        reject(new WorkerTaskTimeoutError(options.timeoutMs));
      }, deadline - Date.now());
      waiting.push(turn);
    });
  }

  return {
    async run(input: I): Promise<O> {
      const deadline = Date.now() + options.timeoutMs;
      await acquire(deadline);
      try {
        const worker = await spawnWorker(options.entry, input, options.resourceLimits);
        return await new Promise<O>((resolve, reject) => {
          const timer = setTimeout(
            () => {
              void worker.terminate();
              reject(new WorkerTaskTimeoutError(options.timeoutMs));
            },
            Math.max(0, deadline - Date.now()),
          );
          const settle = (fn: () => void) => {
            clearTimeout(timer);
            void worker.terminate();
            fn();
          };
          worker.once('message', (reply: WorkerTaskReply<O>) =>
            settle(() => (reply.ok ? resolve(reply.value) : reject(new Error(reply.message)))),
          );
          worker.once('error', (err) => settle(() => reject(err)));
          worker.once('exit', (code) =>
            settle(() => reject(new Error(`The worker task exited (code ${code}) without an answer.`))),
          );
        });
      } finally {
        release();
      }
    },
    /** Threads running now and calls waiting (for tests and metrics). */
    load: () => ({ running, waiting: waiting.length }),
  };
}

export type WorkerTaskRunner<I, O> = ReturnType<typeof createWorkerTaskRunner<I, O>>;
