import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli-process.js';
import { createTestDatabase } from '../../test/support/database.js';

describe('boveda plan', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-plan-cli-'));
    env = { ...process.env, DATABASE_URL: database.url, BOVEDA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
    await database.pool.query("INSERT INTO tenants (name, slug) VALUES ('Despacho Norte', 'norte')");
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('defines a plan, assigns it, shows the usage and refuses what it must', async () => {
    const created = await runCli(
      ['plan', 'create', 'basico', '--name', 'Básico', '--documents', '500', '--taxpayers', '3', '--json'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      code: 'basico',
      limits: { documentsPerMonth: 500, taxpayers: 3, connectors: null },
    });

    const assigned = await runCli(['plan', 'assign', 'norte', 'basico'], env);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('Despacho Norte: plan basico (Básico)');
    expect(assigned.stdout).toMatch(/documents\s+0 \/ 500 \(0 %\)/);

    // Each run starts a whole process: the rest is covered by the operator API's tests.
    const updated = await runCli(['plan', 'update', 'basico', '--documents', 'unlimited', '--json'], env);
    expect(JSON.parse(updated.stdout).limits.documentsPerMonth).toBeNull();

    const inUse = await runCli(['plan', 'delete', 'basico'], env);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('PLAN_IN_USE');
    const bad = await runCli(['plan', 'create', 'otro', '--name', 'Otro', '--documents', 'muchos'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--documents');
  });
});
