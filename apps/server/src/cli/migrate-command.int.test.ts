import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli-process.js';
import { createTestDatabase } from '../../test/support/database.js';
import { readMigrations } from '../platform/db/migrate.js';

describe('boveda migrate --status', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: NodeJS.ProcessEnv;
  const migrations = readMigrations();
  const last = migrations.at(-1)!;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
    delete env.REDIS_URL;
    // As if this release brought one migration the database has not applied yet.
    await database.pool.query('DELETE FROM drizzle.__drizzle_migrations WHERE created_at = $1', [last.when]);
  });
  afterAll(() => database?.close());

  it('lists applied and pending migrations, applies nothing, and exits 0', async () => {
    const text = await runCli(['migrate', '--status'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Applied (${migrations.length - 1}):`);
    expect(text.stdout).toMatch(new RegExp(`  ${migrations[0]!.tag}  \\d{4}-\\d\\d-\\d\\dT`));
    expect(text.stdout).toContain(`Pending (1):\n  ${last.tag}\n`);

    const json = await runCli(['migrate', '--status', '--json'], env);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout) as {
      applied: { tag: string; appliedAt: string | null }[];
      pending: { tag: string }[];
      unknown: unknown[];
    };
    expect(status.pending).toEqual([{ tag: last.tag }]);
    expect(status.applied.map((m) => m.tag)).toEqual(migrations.slice(0, -1).map((m) => m.tag));
    expect(status.unknown).toEqual([]);

    // Still pending: --status only reads.
    const { rowCount } = await database.pool.query(
      'SELECT 1 FROM drizzle.__drizzle_migrations WHERE created_at = $1',
      [last.when],
    );
    expect(rowCount).toBe(0);
  });

  it('shows nothing pending once the migration is recorded, with the time it was recorded', async () => {
    // The migration's statements already ran on this database (only its record was removed), so
    // record it again as the runner would rather than run its DDL twice.
    await database.pool.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      last.hash,
      last.when,
    ]);
    const json = await runCli(['migrate', '--status', '--json'], env);
    const status = JSON.parse(json.stdout) as {
      applied: { tag: string; appliedAt: string | null }[];
      pending: unknown[];
    };
    expect(status.pending).toEqual([]);
    expect(status.applied.at(-1)).toMatchObject({
      tag: last.tag,
      appliedAt: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('names migrations of a newer release the database already has', async () => {
    await database.pool.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      'from-a-newer-release',
      last.when + 1,
    ]);
    const text = await runCli(['migrate', '--status'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Not in this release (1)');
    expect(text.stdout).toContain(`created ${last.when + 1}`);
  });
});
