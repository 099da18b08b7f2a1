import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { DecryptionError } from './crypto.errors.js';
import { unwrapTenantKey } from './data-key-wrap.js';
import { loadMasterKeyring, type MasterKeyring } from './master-keyring.js';
import type { AccessLog, Reader } from './reader.js';
import { createSecretBox, type SecretBox } from './secret-box.js';

const silent = { info: () => {}, warn: () => {} };
const reader: Reader = { type: 'job', job: 'test.secret-box', jobId: 'job-1' };
const unheard: AccessLog = { recordDecryption: async () => {} };

describe('secret box (envelope encryption on PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let keyring: MasterKeyring;
  let box: SecretBox;
  const decrypted: string[] = [];
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const aad = `taxpayer:${randomUUID()}:efirma-password`;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-secretbox-'));
    keyring = await loadMasterKeyring({ keyFile: path.join(dir, 'master.key'), log: silent });
    box = createSecretBox({
      db: database.db,
      keyring,
      accessLog: {
        recordDecryption: async (e) => {
          decrypted.push(`${e.tenantId} ${e.aad} ${e.reader.type}`);
        },
      },
    });
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips strings and bytes, and reports each decryption to the audit hook', async () => {
    const ct = await box.encrypt(tenantA, aad, 'contraseña de la e.firma');
    expect(await box.decryptString(tenantA, aad, ct, reader)).toBe('contraseña de la e.firma');
    const bytes = randomBytes(1200);
    const ct2 = await box.encrypt(tenantA, 'taxpayer:1:efirma-key', bytes);
    expect((await box.decrypt(tenantA, 'taxpayer:1:efirma-key', ct2, reader)).equals(bytes)).toBe(true);
    expect(decrypted).toEqual([`${tenantA} ${aad} job`, `${tenantA} taxpayer:1:efirma-key job`]);
  });

  it('decrypts nothing without a reader that names who reads, and records nothing', async () => {
    const ct = await box.encrypt(tenantA, aad, 'secreto');
    decrypted.length = 0;
    const forged = [
      undefined,
      { type: 'system' },
      { type: 'user', id: 'u-1' },
      { type: 'api_key', id: '', requestId: 'r-1' },
      { type: 'job', job: 'sat.sync' },
      { type: 'cli', label: 'cli:ana' },
    ] as unknown as Reader[];
    for (const r of forged) await expect(box.decrypt(tenantA, aad, ct, r)).rejects.toThrow(/reader/);
    expect(decrypted).toEqual([]);
  });

  it('hands out no plaintext when the access log cannot record the read', async () => {
    const failing = createSecretBox({
      db: database.db,
      keyring,
      accessLog: {
        recordDecryption: async () => {
          throw new Error('audit trail unavailable');
        },
      },
    });
    const ct = await failing.encrypt(tenantA, aad, 'secreto');
    await expect(failing.decryptString(tenantA, aad, ct, reader)).rejects.toThrow('audit trail unavailable');
  });

  it('writes the documented versioned format', async () => {
    const plaintext = 'abc';
    const ct = await box.encrypt(tenantA, aad, plaintext);
    expect(ct[0]).toBe(1);
    expect(ct.readUInt32BE(1)).toBe(1);
    expect(ct.length).toBe(1 + 4 + 12 + plaintext.length + 16);
  });

  it('binds the record identity and the tenant: a copied ciphertext does not open', async () => {
    const ct = await box.encrypt(tenantA, aad, 'secreto');
    await box.encrypt(tenantB, aad, 'give tenant B a data key too');
    decrypted.length = 0;
    await expect(box.decrypt(tenantA, `${aad}x`, ct, reader)).rejects.toThrow(DecryptionError);
    await expect(box.decrypt(tenantA, 'taxpayer:other:efirma-password', ct, reader)).rejects.toThrow(
      DecryptionError,
    );
    await expect(box.decrypt(tenantB, aad, ct, reader)).rejects.toThrow(DecryptionError);
    await expect(box.decrypt(randomUUID(), aad, ct, reader)).rejects.toThrow(DecryptionError);
    expect(decrypted).toEqual([]);
  });

  it('detects tampering anywhere in the ciphertext with an error that reveals nothing', async () => {
    const ct = await box.encrypt(tenantA, aad, 'secreto que nadie debe ver');
    for (const offset of [0, 4, 5, 17, ct.length - 1]) {
      const bad = Buffer.from(ct);
      bad[offset] = bad[offset]! ^ 0x01;
      const error = await box.decrypt(tenantA, aad, bad, reader).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecryptionError);
      expect((error as DecryptionError).code).toBe('DECRYPTION_FAILED');
      expect((error as Error).message).not.toMatch(/secreto|tenant|aad|tag/i);
    }
    await expect(box.decrypt(tenantA, aad, ct.subarray(0, 20), reader)).rejects.toThrow(DecryptionError);
  });

  it('stores only wrapped data keys: neither the key nor any plaintext is in the table', async () => {
    const plaintext = `planted-${randomBytes(8).toString('hex')}`;
    const ct = await box.encrypt(tenantA, aad, plaintext);
    expect(ct.includes(Buffer.from(plaintext))).toBe(false);
    const { rows } = await database.pool.query<{
      tenant_id: string;
      version: number;
      wrapped_key: Buffer;
      master_key_id: string;
      dump: string;
    }>('SELECT t.*, t::text AS dump FROM tenant_data_keys t WHERE tenant_id = $1', [tenantA]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.master_key_id).toBe(keyring.active().id);
    const dataKey = unwrapTenantKey(
      keyring.active(),
      { tenantId: tenantA, kind: 'data', version: 1 },
      row.wrapped_key,
    );
    expect(dataKey).toHaveLength(32);
    expect(row.wrapped_key.includes(dataKey!)).toBe(false);
    for (const needle of [dataKey!.toString('hex'), dataKey!.toString('base64'), plaintext]) {
      expect(row.dump).not.toContain(needle);
    }
    expect(row.dump).not.toContain(keyring.active().key.toString('hex'));
  });

  it('creates a single data key when a tenant is first used by several processes at once', async () => {
    const tenant = randomUUID();
    const boxes = [1, 2, 3].map(() => createSecretBox({ db: database.db, keyring, accessLog: unheard }));
    const cts = await Promise.all(
      boxes.flatMap((b, i) => [0, 1, 2].map((j) => b.encrypt(tenant, aad, `v${i}${j}`))),
    );
    const { rows } = await database.pool.query('SELECT version FROM tenant_data_keys WHERE tenant_id = $1', [
      tenant,
    ]);
    expect(rows).toEqual([{ version: 1 }]);
    const readingBox = createSecretBox({ db: database.db, keyring, accessLog: unheard });
    for (const ct of cts)
      await expect(readingBox.decryptString(tenant, aad, ct, reader)).resolves.toMatch(/^v\d\d$/);
  });

  it('rotates a tenant data key: new writes use the new version, old ciphertexts still open', async () => {
    const tenant = randomUUID();
    const old = await box.encrypt(tenant, aad, 'antes');
    expect(await box.rotateTenantDataKey(tenant)).toEqual({ version: 2 });
    const fresh = await box.encrypt(tenant, aad, 'después');
    expect(fresh.readUInt32BE(1)).toBe(2);
    const other = createSecretBox({ db: database.db, keyring, accessLog: unheard });
    expect(await other.decryptString(tenant, aad, old, reader)).toBe('antes');
    expect(await other.decryptString(tenant, aad, fresh, reader)).toBe('después');
  });

  it('treats an upper-case tenant id as the same tenant', async () => {
    const tenant = randomUUID();
    const ct = await box.encrypt(tenant.toUpperCase(), aad, 'mayúsculas');
    const other = createSecretBox({ db: database.db, keyring, accessLog: unheard });
    expect(await other.decryptString(tenant, aad, ct, reader)).toBe('mayúsculas');
    expect(await other.decryptString(tenant.toUpperCase(), aad, ct, reader)).toBe('mayúsculas');
  });

  it('rejects a tenant id that is not a UUID and an empty record identity', async () => {
    await expect(box.encrypt('tenant-1', aad, 'x')).rejects.toThrow(/UUID/);
    await expect(box.encrypt(tenantA, '', 'x')).rejects.toThrow(/aad/);
  });
});
