import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/platform/db/client.js';
import { runMigrations } from '../../src/platform/db/migrate.js';

/**
 * A fresh, migrated database for one test file, dropped by `close()`: a copy of the run's template
 * (global-setup), then `runMigrations`, which finds nothing to apply and checks that.
 */
export async function createTestDatabase(): Promise<Database & { adminUrl: string }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createDatabase(url.toString(), 5);
  await runMigrations(database.pool);
  return {
    ...database,
    adminUrl,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
