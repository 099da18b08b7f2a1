import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Credential } from '@nodecfdi/credentials/node';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import type { JobReader } from '../../platform/crypto/index.js';
import { isAppError } from '../../platform/errors/app-error.js';
import { createEfirmaChecks, createEfirmaVault, createTaxpayersService, loadSatTrust } from './index.js';

/** The SAT job that opens the e.firma to sign, as the decryption audit names it. */
const reader: JobReader = { type: 'job', job: 'sat.sync-taxpayer', jobId: 'job-under-test' };

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../test-fixtures/efirma',
);
const file = (name: string) => readFileSync(path.join(fixtures, name));
const PASSWORD = '12345678a';
const WRONG_PASSWORD = 'Wr0ng-Pässw0rd-7734';
const RFC = 'EKU9003173C9';
const fielCer = file('fiel-EKU9003173C9.cer');
const fielKey = file('fiel-EKU9003173C9.key');
// Every form in which the key or password could leak: raw, base64, hex, unencrypted PEM body.
const plainKey = createPrivateKey({ key: fielKey, format: 'der', type: 'pkcs8', passphrase: PASSWORD });
const plainPemBody = (plainKey.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n')[1]!;
const plainDer = plainKey.export({ format: 'der', type: 'pkcs8' });
const secrets = [
  PASSWORD,
  WRONG_PASSWORD,
  fielKey.toString('base64').slice(0, 40),
  fielKey.toString('hex').slice(0, 40),
  plainPemBody,
  plainDer.toString('hex').slice(100, 140),
];

type Item = { id: string; rfc: string; status: string } & Record<string, unknown>;
type Body = Item & { code?: string; items: Item[] };
const bodyOf = async (res: Response): Promise<Body> => (await res.json()) as Body;

interface Form {
  certificate?: Buffer;
  privateKey?: Buffer;
  password?: string;
}
const fiel: Form = { certificate: fielCer, privateKey: fielKey, password: PASSWORD };

describe('taxpayers: registering and keeping an e.firma', () => {
  let server: TestServer;
  const logLines: string[] = [];
  const tenant = {} as Record<'a' | 'b' | 'c', { id: string; admin: string; viewer: string }>;

  beforeAll(async () => {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    // The generated dated e.firma are issued by the fixtures' own CA, added as an operator would.
    server = await startTestServer({
      logger,
      env: { SAT_EXTRA_CA_FILES: path.join(fixtures, 'test-ca.cer') },
    });
    for (const name of ['a', 'b', 'c'] as const) {
      const t = await server.seedUser({
        tenantName: `Despacho ${name}`,
        email: `${name}@despacho.mx`,
        password: 'password-long-enough',
        role: 'owner',
      });
      tenant[name] = {
        id: t.tenantId,
        admin: (await server.createApiKey(t.tenantSlug, 'admin')).key,
        viewer: (await server.createApiKey(t.tenantSlug, 'viewer')).key,
      };
    }
  });
  afterAll(() => server?.close());

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const upload = (key: string, form: Form) => {
    const body = new FormData();
    if (form.certificate) body.append('certificate', new Blob([form.certificate]), 'efirma.cer');
    if (form.privateKey) body.append('privateKey', new Blob([form.privateKey]), 'efirma.key');
    if (form.password !== undefined) body.append('password', form.password);
    return fetch(`${server.url}/api/v1/taxpayers`, { method: 'POST', headers: as(key), body });
  };
  const objectsOf = async (tenantId: string) => {
    const found = new Map<string, Buffer>();
    for await (const o of server.ctx.storage.list(`tenants/${tenantId}/`)) {
      found.set(o.key, await server.ctx.storage.getBuffer(o.key));
    }
    return found;
  };
  const taxpayerRows = async (tenantId: string) =>
    (await server.ctx.database.pool.query('SELECT * FROM taxpayers WHERE tenant_id = $1', [tenantId])).rows;
  const certificados = (tenantId: string) => `tenants/${tenantId}/clientes/${RFC}/certificados/`;

  it('registers the SAT test e.firma: RFC, name, serial and validity come from the certificate', async () => {
    const res = await upload(tenant.a.admin, fiel);
    expect(res.status).toBe(201);
    const created = await bodyOf(res);
    expect(created).toMatchObject({
      rfc: RFC,
      legalName: 'ESCUELA KEMPER URGATE SA DE CV',
      certificateSerial: '30001000000500003415',
      validFrom: '2023-05-18T04:37:14.000Z',
      validUntil: '2027-05-17T04:37:14.000Z',
      status: 'active',
      removedAt: null,
    });

    const one = await bodyOf(
      await fetch(`${server.url}/api/v1/taxpayers/${RFC.toLowerCase()}`, { headers: as(tenant.a.viewer) }),
    );
    expect(one).toMatchObject({
      id: created.id,
      certificateSerial: '30001000000500003415',
      status: 'active',
    });
    const list = await bodyOf(
      await fetch(`${server.url}/api/v1/taxpayers`, { headers: as(tenant.a.viewer) }),
    );
    expect(list.items.map((t: { rfc: string }) => t.rfc)).toEqual([RFC]);

    expect([...(await objectsOf(tenant.a.id)).keys()].sort()).toEqual(
      ['efirma.cer.enc', 'efirma.key.enc', 'efirma.password.enc'].map((n) => certificados(tenant.a.id) + n),
    );
    const { rows } = await server.ctx.database.pool.query(
      "SELECT target_id FROM audit_events WHERE tenant_id = $1 AND action = 'taxpayer.created'",
      [tenant.a.id],
    );
    expect(rows).toEqual([{ target_id: created.id }]);
  });

  it('keeps the key, the certificate and the password only encrypted, in storage and in the database', async () => {
    const objects = await objectsOf(tenant.a.id);
    expect(objects.size).toBe(3);
    for (const bytes of objects.values()) {
      expect(bytes.includes(fielKey.subarray(0, 64))).toBe(false);
      expect(bytes.includes(fielCer.subarray(0, 64))).toBe(false);
      expect(bytes.includes(plainDer.subarray(0, 64))).toBe(false);
      for (const s of secrets) expect(bytes.toString('latin1')).not.toContain(s);
    }
    const { rows: tables } = await server.ctx.database.pool.query(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_schema, table_name } of tables) {
      const { rows } = await server.ctx.database.pool.query(
        `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS dump FROM "${table_schema}"."${table_name}" t`,
      );
      for (const s of secrets) expect(rows[0].dump, `${table_schema}.${table_name}`).not.toContain(s);
    }
  });

  it('hands the SAT module an e.firma that @nodecfdi/credentials opens and signs with', async () => {
    const opened = await server.ctx.services.taxpayers.openFiel(tenant.a.id, RFC, reader);
    expect(opened.rfc).toBe(RFC);
    expect(opened.password).toBe(PASSWORD);
    const credential = Credential.create(
      opened.certificateDer.toString('binary'),
      opened.privateKeyDer.toString('binary'),
      opened.password,
    );
    expect(credential.isFiel()).toBe(true);
    expect(credential.certificate().serialNumber().bytes()).toBe('30001000000500003415');
    expect(credential.verify('hola', credential.sign('hola'))).toBe(true);
    const { rows } = await server.ctx.database.pool.query(
      "SELECT target_id, actor_type, actor_id, actor_label, metadata FROM audit_events WHERE tenant_id = $1 AND action = 'secret.decrypted' ORDER BY target_id",
      [tenant.a.id],
    );
    // Each decryption names the job run that read it, not just "the worker process".
    expect(rows).toEqual(
      ['cer', 'key', 'password'].map((i) => ({
        target_id: `taxpayer:${opened.taxpayerId}:efirma-${i}`,
        actor_type: 'system',
        actor_id: 'job-under-test',
        actor_label: 'job:sat.sync-taxpayer',
        metadata: { job: 'sat.sync-taxpayer', jobId: 'job-under-test' },
      })),
    );
    expect(await server.ctx.services.taxpayers.listAllActive()).toContainEqual({
      tenantId: tenant.a.id,
      rfc: RFC,
      taxpayerId: opened.taxpayerId,
    });
  });

  it.each([
    [
      'a CSD',
      {
        certificate: file('csd-EKU9003173C9.cer'),
        privateKey: file('csd-EKU9003173C9.key'),
        password: PASSWORD,
      },
      'EFIRMA_IS_CSD',
    ],
    [
      'an expired e.firma',
      { certificate: file('expired-fiel.cer'), privateKey: file('expired-fiel.key'), password: PASSWORD },
      'EFIRMA_EXPIRED',
    ],
    [
      'an e.firma not valid yet',
      {
        certificate: file('not-yet-valid-fiel.cer'),
        privateKey: file('not-yet-valid-fiel.key'),
        password: PASSWORD,
      },
      'EFIRMA_NOT_YET_VALID',
    ],
    ['a wrong password', { ...fiel, password: WRONG_PASSWORD }, 'EFIRMA_BAD_PASSWORD'],
    [
      'the key of another certificate',
      { ...fiel, privateKey: file('csd-EKU9003173C9.key') },
      'EFIRMA_KEY_MISMATCH',
    ],
    [
      'a garbage certificate',
      { ...fiel, certificate: Buffer.from('%PDF-1.4 not a certificate') },
      'EFIRMA_NOT_A_CERTIFICATE',
    ],
    [
      'a certificate issued by "NOT THE SAT"',
      {
        certificate: file('not-the-sat-fiel.cer'),
        privateKey: file('not-the-sat-fiel.key'),
        password: PASSWORD,
      },
      'EFIRMA_NOT_ISSUED_BY_SAT',
    ],
    [
      "a certificate whose issuer copies the name of the SAT's test CA",
      { certificate: file('impostor-fiel.cer'), privateKey: file('impostor-fiel.key'), password: PASSWORD },
      'EFIRMA_NOT_ISSUED_BY_SAT',
    ],
    [
      'a key that asks for 4,000,000 PBKDF2 iterations',
      { ...fiel, privateKey: file('fiel-EKU9003173C9-4m-iterations.key') },
      'EFIRMA_KEY_UNSUPPORTED',
    ],
    ['a garbage key', { ...fiel, privateKey: Buffer.from('PK\u0003\u0004 not a key') }, 'EFIRMA_NOT_A_KEY'],
    ['the certificate sent as the key', { ...fiel, privateKey: fielCer }, 'EFIRMA_NOT_A_KEY'],
    ['no key', { certificate: fielCer, password: PASSWORD }, 'EFIRMA_MISSING_FILE'],
    ['no password', { certificate: fielCer, privateKey: fielKey }, 'EFIRMA_MISSING_FILE'],
  ] as [string, Form, string][])(
    'refuses %s with its own 422 code and stores nothing',
    async (_name, form, code) => {
      const before = { rows: await taxpayerRows(tenant.c.id), objects: await objectsOf(tenant.c.id) };
      const res = await upload(tenant.c.admin, form);
      const text = await res.text();
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.parse(text).code).toBe(code);
      for (const s of secrets) expect(text).not.toContain(s);
      expect(await taxpayerRows(tenant.c.id)).toEqual(before.rows);
      expect(await objectsOf(tenant.c.id)).toEqual(before.objects);
      expect(before.rows).toEqual([]);
    },
  );

  it('refuses a second registration of the same RFC (409) and leaves the first untouched', async () => {
    const before = await objectsOf(tenant.a.id);
    const res = await upload(tenant.a.admin, fiel);
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).code).toBe('TAXPAYER_ALREADY_EXISTS');
    expect(await objectsOf(tenant.a.id)).toEqual(before);
    expect(await taxpayerRows(tenant.a.id)).toHaveLength(1);
  });

  it('lets viewers read but only admins register or remove', async () => {
    expect((await upload(tenant.c.viewer, fiel)).status).toBe(403);
    const del = await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, {
      method: 'DELETE',
      headers: as(tenant.a.viewer),
    });
    expect(del.status).toBe(403);
    expect(await objectsOf(tenant.a.id)).toHaveProperty('size', 3);
    const json = await fetch(`${server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { ...as(tenant.c.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(json.status).toBe(415);
  });

  it('keeps tenants apart: another tenant neither sees, reads, removes nor opens the taxpayer', async () => {
    const list = await bodyOf(
      await fetch(`${server.url}/api/v1/taxpayers?includeRemoved=true`, { headers: as(tenant.b.admin) }),
    );
    expect(list.items).toEqual([]);
    const get = await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, { headers: as(tenant.b.admin) });
    expect(get.status).toBe(404);
    expect((await bodyOf(get)).code).toBe('TAXPAYER_NOT_FOUND');
    const del = await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, {
      method: 'DELETE',
      headers: as(tenant.b.admin),
    });
    expect(del.status).toBe(404);
    await expect(server.ctx.services.taxpayers.openFiel(tenant.b.id, RFC, reader)).rejects.toMatchObject({
      code: 'TAXPAYER_NOT_FOUND',
    });
    expect(await objectsOf(tenant.a.id)).toHaveProperty('size', 3);
    expect(
      (await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, { headers: as(tenant.a.viewer) })).status,
    ).toBe(200);
  });

  it('flags an e.firma that expires within 30 days, and refuses it once expired (injected clock)', async () => {
    const at = (iso: string) =>
      createTaxpayersService({
        db: server.ctx.database.db,
        transaction: server.ctx.database.transaction,
        events: server.ctx.events,
        vault: createEfirmaVault({ storage: server.ctx.storage, secretBox: server.ctx.secretBox }),
        audit: server.ctx.services.audit,
        checks: createEfirmaChecks({ trust: loadSatTrust({ trustTestCa: true, extraCaFiles: [] }) }),
        now: () => new Date(iso),
      });
    expect(await at('2027-04-01T00:00:00Z').getTaxpayer(tenant.a.id, RFC)).toMatchObject({
      expiresSoon: false,
      daysToExpiry: 46,
    });
    expect(await at('2027-05-01T00:00:00Z').getTaxpayer(tenant.a.id, RFC)).toMatchObject({
      expiresSoon: true,
      daysToExpiry: 16,
    });
    const expired = await at('2027-06-01T00:00:00Z')
      .addTaxpayer(
        tenant.c.id,
        { certificate: fielCer, privateKey: fielKey, password: PASSWORD },
        { type: 'system' },
      )
      .catch((e: unknown) => e);
    expect(isAppError(expired) && expired.code).toBe('EFIRMA_EXPIRED');
    expect(await taxpayerRows(tenant.c.id)).toEqual([]);
    expect((await objectsOf(tenant.c.id)).size).toBe(0);
  });

  it('removes a taxpayer: erases its e.firma, keeps a tombstone, audits it, and allows registering again', async () => {
    const before = await bodyOf(
      await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, { headers: as(tenant.a.viewer) }),
    );
    const del = await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, {
      method: 'DELETE',
      headers: as(tenant.a.admin),
    });
    expect(del.status).toBe(204);
    expect((await objectsOf(tenant.a.id)).size).toBe(0);
    expect(
      (await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, { headers: as(tenant.a.viewer) })).status,
    ).toBe(404);
    expect(
      (await bodyOf(await fetch(`${server.url}/api/v1/taxpayers`, { headers: as(tenant.a.viewer) }))).items,
    ).toEqual([]);
    const all = await bodyOf(
      await fetch(`${server.url}/api/v1/taxpayers?includeRemoved=true`, { headers: as(tenant.a.viewer) }),
    );
    expect(all.items).toEqual([
      expect.objectContaining({ id: before.id, status: 'removed', removedAt: expect.any(String) }),
    ]);
    await expect(server.ctx.services.taxpayers.openFiel(tenant.a.id, RFC, reader)).rejects.toMatchObject({
      status: 404,
    });
    expect(await server.ctx.services.taxpayers.listAllActive()).not.toContainEqual(
      expect.objectContaining({ taxpayerId: before.id }),
    );
    const { rows } = await server.ctx.database.pool.query(
      "SELECT target_id FROM audit_events WHERE tenant_id = $1 AND action = 'taxpayer.removed'",
      [tenant.a.id],
    );
    expect(rows).toEqual([{ target_id: before.id }]);
    expect(
      (
        await fetch(`${server.url}/api/v1/taxpayers/${RFC}`, {
          method: 'DELETE',
          headers: as(tenant.a.admin),
        })
      ).status,
    ).toBe(404);

    const again = await upload(tenant.a.admin, fiel);
    expect(again.status).toBe(201);
    expect((await bodyOf(again)).id).not.toBe(before.id);
    expect((await objectsOf(tenant.a.id)).size).toBe(3);
  });

  it('documents the multipart registration in the OpenAPI description', async () => {
    const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/taxpayers', '/api/v1/taxpayers/{rfc}']),
    );
    expect(Object.keys(doc.paths['/api/v1/taxpayers']!.post!.requestBody?.content ?? {})).toEqual([
      'multipart/form-data',
    ]);
    expect(JSON.stringify(doc.paths['/api/v1/taxpayers']!.post!.requestBody)).toContain('"privateKey"');
  });

  it('never writes the password or the key to the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('request rejected');
    expect(logs).toContain('EFIRMA_BAD_PASSWORD');
    for (const s of secrets) expect(logs).not.toContain(s);
  });
});
