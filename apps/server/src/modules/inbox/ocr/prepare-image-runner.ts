import type { ResourceLimits } from 'node:worker_threads';
import { createWorkerTaskRunner, workerEntry } from '../../../platform/workers/index.js';
import { ImageError, type ImageErrorCode } from './image-info.js';
import type { PreparedImage, PrepareImageOptions } from './prepare-image.js';

export interface PrepareTaskInput {
  bytes: Uint8Array;
  options: PrepareImageOptions;
}
export type PrepareTaskOutput =
  | { ok: true; prepared: PreparedImage }
  | { ok: false; code: ImageErrorCode; message: string };

export interface PrepareImageRunnerOptions {
  /** Decode + resize of one image; default 30 s (a 300 dpi scan takes ~0.3–1 s). */
  timeoutMs?: number;
  /** Images decoded at once; each one can hold 40 MP × 4 bytes = 160 MB while decoding. Default 1. */
  maxConcurrent?: number;
  maxQueued?: number;
  resourceLimits?: ResourceLimits;
}

/**
 * `prepareImage` on a fresh worker thread per image (platform/workers), so decoding and resizing a
 * user's image never holds the event loop. The decoder's pixels are native memory, outside V8's
 * limits: what bounds them is `readImageInfo`'s pixel limit, checked before decoding.
 */
export function createPrepareImageRunner(options: PrepareImageRunnerOptions = {}) {
  const runner = createWorkerTaskRunner<PrepareTaskInput, PrepareTaskOutput>({
    entry: workerEntry(import.meta.url, 'prepare-image.worker'),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxConcurrent: options.maxConcurrent ?? 1,
    maxQueued: options.maxQueued ?? 32,
    resourceLimits: options.resourceLimits ?? { maxOldGenerationSizeMb: 128 },
  });
  return {
    async prepare(bytes: Uint8Array, prepareOptions: PrepareImageOptions = {}): Promise<PreparedImage> {
      const out = await runner.run({ bytes, options: prepareOptions });
      if (!out.ok) throw new ImageError(out.code, out.message);
      // Buffers arrive as plain Uint8Arrays after crossing the thread boundary.
      const { image } = out.prepared;
      return { ...out.prepared, image: Buffer.from(image.buffer, image.byteOffset, image.byteLength) };
    },
  };
}

export type PrepareImageRunner = ReturnType<typeof createPrepareImageRunner>;
