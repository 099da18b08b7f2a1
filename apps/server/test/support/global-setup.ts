import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/platform/db/client.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';
import { runMigrations } from '../../src/platform/db/migrate.js';

/**
 * One PostgreSQL for the whole run: the embedded one in a temp dir, or the server named by
 * DATABASE_URL (CI runs the suite both ways). Each test file then creates its own database, copied
 * from one template migrated here once (a copy takes a fraction of running the migrations per file).
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let adminUrl = external;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-test-pg-'));
    // mkdtemp makes 0700 dirs; as root, PostgreSQL runs as the postgres user and must traverse it.
    await chmod(dir, 0o755);
    const pg = await startEmbeddedPostgres(dir, () => {});
    adminUrl = pg.url;
    stopServer = async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const template = await createTemplateDatabase(adminUrl);
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await stopServer();
  };
}

async function createTemplateDatabase(adminUrl: string): Promise<string> {
  const name = `t_template_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createDatabase(url.toString(), 1);
  try {
    await runMigrations(database.pool);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await database.close();
  }
  return name;
}

async function admin(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    /** A database with every migration applied, for `CREATE DATABASE … TEMPLATE`. */
    templateDatabase: string;
  }
}
