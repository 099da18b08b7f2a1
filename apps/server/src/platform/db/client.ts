import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

// NUMERIC and INT8 come back as strings by default; keep it so: money must stay exact.
export function createDatabase(url: string, poolMax = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'boveda' });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as Db;
  return { db, pool, url, close: () => pool.end() };
}
