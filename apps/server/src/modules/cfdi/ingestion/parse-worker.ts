import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { openBatchWriter } from '../cfdi.repository.js';
import { ingestPartition, type PartitionProgress, type PartitionScope } from './ingest-partition.js';
import type { PartitionTask } from './parse-partition.js';

/**
 * Worker entry: parses its partition of the package and inserts it on its own connection, so
 * parsed rows never cross back to the main thread (no copies, no main-thread heap growth).
 */
export interface WorkerInput {
  task: PartitionTask;
  /** Serializable pg client options (connection string or host/user/…). */
  connection: pg.ClientConfig;
  scope: PartitionScope;
  batchRows: number;
}

export type WorkerMessage =
  | { type: 'progress'; progress: PartitionProgress }
  | { type: 'done' }
  | { type: 'error'; code: string | null; message: string };

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);
const input = workerData as WorkerInput;

const client = new pg.Client({ ...input.connection, application_name: 'boveda-cfdi-ingest' });
// A dropped connection surfaces as the failing query's error; don't crash the thread on the event.
client.on('error', () => {});
try {
  await client.connect();
  const writer = await openBatchWriter(client, async () => {});
  try {
    await ingestPartition(input.task, writer, input.scope, input.batchRows, (progress) =>
      post({ type: 'progress', progress }),
    );
  } finally {
    await writer.release().catch(() => {});
  }
  post({ type: 'done' });
} catch (e) {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : null;
  post({ type: 'error', code, message: e instanceof Error ? e.message : String(e) });
} finally {
  await client.end().catch(() => {});
}
