import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createLogger } from '../logging/index.js';
import { bytea } from './bytea.js';
import type { ColumnRef, JsonValue } from './column-value.js';
import { DecryptionError, SecretBoxInputError } from './crypto.errors.js';
import { unwrapTenantKey } from './data-key-wrap.js';
import { loadMasterKeyring, type MasterKeyring } from './master-keyring.js';
import { normalize } from './normalizers.js';
import type { AccessLog, DecryptionEvent, Reader } from './reader.js';
import { rotateMasterKey } from './rotate-master-key.js';
import { createSecretBox, MAX_OPEN_BATCH, type SecretBox } from './secret-box.js';

/** How a module declares an encrypted, uniquely indexed email (the test creates it by hand below). */
const clients = pgTable(
  'crypto_test_clients',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    email: bytea('email'),
    emailIndex: bytea('email_index'),
    phone: bytea('phone'),
    phoneIndex: bytea('phone_index'),
    profile: bytea('profile'),
  },
  (t) => [uniqueIndex('crypto_test_clients_email_uq').on(t.tenantId, t.emailIndex)],
);

const DDL = `
  CREATE TABLE crypto_test_clients (
    id uuid PRIMARY KEY, tenant_id uuid NOT NULL,
    email bytea, email_index bytea, phone bytea, phone_index bytea, profile bytea);
  CREATE UNIQUE INDEX crypto_test_clients_email_uq ON crypto_test_clients (tenant_id, email_index);`;

const silent = { info: () => {}, warn: () => {} };
const reader: Reader = { type: 'user', id: randomUUID(), label: 'ana@despacho.mx', requestId: 'req-cols-1' };
const cell = (id: string, column: string): ColumnRef => ({ table: 'crypto_test_clients', column, id });

interface NewClient {
  email?: string | null;
  phone?: string | null;
  profile?: JsonValue;
}

