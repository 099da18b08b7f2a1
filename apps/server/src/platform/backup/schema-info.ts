import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * The application's tables: every ordinary or partitioned table of the `public` schema (partitions
 * are read and written through their parent). `drizzle` (the migrations, replayed by the restore)
 * and `pgboss` (the job queue, ADR 0022) are not backed up.
 */
export const BACKED_UP_SCHEMA = 'public';

export interface TableInfo {
  name: string;
  /** Every stored column in attribute order; generated columns are left out (PostgreSQL computes them). */
  columns: string[];
}

export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const { rows } = await db.query<{ name: string; columns: string[] }>(
    `SELECT c.relname::text AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [BACKED_UP_SCHEMA],
  );
  return rows;
}

/**
 * Tables ordered so that every table comes after the tables its foreign keys point to: loading in
 * this order satisfies the (non-deferrable) constraints without superuser rights
 * (`session_replication_role`) or disabling triggers. A self-reference is fine (PostgreSQL checks
 * it at the end of the COPY statement); a cycle between two tables is refused.
 */
export async function foreignKeyOrder(db: Queryable, tables: TableInfo[]): Promise<TableInfo[]> {
  const { rows } = await db.query<{ child: string; parent: string }>(
    `SELECT ch.relname::text AS child, pa.relname::text AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = $1`,
    [BACKED_UP_SCHEMA],
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const { child, parent } of rows)
    if (child !== parent && byName.has(parent)) parents.get(child)?.add(parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p)),
    );
    if (ready.length === 0) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`foreign keys form a cycle among: ${left.join(', ')}`);
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t.name);
    }
  }
  return ordered;
}

export interface SequenceValue {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** Every sequence of the schema (serial and identity columns) with its current value. */
export async function readSequences(db: Queryable): Promise<SequenceValue[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [BACKED_UP_SCHEMA],
  );
  const out: SequenceValue[] = [];
  for (const { name } of rows) {
    const { rows: v } = await db.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${BACKED_UP_SCHEMA}."${name.replaceAll('"', '""')}"`,
    );
    out.push({ name, lastValue: v[0]!.last_value, isCalled: v[0]!.is_called });
  }
  return out;
}

/** Tables of the schema holding at least one row (a restore's target must have none). */
export async function tablesWithRows(db: Queryable, tables: TableInfo[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const { rowCount } = await db.query(
      `SELECT 1 FROM ${BACKED_UP_SCHEMA}."${t.name.replaceAll('"', '""')}" LIMIT 1`,
    );
    if (rowCount) out.push(t.name);
  }
  return out;
}

/** The `created_at` (journal `when`) of each applied migration; empty when none ever ran. */
export async function appliedMigrationTimes(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  if (!rows[0]?.exists) return [];
  const applied = await db.query<{ created_at: string }>(
    'SELECT created_at FROM drizzle.__drizzle_migrations',
  );
  return applied.rows.map((r) => Number(r.created_at));
}
