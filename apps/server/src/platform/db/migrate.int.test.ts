import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { runMigrations } from './migrate.js';

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