describe('encrypted columns and blind indexes (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let keyring: MasterKeyring;
  let box: SecretBox;
  const reads: DecryptionEvent[] = [];
  const accessLog: AccessLog = { recordDecryption: async (e) => void reads.push(e) };
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  /** What a clients repository does: ids first (they are the AAD), then seal and index each field. */
  async function addClient(b: SecretBox, tenantId: string, c: NewClient): Promise<string> {
    const id = randomUUID();
    await database.db.insert(clients).values({
      id,
      tenantId,
      email: await b.sealColumn(tenantId, cell(id, 'email'), c.email),
      emailIndex: await b.blindIndex(tenantId, 'clients.email', c.email, normalize.email),
      phone: await b.sealColumn(tenantId, cell(id, 'phone'), c.phone),
      phoneIndex: await b.blindIndex(tenantId, 'clients.phone', c.phone, normalize.phoneMx),
      profile: await b.sealColumn(tenantId, cell(id, 'profile'), c.profile),
    });
    return id;
  }

  async function row(id: string) {
    const [found] = await database.db.select().from(clients).where(eq(clients.id, id));
    if (!found) throw new Error(`no client ${id}`);
    return found;
  }

  async function findByEmail(b: SecretBox, tenantId: string, email: string) {
    const index = await b.blindIndex(tenantId, 'clients.email', email, normalize.email);
    const found = await database.db
      .select()
      .from(clients)
      .where(and(eq(clients.tenantId, tenantId), eq(clients.emailIndex, index!)));
    return found.map((r) => r.id);
  }

  async function uniqueViolation(p: Promise<unknown>) {
    const error = (await p.catch((e: unknown) => e)) as { cause?: { code?: string }; code?: string };
    return error?.cause?.code ?? error?.code;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query(DDL);
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-columns-'));
    keyring = await loadMasterKeyring({ keyFile: path.join(dir, 'master.key'), log: silent });
    box = createSecretBox({ db: database.db, keyring, accessLog });
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips strings and JSON objects through bytea columns; NULL stays NULL and is no read', async () => {
    const profile = {
      calle: 'Av. Reforma 222',
      cp: '06600',
      etiquetas: ['mayoreo'],
      credito: 30,
      activo: true,
    };
    const id = await addClient(box, tenantA, { email: 'José.Núñez@Example.mx', phone: null, profile });
    const stored = await row(id);
    expect(Buffer.isBuffer(stored.email)).toBe(true);
    expect(stored.email![0]).toBe(1); // the secret box's format, version 1
    expect(stored.phone).toBeNull();
    expect(stored.phoneIndex).toBeNull();
    reads.length = 0;
    expect(await box.openColumn<string>(tenantA, cell(id, 'email'), stored.email, reader)).toBe(
      'José.Núñez@Example.mx',
    );
    expect(await box.openColumn(tenantA, cell(id, 'profile'), stored.profile, reader)).toEqual(profile);
    expect(await box.openColumn(tenantA, cell(id, 'phone'), stored.phone, reader)).toBeNull();
    // An upper-case row id (typed from a URL) is the same row.
    expect(await box.openColumn(tenantA, cell(id.toUpperCase(), 'email'), stored.email, reader)).toBe(
      'José.Núñez@Example.mx',
    );
    expect(reads.map((r) => [r.tenantId, r.aad, r.reader])).toEqual([
      [tenantA, `column:crypto_test_clients.email:${id}`, reader],
      [tenantA, `column:crypto_test_clients.profile:${id}`, reader],
      [tenantA, `column:crypto_test_clients.email:${id}`, reader],
    ]);
  });

  it('a value moved to another row, column, table or tenant does not open, and says nothing', async () => {
    const email = `mover-${randomBytes(4).toString('hex')}@example.mx`;
    const id = await addClient(box, tenantA, { email, phone: '55 1234 5678' });
    const other = await addClient(box, tenantA, { email: 'otro@example.mx' });
    const foreign = await addClient(box, tenantB, { email: 'ajeno@example.mx' });
    const sealed = (await row(id)).email!;
    // Copy the ciphertext where an attacker with write access to the table could put it.
    await database.pool.query('UPDATE crypto_test_clients SET email = $1 WHERE id = $2', [sealed, other]);
    await database.pool.query('UPDATE crypto_test_clients SET phone = $1 WHERE id = $2', [sealed, id]);
    await database.pool.query('UPDATE crypto_test_clients SET email = $1 WHERE id = $2', [sealed, foreign]);
    reads.length = 0;
    const attempts = [
      async () => box.openColumn(tenantA, cell(other, 'email'), (await row(other)).email, reader),
      async () => box.openColumn(tenantA, cell(id, 'phone'), (await row(id)).phone, reader),
      async () => box.openColumn(tenantB, cell(foreign, 'email'), (await row(foreign)).email, reader),
      async () => box.openColumn(tenantA, { table: 'suppliers', column: 'email', id }, sealed, reader),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecryptionError);
      expect(error).toMatchObject({
        code: 'DECRYPTION_FAILED',
        message: 'The secret could not be decrypted',
      });
    }
    expect(reads).toEqual([]);
    // Where it belongs it still opens.
    expect(await box.openColumn(tenantA, cell(id, 'email'), sealed, reader)).toBe(email);
  });

  it('openColumns opens a page of cells in order and tells the access log once, with every record', async () => {
    const ids = await Promise.all(
      ['uno', 'dos', 'tres'].map((n, i) =>
        addClient(box, tenantA, {
          email: `${n}-${randomBytes(3).toString('hex')}@example.mx`,
          phone: i === 1 ? null : `55 1234 56${i}0`,
          profile: { n },
        }),
      ),
    );
    const rows = await Promise.all(ids.map(row));
    const cells = rows.flatMap((r) => [
      { ref: cell(r.id, 'email'), sealed: r.email },
      { ref: cell(r.id, 'phone'), sealed: r.phone },
      { ref: cell(r.id, 'profile'), sealed: r.profile },
    ]);
    reads.length = 0;
    const values = await box.openColumns(tenantA, cells, reader);
    const one = await Promise.all(cells.map((c) => box.openColumn(tenantA, c.ref, c.sealed, reader)));
    expect(values).toEqual(one);
    expect(values[4]).toBeNull();
    expect(values[5]).toEqual({ n: 'dos' });
    const batch = reads[0]!;
    // NULL cells are no read; the batch is one event, first identity as `aad`.
    const opened = cells
      .filter((c) => c.sealed)
      .map((c) => `column:crypto_test_clients.${c.ref.column}:${c.ref.id}`);
    expect(batch).toEqual({ tenantId: tenantA, aad: opened[0], aads: opened, reader });
    expect(reads).toHaveLength(1 + opened.length);

    // All nulls: nothing decrypted, nothing recorded.
    reads.length = 0;
    expect(await box.openColumns(tenantA, [{ ref: cell(ids[1]!, 'phone'), sealed: null }], reader)).toEqual([
      null,
    ]);
    expect(await box.openColumns(tenantA, [], reader)).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('openColumns: one cell that does not open fails the batch with no record; no reader, no batch', async () => {
    const id = await addClient(box, tenantA, { email: 'lote@example.mx', phone: '55 1111 2222' });
    const stored = await row(id);
    reads.length = 0;
    const swapped = [
      { ref: cell(id, 'email'), sealed: stored.email },
      { ref: cell(id, 'phone'), sealed: stored.email },
    ];
    await expect(box.openColumns(tenantA, swapped, reader)).rejects.toBeInstanceOf(DecryptionError);
    await expect(
      box.openColumns(tenantA, [{ ref: cell(id, 'email'), sealed: stored.email }], {
        type: 'user',
        id: '',
        requestId: 'r',
      }),
    ).rejects.toBeInstanceOf(SecretBoxInputError);
    const tooMany = Array.from({ length: MAX_OPEN_BATCH + 1 }, () => ({
      ref: cell(id, 'email'),
      sealed: stored.email,
    }));
    await expect(box.openColumns(tenantA, tooMany, reader)).rejects.toBeInstanceOf(SecretBoxInputError);
    expect(reads).toEqual([]);

    // An access log that fails fails the read: no plaintext without its trace.
    const failing = createSecretBox({
      db: database.db,
      keyring,
      accessLog: { recordDecryption: async () => Promise.reject(new Error('audit down')) },
    });
    await expect(
      failing.openColumns(tenantA, [{ ref: cell(id, 'email'), sealed: stored.email }], reader),
    ).rejects.toThrow('audit down');
  });

  it('enforces a unique email per tenant whatever its case and spaces, and finds the client by it', async () => {
    const id = await addClient(box, tenantA, { email: 'Marta.Ruiz@Example.MX' });
    for (const spelling of ['marta.ruiz@example.mx', '  MARTA.RUIZ@example.mx\t', 'Marta.Ruiz@Example.MX']) {
      expect(await uniqueViolation(addClient(box, tenantA, { email: spelling })), spelling).toBe('23505');
    }
    // Another tenant may have a client with the same email.
    const inB = await addClient(box, tenantB, { email: 'marta.ruiz@example.mx' });
    expect(await findByEmail(box, tenantA, ' marta.RUIZ@example.mx')).toEqual([id]);
    expect(await findByEmail(box, tenantB, 'Marta.Ruiz@Example.MX')).toEqual([inB]);
    expect(await findByEmail(box, tenantA, 'marta.ruiz@example.com')).toEqual([]);
    const found = await row(id);
    expect(await box.openColumn(tenantA, cell(id, 'email'), found.email, reader)).toBe(
      'Marta.Ruiz@Example.MX',
    );
  });

  it('keeps the clear email and phone out of every column of the table', async () => {
    const local = `planted.${randomBytes(6).toString('hex')}`;
    const email = `${local}@Example.MX`;
    const phone = '+52 81 8765 4321';
    await addClient(box, tenantA, { email, phone, profile: { email, phone } });
    const { rows: columns } = await database.pool.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'crypto_test_clients'",
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      ['email', 'email_index', 'id', 'phone', 'phone_index', 'profile', 'tenant_id'].sort(),
    );
    const needles = [email, email.toLowerCase(), local, '8187654321', '81 8765 4321'];
    // Each column as PostgreSQL prints it, and the raw bytes of the bytea ones.
    for (const { column_name, data_type } of columns) {
      const { rows } = await database.pool.query<{ text: string | null; bytes: Buffer | null }>(
        `SELECT "${column_name}"::text AS text, ${data_type === 'bytea' ? `"${column_name}"` : 'NULL::bytea'} AS bytes
           FROM crypto_test_clients`,
      );
      for (const r of rows) {
        for (const needle of needles) {
          expect(r.text ?? '', column_name).not.toContain(needle);
          expect(r.text ?? '', column_name).not.toContain(Buffer.from(needle).toString('hex'));
          expect(r.bytes?.includes(Buffer.from(needle)) ?? false, column_name).toBe(false);
        }
      }
    }
  });

  it('gives unrelated index values per tenant and per purpose, the same ones in every process', async () => {
    const value = '5512345678';
    const asIs = (v: string) => v;
    const a = await box.blindIndex(tenantA, 'clients.phone', value, asIs);
    expect(a).toHaveLength(32);
    expect(await box.blindIndex(tenantB, 'clients.phone', value, asIs)).not.toEqual(a);
    expect(await box.blindIndex(tenantA, 'suppliers.phone', value, asIs)).not.toEqual(a);
    expect(await box.blindIndex(tenantA, 'clients.email', value, asIs)).not.toEqual(a);
    // Deterministic: another process (a fresh box) computes the same value from the stored key.
    const elsewhere = createSecretBox({ db: database.db, keyring, accessLog });
    expect(await elsewhere.blindIndex(tenantA, 'clients.phone', value, asIs)).toEqual(a);
    expect(await box.blindIndex(tenantA, 'clients.phone', null, asIs)).toBeNull();
    await expect(box.blindIndex(tenantA, 'Clients Email', value, asIs)).rejects.toThrow(SecretBoxInputError);
    await expect(box.blindIndex(tenantA, 'clients.email', '  ', normalize.email)).rejects.toThrow(
      SecretBoxInputError,
    );
  });

  it('creates one blind-index key when several processes index a new tenant at once', async () => {
    const tenant = randomUUID();
    const boxes = [1, 2, 3].map(() => createSecretBox({ db: database.db, keyring, accessLog }));
    const values = await Promise.all(
      boxes.flatMap((b) =>
        [1, 2].map(() => b.blindIndex(tenant, 'clients.email', 'a@b.mx', normalize.email)),
      ),
    );
    for (const v of values) expect(v).toEqual(values[0]);
    const { rows } = await database.pool.query(
      'SELECT kind, version FROM tenant_data_keys WHERE tenant_id = $1',
      [tenant],
    );
    expect(rows).toEqual([{ kind: 'blind-index', version: 1 }]);
  });

  it('keeps a blind-index key apart from data keys: one cannot stand in for the other', async () => {
    const tenant = randomUUID();
    const id = await addClient(box, tenant, { email: 'swap@example.mx' });
    const { rows } = await database.pool.query<{ kind: string; version: number; wrapped_key: Buffer }>(
      'SELECT kind, version, wrapped_key FROM tenant_data_keys WHERE tenant_id = $1 ORDER BY kind',
      [tenant],
    );
    expect(rows.map((r) => [r.kind, r.version])).toEqual([
      ['blind-index', 1],
      ['data', 1],
    ]);
    const [indexKey, dataKey] = rows.map((r) =>
      unwrapTenantKey(
        keyring.active(),
        { tenantId: tenant, kind: r.kind as 'data', version: 1 },
        r.wrapped_key,
      ),
    );
    expect(indexKey).toHaveLength(32);
    expect(indexKey!.equals(dataKey!)).toBe(false);
    // Put the wrapped index key in the data key's place: it must not unwrap as a data key.
    await database.pool.query(
      "UPDATE tenant_data_keys SET wrapped_key = $1 WHERE tenant_id = $2 AND kind = 'data'",
      [rows[0]!.wrapped_key, tenant],
    );
    const fresh = createSecretBox({ db: database.db, keyring, accessLog });
    await expect(fresh.openColumn(tenant, cell(id, 'email'), (await row(id)).email, reader)).rejects.toThrow(
      DecryptionError,
    );
    // Nor is anything new sealed with it: the swapped row is refused, not used.
    await expect(fresh.sealColumn(tenant, cell(randomUUID(), 'email'), 'nuevo@example.mx')).rejects.toThrow(
      DecryptionError,
    );
    // The master key rotation below counts every row: leave no row that cannot unwrap.
    await database.pool.query('DELETE FROM tenant_data_keys WHERE tenant_id = $1', [tenant]);
  });

  it('rotating the data key or the master key keeps old values readable and lookups working', async () => {
    const tenant = randomUUID();
    const before = await addClient(box, tenant, { email: 'Antes@Example.mx', phone: '33 1234 5678' });
    const indexBefore = (await row(before)).emailIndex!;

    expect(await box.rotateTenantDataKey(tenant)).toEqual({ version: 2 });
    const after = await addClient(box, tenant, { email: 'despues@example.mx' });
    expect((await row(before)).email!.readUInt32BE(1)).toBe(1);
    expect((await row(after)).email!.readUInt32BE(1)).toBe(2);

    // Another process, started after the rotation, reads both and finds both.
    const other = createSecretBox({ db: database.db, keyring, accessLog });
    expect(await other.openColumn(tenant, cell(before, 'email'), (await row(before)).email, reader)).toBe(
      'Antes@Example.mx',
    );
    expect(await other.openColumn(tenant, cell(after, 'email'), (await row(after)).email, reader)).toBe(
      'despues@example.mx',
    );
    expect(await other.blindIndex(tenant, 'clients.email', 'antes@example.mx', normalize.email)).toEqual(
      indexBefore,
    );
    expect(await findByEmail(other, tenant, 'ANTES@example.mx')).toEqual([before]);
    expect(await findByEmail(other, tenant, 'Despues@Example.MX')).toEqual([after]);
    expect(await uniqueViolation(addClient(other, tenant, { email: 'antes@example.mx' }))).toBe('23505');

    // Master key rotation re-wraps the blind-index key too: with only the new master key, the
    // same lookups and reads work.
    const cli = await loadMasterKeyring({ keyFile: path.join(dir, 'master.key'), log: silent });
    const rotated = await rotateMasterKey({ db: database.db, keyring: cli });
    expect(rotated).toMatchObject({ skipped: 0, remaining: 0 });
    const { rows: kinds } = await database.pool.query(
      'SELECT DISTINCT kind, master_key_id FROM tenant_data_keys WHERE tenant_id = $1 ORDER BY kind',
      [tenant],
    );
    expect(kinds).toEqual([
      { kind: 'blind-index', master_key_id: rotated.masterKeyId },
      { kind: 'data', master_key_id: rotated.masterKeyId },
    ]);
    const onlyNew = await loadMasterKeyring({
      masterKey: cli.active().key.toString('base64'),
      keyFile: 'unused',
      log: silent,
    });
    const afterMaster = createSecretBox({ db: database.db, keyring: onlyNew, accessLog });
    expect(await findByEmail(afterMaster, tenant, 'antes@example.mx')).toEqual([before]);
    expect(
      await afterMaster.openColumn(tenant, cell(before, 'email'), (await row(before)).email, reader),
    ).toBe('Antes@Example.mx');
    expect(await afterMaster.blindIndex(tenant, 'clients.phone', '3312345678', normalize.phoneMx)).toEqual(
      (await row(before)).phoneIndex,
    );
  });

  it('puts no plaintext, key or index key in error messages or logs', async () => {
    const secret = `Confidencial-${randomBytes(6).toString('hex')}`;
    const tenant = randomUUID();
    const id = await addClient(box, tenant, { email: `${secret}@example.mx` });
    const sealed = (await row(id)).email!;
    // A column cell holding bytes that are not JSON: JSON.parse would quote them in its message.
    const notJson = await box.encrypt(tenant, `column:crypto_test_clients.profile:${id}`, secret);
    const errors = await Promise.all([
      box.openColumn(tenant, cell(randomUUID(), 'email'), sealed, reader).catch((e: unknown) => e),
      box.openColumn(tenant, cell(id, 'profile'), notJson, reader).catch((e: unknown) => e),
      box
        .sealColumn(tenant, cell(id, 'profile'), { secret, at: new Date() } as never)
        .catch((e: unknown) => e),
      box.blindIndex(tenant, 'clients.phone', `${secret} 55`, normalize.phoneMx).catch((e: unknown) => e),
      box.blindIndex(tenant, 'clients.email', secret, normalize.email).catch((e: unknown) => e),
      box.openColumn(tenant, { table: secret, column: 'email', id }, sealed, reader).catch((e: unknown) => e),
    ]);
    expect(errors.map((e) => (e as Error).name)).toEqual([
      'DecryptionError',
      'DecryptionError',
      'SecretBoxInputError',
      'SecretBoxInputError',
      'SecretBoxInputError',
      'SecretBoxInputError',
    ]);
    const lines: string[] = [];
    const log = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
    for (const err of errors) log.error({ err }, 'reading a client failed');
    const { rows: keys } = await database.pool.query<{ kind: string; wrapped_key: Buffer }>(
      'SELECT kind, wrapped_key FROM tenant_data_keys WHERE tenant_id = $1',
      [tenant],
    );
    const unwrapped = keys.map((k) =>
      unwrapTenantKey(
        keyring.active(),
        { tenantId: tenant, kind: k.kind as 'data', version: 1 },
        k.wrapped_key,
      ),
    );
    const everything = [
      lines.join(''),
      ...errors.map((e) => `${(e as Error).message} ${inspect(e)} ${JSON.stringify(e)}`),
    ].join('\n');
    expect(everything).toContain('reading a client failed');
    const needles = [secret, ...unwrapped.flatMap((k) => [k!.toString('hex'), k!.toString('base64')])];
    for (const needle of needles) expect(everything).not.toContain(needle);
  });
});
