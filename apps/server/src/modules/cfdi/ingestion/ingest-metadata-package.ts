import type { CfdiRepository } from '../cfdi.repository.js';
import { readMetadataPackage } from '../parsing/index.js';
import { withDispatcher } from './batch-dispatcher.js';
import type { IngestionReport } from './ingestion-report.js';
import { dedupeByUuid, type MetadataTuple, metadataTuple } from './metadata-row.js';

export interface MetadataIngestTuning {
  /** Rows per upsert statement (sent as one array per column). */
  batchRows: number;
  connections: number;
}

// 20,000 rows × 15 columns: fewer round trips; 2 connections let PostgreSQL use both cores.
export const DEFAULT_METADATA_TUNING: MetadataIngestTuning = { batchRows: 20_000, connections: 2 };

/**
 * Streams a metadata package (local file) into cfdi_metadata and carries each status onto the
 * CFDI of the same UUID. A rejected row counts against its file and line.
 */
export async function ingestMetadataZip(
  repo: CfdiRepository,
  scope: { tenantId: string; ingestionId: string },
  zip: { path: string },
  tuning: MetadataIngestTuning,
  report: IngestionReport,
): Promise<void> {
  await withDispatcher(repo, tuning.connections, async (send) => {
    let batch: MetadataTuple[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await send(async (writer) => {
        const unique = dedupeByUuid(rows);
        const result = await writer.upsertMetadata(scope, unique);
        for (const f of result.failures)
          report.reject(`uuid ${unique[f.index]?.[0] ?? '?'}`, 'STORE_REJECTED', f.reason);
        report.batch(rows.length, result.stored, result.failures.length);
      });
    };
    for await (const item of readMetadataPackage(zip.path)) {
      if (item.ok) {
        batch.push(metadataTuple(item.row));
        if (batch.length >= tuning.batchRows) await flush();
      } else if (item.skipped) {
        report.skip();
      } else {
        const where = item.line === undefined ? item.file : `${item.file}:${item.line}`;
        report.reject(where, item.code, item.reason);
      }
    }
    if (batch.length > 0) await flush();
  });
}
