import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli-process.js';
import { createTestDatabase } from '../../test/support/database.js';
import { createAuditRepository, createAuditService } from '../modules/audit/index.js';

describe('boveda audit verify', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-audit-cli-'));
    env = { ...process.env, DATABASE_URL: database.url, BOVEDA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says ok for intact chains and exits 1 naming the first broken event', async () => {
    // Seeded in-process: each CLI run starts a whole process, the ones below are what is tested.
    const audit = createAuditService(createAuditRepository(database.db));
    const tenant = async (slug: string) => {
      const { rows } = await database.pool.query<{ id: string }>(
        'INSERT INTO tenants (name, slug) VALUES ($1, $1) RETURNING id',
        [slug],
      );
      for (const action of ['tenant.created', 'user.created', 'api_key.created'])
        await audit.record({ tenantId: rows[0]!.id, actor: { type: 'cli', label: 'cli:test' }, action });
      return rows[0]!.id;
    };
    const idA = await tenant('cadena-rota');
    await tenant('cadena-intacta');
    await audit.record({ tenantId: null, actor: { type: 'system' }, action: 'auth.login.failed' });

    const fine = await runCli(['audit', 'verify'], env);
    expect(fine.code, fine.stderr).toBe(0);
    expect(fine.stdout.split('\n').sort().join('\n')).toBe(
      [
        '',
        'cadena-intacta: ok, 3 events verified',
        'cadena-rota: ok, 3 events verified',
        'global: ok, 1 event verified',
      ].join('\n'),
    );

    const client = await database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 2', [idA]);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('cadena-intacta: ok, 3 events verified');
    expect(broken.stdout).toMatch(
      /^cadena-rota: BROKEN at event \d+ \(position 3\): gap, .*first missing position 2/m,
    );
    const json = await runCli(['audit', 'verify', '--org', 'cadena-rota', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      slug: 'cadena-rota',
      tenantId: idA,
      ok: false,
      checked: 2,
      firstBroken: { seq: 3, reason: 'gap', expectedSeq: 2 },
    });
  });
});
