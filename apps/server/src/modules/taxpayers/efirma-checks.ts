import type { TrustStore } from '../../platform/pki/index.js';
import {
  createWorkerTaskRunner,
  WorkerTaskBusyError,
  WorkerTaskTimeoutError,
  workerEntry,
} from '../../platform/workers/index.js';
import type { KeyProof, KeyProofInput } from './efirma-key-proof.js';
import type { EfirmaChecks } from './efirma-validation.js';
import { taxpayerErrors } from './taxpayers.errors.js';

export interface EfirmaChecksOptions {
  trust: TrustStore;
  /**
   * Bound on one key check, queueing included. A SAT key takes ~50 ms and the costliest key
   * accepted (100,000 PBKDF2 iterations) under a second, so 15 s only trips on a stuck thread.
   */
  timeoutMs?: number;
  /** Key checks at once per process; uploads are rare and each holds a core for up to a second. */
  maxConcurrent?: number;
}

/**
 * The production `EfirmaChecks`: the password and key-match checks of `validateEfirma` run on a
 * worker thread per upload, so the event loop that answers every tenant's requests never waits for
 * PBKDF2 or RSA work, and a check that overruns its bound is terminated and answered with 503.
 */
export function createEfirmaChecks(options: EfirmaChecksOptions): EfirmaChecks {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const runner = createWorkerTaskRunner<KeyProofInput, KeyProof>({
    entry: workerEntry(import.meta.url, 'efirma-key.worker'),
    timeoutMs,
    maxConcurrent: options.maxConcurrent ?? 2,
    maxQueued: 16,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
  return {
    trust: options.trust,
    async proveKey(input) {
      try {
        return await runner.run(input);
      } catch (err) {
        if (err instanceof WorkerTaskTimeoutError || err instanceof WorkerTaskBusyError) {
          throw taxpayerErrors(
            'EFIRMA_CHECK_UNAVAILABLE',
            err instanceof WorkerTaskBusyError
              ? 'Too many e.firma checks are running; try again in a moment.'
              : `The e.firma check did not finish within ${timeoutMs / 1000} s; try again in a moment.`,
          );
        }
        throw err;
      }
    },
  };
}
