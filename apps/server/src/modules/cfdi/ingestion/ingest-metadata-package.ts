import { spawnWorker, workerEntry } from '../../../platform/workers/index.js';
import type { CfdiRepository } from '../cfdi.repository.js';
import { withDispatcher } from './batch-dispatcher.js';
import { binaryTextArrayElement } from './binary-text-array.js';
import type { IngestionReport } from './ingestion-report.js';
import { type MetadataBatch, metadataBatches } from './metadata-batches.js';
import type { MetadataWorkerInput, MetadataWorkerMessage } from './metadata-worker.js';
import { packageError } from './partition-workers.js';

export interface MetadataIngestTuning {
  /** Rows per upsert statement (sent as one array per column). */
  batchRows: number;
  connections: number;
  /** Zips smaller than this are parsed on the main thread (no worker start-up). */
  inlineBelowBytes: number;
}

// 20,000 rows × 15 columns (≈ 4.5 MB of buffers): fewer round trips; 2 connections let
// PostgreSQL use both cores.
export const DEFAULT_METADATA_TUNING: MetadataIngestTuning = {
  batchRows: 20_000,
  connections: 2,
  inlineBelowBytes: 1024 * 1024,
};

// 20,000-row batches, two waiting: the worker's heap stays well under this.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/**
 * Streams a metadata package (local file) into cfdi_metadata and carries each status onto the
 * CFDI of the same UUID. A worker thread parses and encodes; this thread sends the statements.
 */
export async function ingestMetadataZip(
  repo: CfdiRepository,
  scope: { tenantId: string; ingestionId: string },
  zip: { path: string; size: number },
  tuning: MetadataIngestTuning,
  report: IngestionReport,
): Promise<void> {
  await withDispatcher(repo, tuning.connections, async (send) => {
    const handle = async (batch: MetadataBatch) => {
      for (const f of batch.failures) {
        if (f.skipped) report.skip();
        else report.reject(f.line === undefined ? f.file : `${f.file}:${f.line}`, f.code, f.reason);
      }
      if (batch.rows === 0) return;
      await send(async (writer) => {
        const result = await writer.upsertMetadata(scope, batch.columns, batch.rows, batch.hasDuplicates);
        for (const f of result.failures) {
          const uuid = binaryTextArrayElement(batch.columns[0]!, f.index) ?? '?';
          report.reject(`uuid ${uuid}`, 'STORE_REJECTED', f.reason);
        }
        report.batch(batch.rows, result.stored, result.failures.length);
      });
    };
    if (zip.size < tuning.inlineBelowBytes) await metadataBatches(zip.path, tuning.batchRows, handle);
    else await inWorker({ zipPath: zip.path, batchRows: tuning.batchRows }, handle);
  });
}

async function inWorker(
  input: MetadataWorkerInput,
  handle: (b: MetadataBatch) => Promise<void>,
): Promise<void> {
  const worker = await spawnWorker(workerEntry(import.meta.url, 'metadata-worker'), input, WORKER_LIMITS);
  let chain = Promise.resolve();
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: MetadataWorkerMessage) => {
      if (m.type === 'batch') {
        // Transferred buffers arrive as plain Uint8Arrays; node-postgres needs Buffers.
        const batch = {
          ...m.batch,
          columns: m.batch.columns.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length)),
        };
        // Batches are handled in order; the credit lets the worker read one more.
        chain = chain.then(() => handle(batch)).then(() => worker.postMessage('credit'));
        chain.catch(reject);
      } else if (m.type === 'done') chain.then(resolve, reject);
      else reject(packageError(m.code, m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`metadata worker exited with code ${code}`));
    });
  });
  return done.finally(() => worker.terminate());
}
