import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { createTestDatabase } from '../support/database.js';

describe('CLI for self-hosters', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-cli-'));
    await chmod(dataDir, 0o755);
    env = { ...process.env, DATABASE_URL: database.url, BOVEDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a tenant, an owner from a password on stdin, and an API key printed once as JSON', async () => {
    const tenant = await runCli(['tenant', 'create', 'Contadores del Norte', '--json'], env);
    expect(tenant.code).toBe(0);
    const { slug } = JSON.parse(tenant.stdout);
    expect(slug).toBe('contadores-del-norte');

    const user = await runCli(
      ['user', 'create', '--tenant', slug, '--email', 'Luz@Norte.mx', '--role', 'owner', '--password-stdin'],
      env,
      'una-clave-larga\n',
    );
    expect(user.code).toBe(0);
    expect(user.stdout).toContain('luz@norte.mx');

    const created = await runCli(['apikey', 'create', '--tenant', slug, '--role', 'admin', '--json'], env);
    expect(created.code).toBe(0);
    const parsed = JSON.parse(created.stdout);
    expect(Object.keys(parsed).sort()).toEqual(['id', 'key', 'signingSecret']);
    expect(parsed.key).toMatch(/^bov_live_/);
    expect(parsed.signingSecret).toMatch(/^bsk_/);

    // The password set on stdin signs in through the API.
    const { rows } = await database.pool.query('SELECT password_hash FROM users');
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(rows)).not.toContain('una-clave-larga');
  });

  it('prints a one-time password reset link for a member, never a password', async () => {
    const reset = await runCli(
      ['user', 'reset-password', '--tenant', 'contadores-del-norte', '--email', 'luz@norte.mx', '--json'],
      { ...env, PUBLIC_URL: 'https://boveda.norte.mx' },
    );
    expect(reset.code).toBe(0);
    const { link, expiresInMinutes } = JSON.parse(reset.stdout);
    expect(link).toMatch(/^https:\/\/boveda\.norte\.mx\/restablecer\?token=[A-Za-z0-9_-]{43}$/);
    expect(expiresInMinutes).toBe(60);
    const { rows } = await database.pool.query('SELECT token_hash, requested_by FROM password_resets');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(new URL(link).searchParams.get('token'));
    const stranger = await runCli(
      ['user', 'reset-password', '--tenant', 'contadores-del-norte', '--email', 'nadie@norte.mx'],
      env,
    );
    expect(stranger.code).not.toBe(0);
  });

  it('registers an OAuth application and prints {"clientId","clientSecret"} once', async () => {
    const created = await runCli(
      [
        'oauth-client',
        'create',
        '--tenant',
        'contadores-del-norte',
        '--role',
        'viewer',
        '--name',
        'ERP',
        '--redirect-uri',
        'https://erp.example/cb',
        '--json',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const parsed = JSON.parse(created.stdout);
    expect(Object.keys(parsed).sort()).toEqual(['clientId', 'clientSecret']);
    expect(parsed.clientSecret).toMatch(/^bov_cs_/);
    const { rows } = await database.pool.query('SELECT * FROM oauth_clients');
    expect(rows[0]).toMatchObject({
      client_id: parsed.clientId,
      role: 'viewer',
      redirect_uris: ['https://erp.example/cb'],
    });
    expect(JSON.stringify(rows)).not.toContain(parsed.clientSecret);
    const bad = await runCli(
      [
        'oauth-client',
        'create',
        '--tenant',
        'contadores-del-norte',
        '--redirect-uri',
        'http://evil.example/cb',
      ],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--redirect-uri');
  });

  it('fails with a clear message and exit code for bad input', async () => {
    const missing = await runCli(['apikey', 'create', '--tenant', 'no-such-org', '--json'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('TENANT_NOT_FOUND');
    const badRole = await runCli(
      ['user', 'create', '--tenant', 'x', '--email', 'a@b.mx', '--role', 'god', '--password-stdin'],
      env,
      'x',
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/role/);
    const badConfig = await runCli(['migrate'], { ...env, PORT: 'not-a-port' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('PORT');
  });
});
