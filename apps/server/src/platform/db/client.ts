import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createUnitOfWork, type UnitOfWork } from './transaction.js';

export type Db = NodePgDatabase<Record<string, never>>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  /** `transaction(async (tx) => …)`: see transaction.ts. */
  transaction: UnitOfWork;
  close(): Promise<void>;
}

// NUMERIC and INT8 come back as strings by default; keep it so: money must stay exact.
export function createDatabase(
  url: string,
  poolMax = 10,
  onAfterCommitError?: (err: unknown) => void,
): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'boveda' });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as Db;
  return { db, pool, url, transaction: createUnitOfWork(pool, onAfterCommitError), close: () => pool.end() };
}
