import type pg from 'pg';
import { DOCUMENT_COLUMNS, DOCUMENT_WIDTH, type Param } from './ingestion/document-row.js';
import { METADATA_COLUMNS } from './ingestion/metadata-row.js';

/**
 * Write side of the cfdi module (the search side lives in cfdi.search.repository.ts). Raw SQL on
 * node-postgres: multi-row statements with thousands of parameters, prepared once per connection.
 */

export interface IngestionStart {
  tenantId: string;
  kind: 'cfdi' | 'metadata';
  sourceObjectKey: string;
  satPackageId: string | null;
}

export interface IngestionCounts {
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  skippedEntries: number;
  rejections: { file: string; code: string; reason: string }[];
  durationMs: number;
}

/** A row PostgreSQL refused on its own (after bisecting its batch), with the server's message. */
export interface StoreFailure {
  index: number;
  reason: string;
}

export interface BatchResult {
  stored: number;
  failures: StoreFailure[];
}

export interface MetadataBatchResult extends BatchResult {
  /** CFDI rows whose status changed because of this batch. */
  documentsUpdated: number;
}

export function createCfdiRepository(pool: pg.Pool) {
  return {
    async startIngestion(s: IngestionStart): Promise<string> {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO cfdi_ingestions (tenant_id, kind, source_object_key, sat_package_id)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [s.tenantId, s.kind, s.sourceObjectKey, s.satPackageId],
      );
      return rows[0]!.id;
    },

    /** On `on` when given (a transaction that also publishes the outcome), else on the pool. */
    async finishIngestion(
      id: string,
      c: IngestionCounts,
      error: string | null,
      on: { query: pg.Pool['query'] } | { query(text: string, values?: unknown[]): Promise<unknown> } = pool,
    ): Promise<void> {
      await on.query(
        `UPDATE cfdi_ingestions SET state = $2, complete = $3, read = $4, stored = $5, duplicates = $6,
           rejected = $7, skipped_entries = $8, rejections = $9, duration_ms = $10, error = $11,
           finished_at = now()
         WHERE id = $1`,
        [
          id,
          error === null ? 'completed' : 'failed',
          error === null,
          c.read,
          c.stored,
          c.duplicates,
          c.rejected,
          c.skippedEntries,
          JSON.stringify(c.rejections),
          c.durationMs,
          error,
        ],
      );
    },

    async findIngestion(tenantId: string, id: string) {
      const { rows } = await pool.query(
        `SELECT id, tenant_id AS "tenantId", kind, source_object_key AS "sourceObjectKey",
           sat_package_id AS "satPackageId", state, read, stored, duplicates, rejected,
           skipped_entries AS "skippedEntries", rejections, error, duration_ms::float8 AS "durationMs",
           complete, started_at AS "startedAt", finished_at AS "finishedAt"
         FROM cfdi_ingestions WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return rows[0] as IngestionRow | undefined;
    },

    /** A dedicated connection for one ingestion's batches (see BatchWriter). */
    async openWriter(): Promise<BatchWriter> {
      const client = await pool.connect();
      return openBatchWriter(client, async (broken) => client.release(broken));
    },
  };
}

/**
 * A BatchWriter on any connection (a pool client, or a parse worker's own client). `close`
 * receives an error when the connection may be left mid-transaction and must not be reused.
 */
export async function openBatchWriter(
  client: pg.ClientBase,
  close: (broken?: Error) => Promise<void>,
): Promise<BatchWriter> {
  try {
    // Batches are idempotent and re-run from the package in object storage after a crash, so
    // they need not wait for their WAL flush; finishIngestion (synchronous, on another
    // connection) flushes the WAL up to itself, and with it every batch committed before.
    await client.query('SET synchronous_commit TO off');
  } catch (e) {
    await close(e as Error);
    throw e;
  }
  return createBatchWriter(client, close);
}

export type CfdiRepository = ReturnType<typeof createCfdiRepository>;

export interface IngestionRow {
  id: string;
  tenantId: string;
  kind: 'cfdi' | 'metadata';
  sourceObjectKey: string;
  satPackageId: string | null;
  state: 'running' | 'completed' | 'failed';
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  skippedEntries: number;
  rejections: { file: string; code: string; reason: string }[] | null;
  error: string | null;
  durationMs: number | null;
  complete: boolean;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface BatchWriter {
  insertDocuments(
    scope: { tenantId: string; ingestionId: string; objectKey: string },
    params: Param[],
  ): Promise<BatchResult>;
  /**
   * `columns`: one binary text[] per METADATA_COLUMNS entry, `rows` elements each;
   * `hasDuplicates`: some UUID appears more than once (the statement then folds them).
   */
  upsertMetadata(
    scope: { tenantId: string; ingestionId: string },
    columns: Buffer[],
    rows: number,
    hasDuplicates: boolean,
  ): Promise<MetadataBatchResult>;
  release(): Promise<void>;
}

/**
 * Metadata and CFDI of one UUID may arrive in concurrent ingestions of the same tenant. A metadata
 * batch carries statuses onto the CFDI it sees in the same statement, holding a shared advisory
 * lock; a CFDI batch, after committing its rows, takes that lock exclusively (waiting for metadata
 * statements in flight) and then reads the metadata of what it stored. Whichever runs second sees
 * the other, so no CFDI is left 'unknown'; metadata batches never wait for each other.
 */
const LOCK = `hashtextextended('cfdi-status:' || $1::text, 0)`;
/**
 * Metadata batches (shared mode) also stand in for cfdi_metadata's tenant foreign key, once per
 * batch instead of once per row: the tenant must exist, and FOR KEY SHARE keeps it from being
 * deleted until the batch commits (migration 0010, ADR 0004). No row: the tenant is gone.
 */
const SHARED_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(${LOCK}) FROM tenants WHERE id = $1::uuid FOR KEY SHARE`;
const EXCLUSIVE_LOCK_SQL = `SELECT pg_advisory_xact_lock(${LOCK})`;

function createBatchWriter(client: pg.ClientBase, close: (broken?: Error) => Promise<void>): BatchWriter {
  let broken = false;

  async function locked<T>(mode: 'shared' | 'exclusive', tenantId: string, run: () => Promise<T>) {
    await client.query('BEGIN');
    try {
      const lock = await client.query({
        name: `cfdi_status_lock_${mode}`,
        text: mode === 'shared' ? SHARED_LOCK_SQL : EXCLUSIVE_LOCK_SQL,
        values: [tenantId],
      });
      if (lock.rowCount === 0) throw new Error(`tenant ${tenantId} does not exist`);
      const result = await run();
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    }
  }

  return {
    async insertDocuments(scope, params) {
      const rows = params.length / DOCUMENT_WIDTH;
      const stored: string[] = [];
      const result = await bisect(rows, async (from, to) => {
        const slice =
          from === 0 && to === rows ? params : params.slice(from * DOCUMENT_WIDTH, to * DOCUMENT_WIDTH);
        const inserted = await client.query<{ uuid: string }>({
          name: `cfdi_documents_insert_${to - from}`,
          text: documentInsertSql(to - from),
          values: [scope.tenantId, scope.ingestionId, scope.objectKey, ...slice],
        });
        for (const r of inserted.rows) stored.push(r.uuid);
        return inserted.rowCount ?? 0;
      });
      if (stored.length > 0) {
        await locked('exclusive', scope.tenantId, () =>
          client.query({
            name: 'cfdi_documents_status_from_metadata',
            text: STATUS_FROM_METADATA_SQL,
            values: [scope.tenantId, stored],
          }),
        );
      }
      return result;
    },

    async upsertMetadata(scope, columns, rows, hasDuplicates) {
      let documentsUpdated = 0;
      // A refused batch is bisected on the server: the statement slices the same arrays.
      const result = await bisect(rows, async (from, to) => {
        const { rows: out } = await locked('shared', scope.tenantId, () =>
          client.query<{ inserted: number; documents: number }>({
            name: hasDuplicates ? 'cfdi_metadata_upsert_folded' : 'cfdi_metadata_upsert',
            text: hasDuplicates ? METADATA_UPSERT_FOLDED_SQL : METADATA_UPSERT_SQL,
            values: [scope.tenantId, scope.ingestionId, from + 1, to, ...columns],
          }),
        );
        documentsUpdated += out[0]!.documents;
        return out[0]!.inserted;
      });
      return { ...result, documentsUpdated };
    },

    async release() {
      if (!broken) await client.query('RESET synchronous_commit').catch(() => (broken = true));
      await close(broken ? new Error('connection left in an unknown state') : undefined);
    },
  };
}

// A cancellation is final at SAT: a later "vigente" (an older metadata file) never undoes it.
const STATUS_FROM_METADATA_SQL = `UPDATE cfdi_documents d SET status = m.status, cancelled_at = m.cancelled_at
FROM cfdi_metadata m
WHERE m.tenant_id = $1::uuid AND m.uuid = ANY($2::uuid[]) AND d.tenant_id = $1::uuid AND d.uuid = m.uuid
  AND d.status <> 'cancelado' AND (d.status, d.cancelled_at) IS DISTINCT FROM (m.status, m.cancelled_at)`;

/**
 * Runs a batch; if PostgreSQL refuses it for a data reason (SQLSTATE class 22 or 23), splits it in
 * halves until the offending rows stand alone, so one bad row never costs its neighbours.
 */
async function bisect(
  rows: number,
  run: (from: number, to: number) => Promise<number>,
): Promise<BatchResult> {
  const failures: StoreFailure[] = [];
  let stored = 0;
  const step = async (from: number, to: number): Promise<void> => {
    if (from >= to) return;
    try {
      stored += await run(from, to);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !/^2[23]/.test(code)) throw e;
      if (to - from === 1) {
        failures.push({ index: from, reason: `${code}: ${(e as Error).message.slice(0, 200)}` });
        return;
      }
      const mid = from + Math.ceil((to - from) / 2);
      await step(from, mid);
      await step(mid, to);
    }
  };
  await step(0, rows);
  return { stored, failures };
}

const documentSqlCache = new Map<number, string>();

/** The status comes from metadata already stored for the UUID (a CFDI may arrive after it). */
function documentInsertSql(rows: number): string {
  const cached = documentSqlCache.get(rows);
  if (cached) return cached;
  const names = DOCUMENT_COLUMNS.map(([name]) => name);
  const tuples: string[] = [];
  let p = 4;
  for (let r = 0; r < rows; r++) {
    tuples.push(`(${DOCUMENT_COLUMNS.map(([, type]) => `$${p++}::${type}`).join(',')})`);
  }
  const sql = `INSERT INTO cfdi_documents (tenant_id, ingestion_id, source_object_key, status, cancelled_at, ${names.join(', ')})
SELECT $1::uuid, $2::uuid, $3::text, coalesce(m.status, 'unknown'), m.cancelled_at, ${names.map((n) => `v.${n}`).join(', ')}
FROM (VALUES ${tuples.join(',')}) AS v(${names.join(', ')})
LEFT JOIN cfdi_metadata m ON m.tenant_id = $1::uuid AND m.uuid = v.uuid
ON CONFLICT (tenant_id, uuid) DO NOTHING
RETURNING uuid`;
  if (documentSqlCache.size < 8) documentSqlCache.set(rows, sql);
  return sql;
}

const metaNames = METADATA_COLUMNS.map(([name]) => name);
const metaData = metaNames.filter((n) => n !== 'uuid' && n !== 'status' && n !== 'cancelled_at');
// A cancellation is final at SAT: an older metadata file saying "vigente" never undoes it.
const keepCancelled = (col: string) =>
  `CASE WHEN m.status = 'cancelado' THEN m.${col} ELSE excluded.${col} END`;

/**
 * The batch arrives as one binary text[] per column; each value is cast to its column's type here
 * (a value PostgreSQL refuses fails the statement with class 22, and bisect isolates its row).
 * `fold`: lines of the same UUID in one batch are folded first (ON CONFLICT DO UPDATE cannot touch
 * a row twice): the last cancellation if there is one, otherwise the last line.
 */
function metadataUpsertSql(fold: boolean): string {
  const cast = (name: string, type: string) => (type === 'text' ? `r.${name}` : `r.${name}::${type}`);
  const select = METADATA_COLUMNS.map(([name, type]) => `${cast(name, type)} AS ${name}`).join(', ');
  const unnest = METADATA_COLUMNS.map((_, i) => `($${i + 5}::text[])[$3::int:$4::int]`).join(', ');
  const rows = `unnest(${unnest}) WITH ORDINALITY AS r(${metaNames.join(', ')}, ord)`;
  const v = fold
    ? `SELECT DISTINCT ON (r.uuid) ${select} FROM ${rows}
  ORDER BY r.uuid, (r.status = 'cancelado') DESC, r.ord DESC`
    : `SELECT ${select} FROM ${rows}`;
  return `WITH v AS (
  ${v}
), up AS (
  INSERT INTO cfdi_metadata AS m (tenant_id, ingestion_id, ${metaNames.join(', ')})
  SELECT $1::uuid, $2::uuid, ${metaNames.map((n) => `v.${n}`).join(', ')} FROM v
  ON CONFLICT (tenant_id, uuid) DO UPDATE SET
    ${metaData.map((n) => `${n} = excluded.${n}`).join(', ')},
    status = ${keepCancelled('status')}, cancelled_at = ${keepCancelled('cancelled_at')},
    ingestion_id = excluded.ingestion_id, ingested_at = now()
  WHERE (${metaData.map((n) => `m.${n}`).join(', ')}, m.status, m.cancelled_at)
    IS DISTINCT FROM (${metaData.map((n) => `excluded.${n}`).join(', ')}, ${keepCancelled('status')}, ${keepCancelled('cancelled_at')})
  RETURNING m.uuid, m.status, m.cancelled_at, (m.xmax = 0) AS inserted
), docs AS (
  -- "= ANY (ARRAY(…))" makes PostgreSQL probe the primary key once per UUID of the batch; a plain
  -- join to up let it hash the tenant's whole cfdi_documents for every batch (1M metadata rows
  -- over 200k CFDI: 19.8 s of upserts vs 12.7 s this way).
  UPDATE cfdi_documents d SET status = up.status, cancelled_at = up.cancelled_at
  FROM up
  WHERE d.tenant_id = $1::uuid AND d.uuid = ANY (ARRAY(SELECT uuid FROM up)) AND d.uuid = up.uuid
    AND d.status <> 'cancelado'
    AND (d.status, d.cancelled_at) IS DISTINCT FROM (up.status, up.cancelled_at)
  RETURNING 1
)
SELECT (SELECT count(*) FROM up WHERE inserted)::int AS inserted, (SELECT count(*) FROM docs)::int AS documents`;
}

const METADATA_UPSERT_SQL = metadataUpsertSql(false);
const METADATA_UPSERT_FOLDED_SQL = metadataUpsertSql(true);
