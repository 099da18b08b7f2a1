import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli-process.js';
import { createTestDatabase } from '../../test/support/database.js';
import { createSecretBox, loadMasterKeyring } from '../platform/crypto/index.js';
import { createObjectStore } from '../platform/storage/index.js';

/** `boveda backup` and `boveda restore` as an operator runs them (each its own process). */
describe('boveda backup / restore (CLI)', () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  const key = randomBytes(32).toString('base64');
  const wrongKey = randomBytes(32).toString('base64');
  let keyId: string;
  let file: string;
  const env = (db: { url: string }, dataDir: string, masterKey?: string): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      BOVEDA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(masterKey ? { BOVEDA_MASTER_KEY: masterKey } : {}),
    };
    if (!masterKey) delete e.BOVEDA_MASTER_KEY;
    delete e.BOVEDA_MASTER_KEY_FILE;
    return e;
  };

  beforeAll(async () => {
    source = await createTestDatabase();
    // A migrated, empty database is a valid target too (what `boveda migrate` leaves).
    target = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-backup-cli-'));
    file = path.join(dir, 'respaldo.tar.gz');
    const keyring = await loadMasterKeyring({
      masterKey: key,
      keyFile: path.join(dir, 'unused'),
      log: { info: () => {}, warn: () => {} },
    });
    keyId = keyring.active().id;
    const { rows } = await source.pool.query<{ id: string }>(
      "INSERT INTO tenants (name, slug) VALUES ('Despacho CLI', 'despacho-cli') RETURNING id",
    );
    const box = createSecretBox({ db: source.db, keyring, accessLog: { recordDecryption: async () => {} } });
    await box.encrypt(rows[0]!.id, 'test:1', 'un secreto');
    const store = createObjectStore({ driver: 'fs', rootDir: path.join(dir, 'source', 'objects') });
    await store.put(`tenants/${rows[0]!.id}/clientes/EKU9003173C9/año.xml`, '<cfdi/>');
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the archive and reminds that the master key is kept apart, never printing it', async () => {
    const out = await runCli(['backup', file], env(source, path.join(dir, 'source'), key));
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Backup written to .*respaldo\.tar\.gz/);
    expect(out.stdout).toContain('Objects: 1 copied');
    expect(out.stdout).toContain(`does NOT contain the master key (ids recorded: ${keyId})`);
    expect(out.stdout + out.stderr).not.toContain(key);
  });

  it('refuses a wrong master key (exit 2), then restores with the right one, then refuses a second time', async () => {
    const restoredDir = path.join(dir, 'restored');
    const wrong = await runCli(['restore', file], env(target, restoredDir, wrongKey));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Restore refused (wrong-master-key)');
    expect(wrong.stderr).toContain(keyId);
    expect(wrong.stdout + wrong.stderr).not.toContain(key);
    expect(wrong.stdout + wrong.stderr).not.toContain(wrongKey);
    expect((await target.pool.query('SELECT count(*)::int AS n FROM tenants')).rows[0].n).toBe(0);

    const ok = await runCli(['restore', file], env(target, restoredDir, key));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('1 objects');
    expect((await target.pool.query('SELECT slug FROM tenants')).rows).toEqual([{ slug: 'despacho-cli' }]);
    const restored = createObjectStore({ driver: 'fs', rootDir: path.join(restoredDir, 'objects') });
    const keys: string[] = [];
    for await (const o of restored.list('')) keys.push(o.key);
    expect(keys).toHaveLength(1);

    const again = await runCli(['restore', file], env(target, restoredDir, key));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Restore refused (target-not-empty)');
  });

  it('refuses to run without a master key rather than creating one', async () => {
    const empty = path.join(dir, 'no-key');
    const out = await runCli(['restore', file], env(target, empty));
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('No master key');
  });
});
