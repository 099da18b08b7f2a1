import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { isCfdiParseError } from './index.js';
import { readFixture } from './parsing/testing/fixtures.js';

/** The single-document API the inbox and the PAC will call: one XML, from one source. */
describe('registering one CFDI from a source', () => {
  let server: TestServer;
  let tenantId: string;
  let auth: { authorization: string };
  const xml = readFixture('cfdi/satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml');
  const objectKey = (name: string) => `tenants/${tenantId}/bandeja/${name}.xml`;

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Uno',
      email: 'uno@x.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    tenantId = seeded.tenantId;
    auth = { authorization: `Bearer ${(await server.createApiKey(seeded.tenantSlug, 'viewer')).key}` };
  });
  afterAll(() => server?.close());

  it('stores it like any CFDI: searchable, with its original XML served byte for byte', async () => {
    await server.ctx.storage.put(objectKey('a'), xml);
    const registered = await server.ctx.services.cfdiIngestion.registerDocument({
      tenantId,
      xml,
      objectKey: objectKey('a'),
    });
    expect(registered).toMatchObject({
      stored: true,
      tipo: 'I',
      uuid: expect.stringMatching(/^[0-9A-F-]{36}$/i),
    });
    const detail = await fetch(`${server.url}/api/v1/cfdi/${registered.uuid}`, { headers: auth });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { uuid: string }).uuid.toUpperCase()).toBe(
      registered.uuid.toUpperCase(),
    );
    const original = await fetch(`${server.url}/api/v1/cfdi/${registered.uuid}/xml`, { headers: auth });
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(xml)).toBe(true);
  });

  it('says when the organization already had it, and changes nothing', async () => {
    await server.ctx.storage.put(objectKey('b'), xml);
    const again = await server.ctx.services.cfdiIngestion.registerDocument({
      tenantId,
      xml,
      objectKey: objectKey('b'),
    });
    expect(again.stored).toBe(false);
    const { rows } = await server.ctx.database.pool.query(
      'SELECT source_object_key FROM cfdi_documents WHERE tenant_id = $1',
      [tenantId],
    );
    expect(rows).toEqual([{ source_object_key: objectKey('a') }]);
  });

  it('refuses what is not a stamped CFDI with the parser’s code, writing nothing', async () => {
    const before = (await server.ctx.database.pool.query('SELECT count(*)::int AS n FROM cfdi_ingestions'))
      .rows[0].n;
    for (const [bytes, code] of [
      [Buffer.from('<html><body>factura</body></html>'), 'NOT_CFDI'],
      [readFixture('cfdi/satcfdi-cfdv40-ejemplo.xml'), 'MISSING_UUID'],
    ] as const) {
      const error = await server.ctx.services.cfdiIngestion
        .registerDocument({ tenantId, xml: bytes, objectKey: objectKey('x') })
        .catch((e: unknown) => e);
      expect(isCfdiParseError(error) && error.code).toBe(code);
    }
    expect(
      (await server.ctx.database.pool.query('SELECT count(*)::int AS n FROM cfdi_ingestions')).rows[0].n,
    ).toBe(before);
  });
});
