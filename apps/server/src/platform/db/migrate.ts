import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

export interface Migration {
  tag: string;
  /** The journal's `when`: the migration's identity in `drizzle.__drizzle_migrations.created_at`. */
  when: number;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** The generated migrations in journal order; refuses a journal two branches merged badly. */
export function readMigrations(folder = migrationsFolder): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
  const seenTags = new Set<string>();
  const seenWhen = new Set<number>();
  return journal.entries.map((entry) => {
    if (seenTags.has(entry.tag) || seenWhen.has(entry.when))
      throw new Error(`migration journal lists ${entry.tag} twice (tag or timestamp); run npm run db:check`);
    seenTags.add(entry.tag);
    seenWhen.add(entry.when);
    const text = readFileSync(path.join(folder, `${entry.tag}.sql`), 'utf8');
    return {
      tag: entry.tag,
      when: entry.when,
      // The same hash drizzle-kit's migrator records, so either tool can read the table.
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

/**
 * Applies every generated migration this database has not applied yet, each in its own transaction,
 * under a session advisory lock (api and worker may start together).
 *
 * Drizzle's own migrator applies only migrations newer than the newest one applied: a migration
 * generated on a branch and merged after a later one would be skipped forever. This runner keeps
 * drizzle's table (`drizzle.__drizzle_migrations`, so existing databases need nothing) but compares
 * sets: whatever is missing is applied, in journal order.
 */
export async function runMigrations(
  pool: pg.Pool,
  migrations: Migration[] = readMigrations(),
): Promise<{ applied: string[]; unknown: number }> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('boveda:migrations'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await client.query(
      'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
    );
    // When each one was applied, for `boveda migrate --status`. drizzle-kit names its columns when
    // it reads or writes the table, so an extra one with a default is invisible to it. Rows applied
    // before this column existed keep NULL: their time was never recorded.
    if (!(await hasAppliedAt(client))) {
      await client.query('ALTER TABLE drizzle.__drizzle_migrations ADD COLUMN applied_at timestamptz');
      await client.query(
        'ALTER TABLE drizzle.__drizzle_migrations ALTER COLUMN applied_at SET DEFAULT now()',
      );
    }
    const { rows } = await client.query<{ created_at: string }>(
      'SELECT created_at FROM drizzle.__drizzle_migrations',
    );
    const done = new Set(rows.map((r) => Number(r.created_at)));
    for (const migration of migrations) {
      if (done.has(migration.when)) continue;
      await client.query('BEGIN');
      try {
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
          migration.hash,
          migration.when,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`migration ${migration.tag} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(migration.tag);
    }
    // Recorded here but not in this release: a newer release migrated this database. Migrations
    // only move forward, so the caller warns (this release's code may not fit that schema).
    const known = new Set(migrations.map((m) => m.when));
    return { applied, unknown: [...done].filter((when) => !known.has(when)).length };
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('boveda:migrations'))").catch(() => {});
    client.release();
  }
}

async function hasAppliedAt(client: pg.PoolClient | pg.Pool): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM information_schema.columns
      WHERE table_schema = 'drizzle' AND table_name = '__drizzle_migrations' AND column_name = 'applied_at'`,
  );
  return (rowCount ?? 0) > 0;
}

export interface MigrationStatus {
  applied: { tag: string; appliedAt: Date | null }[];
  pending: { tag: string }[];
  /**
   * Recorded in the database but absent from this release's folder: a newer release migrated this
   * database. Migrations only move forward, so this release must not run against it.
   */
  unknown: { createdAt: number; appliedAt: Date | null }[];
}

/**
 * Applied and pending migrations, read-only: takes no lock and changes nothing (a database never
 * migrated answers everything pending).
 */
export async function migrationStatus(
  pool: pg.Pool,
  migrations: Migration[] = readMigrations(),
): Promise<MigrationStatus> {
  const { rows: exists } = await pool.query<{ present: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
  );
  const recorded = new Map<number, Date | null>();
  if (exists[0]?.present) {
    const withTime = await hasAppliedAt(pool);
    const { rows } = await pool.query<{ created_at: string; applied_at: Date | null }>(
      `SELECT created_at, ${withTime ? 'applied_at' : 'NULL::timestamptz AS applied_at'}
         FROM drizzle.__drizzle_migrations ORDER BY id`,
    );
    for (const row of rows) recorded.set(Number(row.created_at), row.applied_at);
  }
  const known = new Set(migrations.map((m) => m.when));
  return {
    applied: migrations
      .filter((m) => recorded.has(m.when))
      .map((m) => ({ tag: m.tag, appliedAt: recorded.get(m.when) ?? null })),
    pending: migrations.filter((m) => !recorded.has(m.when)).map((m) => ({ tag: m.tag })),
    unknown: [...recorded]
      .filter(([when]) => !known.has(when))
      .map(([createdAt, appliedAt]) => ({ createdAt, appliedAt })),
  };
}
