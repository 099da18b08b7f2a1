import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { migrationsFolder, readMigrations, runMigrations } from './migrate.js';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('creates the foundation tables and can be applied again without changes', async () => {
    await runMigrations(database.pool);
    const { rows } = await database.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'api_keys',
        'audit_events',
        'memberships',
        'sessions',
        'tenant_data_keys',
        'tenants',
        'users',
      ]),
    );
  });

  it('keeps the audit trail append-only', async () => {
    await database.pool.query(
      "INSERT INTO audit_events (actor_type, action) VALUES ('system', 'test.event')",
    );
    await expect(database.pool.query('UPDATE audit_events SET action = $1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(database.pool.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });
});

/** A generated-migrations folder as drizzle-kit writes it: a journal plus one SQL file per entry. */
function writeMigrations(entries: { tag: string; when: number; sql: string }[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'boveda-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  writeFileSync(
    path.join(dir, 'meta/_journal.json'),
    JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: entries.map((e, idx) => ({ idx, version: '7', when: e.when, tag: e.tag, breakpoints: true })),
    }),
  );
  for (const e of entries) writeFileSync(path.join(dir, `${e.tag}.sql`), e.sql);
  return dir;
}

describe('migrations merged from two branches', () => {
  let pool: pg.Pool;
  let name: string;
  const folders: string[] = [];
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  beforeAll(async () => {
    name = `t_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${name}`;
    pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });
  const folder = (entries: { tag: string; when: number; sql: string }[]) => {
    const dir = writeMigrations(entries);
    folders.push(dir);
    return readMigrations(dir);
  };
  const tables = async () =>
    (
      await pool.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.t);

  const base = { tag: '0000_base', when: 1000, sql: 'CREATE TABLE base (id int);' };
  const later = {
    tag: '20261204120000_orders',
    when: 3000,
    sql: 'CREATE TABLE orders (id int);\n--> statement-breakpoint\nCREATE INDEX orders_id ON orders (id);',
  };
  // Generated on another branch before `later`, merged after `later` was deployed.
  const lateMerged = { tag: '20261204110000_inbox', when: 2000, sql: 'CREATE TABLE inbox (id int);' };

  it('applies a migration merged after a newer one was already applied (drizzle would skip it)', async () => {
    expect((await runMigrations(pool, folder([base, later]))).applied).toEqual([
      '0000_base',
      '20261204120000_orders',
    ]);
    expect((await runMigrations(pool, folder([base, lateMerged, later]))).applied).toEqual([
      '20261204110000_inbox',
    ]);
    expect(await tables()).toEqual(['base', 'inbox', 'orders']);
    // Again: nothing left to do.
    expect((await runMigrations(pool, folder([base, lateMerged, later]))).applied).toEqual([]);
  });

  it('keeps what applied when one migration fails, and says which one failed', async () => {
    const broken = {
      tag: '20261204130000_broken',
      when: 4000,
      sql: 'CREATE TABLE half (id int);\n--> statement-breakpoint\nSELECT nope;',
    };
    const fine = { tag: '20261204125000_fine', when: 3500, sql: 'CREATE TABLE fine (id int);' };
    await expect(runMigrations(pool, folder([base, lateMerged, later, fine, broken]))).rejects.toThrow(
      /20261204130000_broken failed/,
    );
    // The broken migration left nothing half-written; the one before it stayed.
    expect(await tables()).toEqual(['base', 'fine', 'inbox', 'orders']);
  });

  it('counts the migrations of a newer release it does not know', async () => {
    // inbox and fine were applied above; an older release lists only base and orders.
    const result = await runMigrations(pool, folder([base, later]));
    expect(result).toEqual({ applied: [], unknown: 2 });
  });

  it('refuses a journal that lists one migration twice (a bad merge)', () => {
    expect(() => folder([base, later, { ...later, tag: '20261204120000_orders_again' }])).toThrow(/twice/);
  });

  it('takes over a database that drizzle-orm migrated, applying nothing twice', async () => {
    const other = `t_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${other}`);
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${other}`;
    const otherPool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      await migrate(drizzle(otherPool), { migrationsFolder });
      expect((await runMigrations(otherPool)).applied).toEqual([]);
    } finally {
      await otherPool.end();
      await admin(`DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
    }
  });
});
