import { describe, expect, it } from 'vitest';
import { createWorkerTaskRunner, WorkerTaskBusyError, WorkerTaskTimeoutError } from './index.js';

// Tests run the TypeScript sources, so the entry is the .ts file (bundled by spawnWorker).
const SPIN = new URL('./testing/spin.worker.ts', import.meta.url);
type Spin = { ms: number; throw?: boolean };

describe('worker task runner', () => {
  it('answers from another thread while the event loop keeps turning', async () => {
    const runner = createWorkerTaskRunner<Spin, number>({
      entry: SPIN,
      timeoutMs: 30_000,
      maxConcurrent: 1,
      maxQueued: 1,
    });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await runner.run({ ms: 0 }); // the first call bundles the entry; measure the second
      ticks = 0;
      expect(await runner.run({ ms: 600 })).toBe(600);
    } finally {
      clearInterval(timer);
    }
    // A task holding this thread for 600 ms would have let no timer fire until it ended.
    expect(ticks).toBeGreaterThan(10);
  });

  it('terminates a task that overruns its bound', async () => {
    const runner = createWorkerTaskRunner<Spin, number>({
      entry: SPIN,
      timeoutMs: 1_500,
      maxConcurrent: 1,
      maxQueued: 1,
    });
    await expect(runner.run({ ms: 60_000 })).rejects.toBeInstanceOf(WorkerTaskTimeoutError);
    expect(runner.load()).toEqual({ running: 0, waiting: 0 });
    // The slot is free again.
    expect(await runner.run({ ms: 1 })).toBe(1);
  });

  it('queues beyond its concurrency and refuses beyond its queue', async () => {
    const runner = createWorkerTaskRunner<Spin, number>({
      entry: SPIN,
      timeoutMs: 30_000,
      maxConcurrent: 1,
      maxQueued: 1,
    });
    const first = runner.run({ ms: 300 });
    const second = runner.run({ ms: 1 });
    await expect(runner.run({ ms: 1 })).rejects.toBeInstanceOf(WorkerTaskBusyError);
    expect(await Promise.all([first, second])).toEqual([300, 1]);
  });

  it('turns a thrown error into a rejection carrying only its message', async () => {
    const runner = createWorkerTaskRunner<Spin, number>({
      entry: SPIN,
      timeoutMs: 30_000,
      maxConcurrent: 1,
      maxQueued: 0,
    });
    await expect(runner.run({ ms: 0, throw: true })).rejects.toThrow('the task failed');
  });
});
