import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { loadMasterKeyring } from './master-keyring.js';
import type { AccessLog, Reader } from './reader.js';
import { rotateMasterKey } from './rotate-master-key.js';
import { createSecretBox } from './secret-box.js';

const silent = { info: () => {}, warn: () => {} };
const reader: Reader = { type: 'job', job: 'test.rotate', jobId: 'job-1' };
const accessLog: AccessLog = { recordDecryption: async () => {} };
const aad = 'connector:1:secret';

describe('master key rotation', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-rotate-'));
  });
  // Rotation works on the whole table: each case starts from an empty one so counts are exact.
  beforeEach(async () => {
    await database.pool.query('DELETE FROM tenant_data_keys');
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function masterKeyIds(tenants: string[]): Promise<string[]> {
    const { rows } = await database.pool.query<{ master_key_id: string }>(
      'SELECT master_key_id FROM tenant_data_keys WHERE tenant_id = ANY($1::uuid[]) ORDER BY 1',
      [tenants],
    );
    return rows.map((r) => r.master_key_id);
  }

  it('with a key file: appends a key, re-wraps every data key, and old ciphertexts keep opening', async () => {
    const keyFile = path.join(dir, 'master.key');
    const keyring = await loadMasterKeyring({ keyFile, log: silent });
    const oldId = keyring.active().id;
    // A process that started before the rotation and keeps serving during and after it.
    const running = createSecretBox({ db: database.db, keyring, cacheTtlMs: 0, accessLog });
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    const sealed = new Map<string, Buffer[]>();
    for (const t of tenants) sealed.set(t, [await running.encrypt(t, aad, `secret of ${t}`)]);
    await running.rotateTenantDataKey(tenants[0]!);
    sealed.get(tenants[0]!)!.push(await running.encrypt(tenants[0]!, aad, `secret of ${tenants[0]}`));

    const cliKeyring = await loadMasterKeyring({ keyFile, log: silent });
    const result = await rotateMasterKey({ db: database.db, keyring: cliKeyring, batchSize: 2 });

    expect(result).toMatchObject({ createdKey: true, rewrapped: 4, skipped: 0, remaining: 0 });
    expect(result.masterKeyId).not.toBe(oldId);
    expect(await masterKeyIds(tenants)).toEqual([1, 2, 3, 4].map(() => result.masterKeyId));
    const file = JSON.parse(await readFile(keyFile, 'utf8'));
    expect(file.keys.map((k: { id: string }) => k.id)).toEqual([oldId, result.masterKeyId]);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    // The running process sees rows wrapped by a key it did not load yet and picks it up from the file.
    for (const [t, cts] of sealed) {
      for (const ct of cts) expect(await running.decryptString(t, aad, ct, reader)).toBe(`secret of ${t}`);
    }
    // Only the new key is needed from now on.
    const newKey = cliKeyring.active().key.toString('base64');
    const onlyNew = await loadMasterKeyring({ masterKey: newKey, keyFile: 'unused', log: silent });
    expect(onlyNew.ids()).toEqual([result.masterKeyId]);
    const readingBox = createSecretBox({ db: database.db, keyring: onlyNew, accessLog });
    for (const [t, cts] of sealed) {
      for (const ct of cts) expect(await readingBox.decryptString(t, aad, ct, reader)).toBe(`secret of ${t}`);
    }
    // Nothing left to do on a second run.
    const again = await rotateMasterKey({ db: database.db, keyring: onlyNew });
    expect(again).toMatchObject({ createdKey: false, rewrapped: 0, remaining: 0 });
  });

  it('with env keys: moves rows from BOVEDA_MASTER_KEY_PREVIOUS to BOVEDA_MASTER_KEY', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = await loadMasterKeyring({ masterKey: oldKey, keyFile: 'unused', log: silent });
    const tenants = [randomUUID(), randomUUID()];
    const cts = await Promise.all(
      tenants.map((t) => createSecretBox({ db: database.db, keyring: before, accessLog }).encrypt(t, aad, t)),
    );

    const during = await loadMasterKeyring({
      masterKey: newKey,
      previousMasterKey: oldKey,
      keyFile: 'unused',
      log: silent,
    });
    const result = await rotateMasterKey({ db: database.db, keyring: during });
    expect(result).toMatchObject({ createdKey: false, rewrapped: 2, skipped: 0, remaining: 0 });
    expect(await masterKeyIds(tenants)).toEqual([during.active().id, during.active().id]);

    const after = await loadMasterKeyring({ masterKey: newKey, keyFile: 'unused', log: silent });
    const readingBox = createSecretBox({ db: database.db, keyring: after, accessLog });
    for (const [i, t] of tenants.entries())
      expect(await readingBox.decryptString(t, aad, cts[i]!, reader)).toBe(t);
  });

  it('leaves rows wrapped by an unknown master key untouched and reports them', async () => {
    const stranger = await loadMasterKeyring({
      masterKey: randomBytes(32).toString('base64'),
      keyFile: 'unused',
      log: silent,
    });
    const tenant = randomUUID();
    await createSecretBox({ db: database.db, keyring: stranger, accessLog }).encrypt(tenant, aad, 'x');
    const mine = await loadMasterKeyring({
      masterKey: randomBytes(32).toString('base64'),
      keyFile: 'unused',
      log: silent,
    });
    const result = await rotateMasterKey({ db: database.db, keyring: mine });
    expect(result).toMatchObject({ rewrapped: 0, skipped: 1, remaining: 1 });
    expect(await masterKeyIds([tenant])).toEqual([stranger.active().id]);
  });
});
