import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';

/**
 * One PostgreSQL for the whole run: the embedded one in a temp dir, or the server named by
 * DATABASE_URL (CI runs the suite both ways). Each test file then creates its own database.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('adminDatabaseUrl', external);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-test-pg-'));
  // mkdtemp makes 0700 dirs; as root, PostgreSQL runs as the postgres user and must traverse it.
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir, () => {});
  project.provide('adminDatabaseUrl', pg.url);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
