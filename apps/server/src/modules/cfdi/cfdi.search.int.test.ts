import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments, seedFromParsed } from './cfdi.search.test-support.js';
import { parseCfdi } from './parsing/index.js';
import { readFixture } from './parsing/testing/fixtures.js';
import { buildZip } from './parsing/testing/zip-builder.js';

const ME = 'MEMO800101AB1';
const PAGER = 'PAG010101PA1';
const FIXTURE = 'cfdi/satcfdi-cfdv40-ejemplo-signed-tfd.xml';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, their shapes are the assertions
type Json = Record<string, any>;

// NULL sorts as the largest value (ties broken by uuid), so these land first in each order.
const LATE_UUID = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
const FIRST_IN: Record<string, { uuid: string; issuedAt: string | null; total: string | null }> = {
  'date desc': { uuid: LATE_UUID, issuedAt: null, total: '1.00' },
  'date asc': { uuid: LATE_UUID, issuedAt: '2000-01-01T00:00:00', total: '1.00' },
  'total desc': { uuid: LATE_UUID, issuedAt: '2025-01-01T00:00:00', total: null },
  'total asc': { uuid: LATE_UUID, issuedAt: '2025-01-01T00:00:00', total: '0.01' },
};

describe('CFDI search, detail and original XML', () => {
  let server: TestServer;
  let auth: { authorization: string };
  let otherAuth: { authorization: string };
  let fixtureUuid: string;
  let plainUuid: string;
  let tenantA: string;
  const fixtureXml = readFixture(FIXTURE);

  beforeAll(async () => {
    server = await startTestServer();
    const a = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'a@a.mx',
      password: 'pw-a-123456',
      role: 'owner',
    });
    const b = await server.seedUser({
      tenantName: 'Despacho B',
      email: 'b@b.mx',
      password: 'pw-b-123456',
      role: 'owner',
    });
    auth = { authorization: `Bearer ${(await server.createApiKey(a.tenantSlug, 'viewer')).key}` };
    otherAuth = { authorization: `Bearer ${(await server.createApiKey(b.tenantSlug, 'viewer')).key}` };
    tenantA = a.tenantId;
    const pool = server.ctx.database.pool;

    // The real XML sits inside a zip in the object store, next to other entries, as in a SAT package.
    const parsed = parseCfdi(fixtureXml);
    fixtureUuid = parsed.uuid!;
    const zipKey = `tenants/${a.tenantId}/sat/packages/test-package.zip`;
    await server.ctx.storage.put(
      zipKey,
      buildZip([
        { name: 'other.xml', data: '<x/>' },
        { name: `${fixtureUuid.toUpperCase()}.xml`, data: fixtureXml },
        { name: 'stored.xml', data: 'stored', method: 0 },
      ]),
    );
    await seedDocuments(pool, a.tenantId, [
      seedFromParsed(parsed, { sourceObjectKey: zipKey, sourceEntry: `${fixtureUuid.toUpperCase()}.xml` }),
    ]);
    // An uploaded single XML: the object is the document itself.
    const plainKey = `tenants/${a.tenantId}/uploads/one.xml`;
    await server.ctx.storage.put(plainKey, fixtureXml);
    plainUuid = (
      await seedDocuments(pool, a.tenantId, [
        {
          issuedAt: '2024-06-01T10:00:00',
          emisorRfc: 'XYZ010101XYZ',
          receptorRfc: ME,
          total: '10.00',
          sourceObjectKey: plainKey,
        },
      ])
    )[0]!;

    await seedDocuments(pool, a.tenantId, [
      {
        issuedAt: '2025-01-15T09:00:00',
        emisorRfc: ME,
        receptorRfc: 'BBB010101BBB',
        receptorNombre: 'Comercial Beta',
        total: '1160.00',
      },
      {
        issuedAt: '2025-01-31T23:59:59',
        emisorRfc: ME,
        receptorRfc: 'CCC010101CCC',
        receptorNombre: 'Gamma 100% _Asociados',
        total: '580.58',
      },
      {
        issuedAt: '2025-02-01T00:00:00',
        emisorRfc: ME,
        receptorRfc: 'BBB010101BBB',
        receptorNombre: 'Comercial Beta',
        total: '116.00',
        moneda: 'USD',
        tipoCambio: '17.5',
      },
      {
        issuedAt: '2025-02-10T12:00:00',
        tipo: 'E',
        emisorRfc: ME,
        receptorRfc: 'BBB010101BBB',
        receptorNombre: 'Comercial Beta',
        total: '116.00',
        status: 'cancelado',
      },
      {
        issuedAt: '2025-01-20T08:00:00',
        emisorRfc: 'DDD010101DDD',
        emisorNombre: 'Proveedora Delta',
        receptorRfc: ME,
        total: '1906.67',
      },
      {
        issuedAt: '2025-03-05T08:00:00',
        tipo: 'P',
        emisorRfc: 'DDD010101DDD',
        emisorNombre: 'Proveedora Delta',
        receptorRfc: ME,
        total: '0',
        moneda: 'XXX',
        complementos: ['timbrefiscaldigital11', 'pagos20'],
        status: 'unknown',
      },
    ]);
    // Pagination set: ties on date and total, and rows without either, so the tiebreak matters.
    await seedDocuments(
      pool,
      a.tenantId,
      Array.from({ length: 23 }, (_, i) => ({
        issuedAt: i % 11 === 10 ? null : `2025-0${(i % 4) + 1}-0${(i % 3) + 1}T10:00:00`,
        emisorRfc: PAGER,
        receptorRfc: ME,
        total: i % 7 === 6 ? null : ['10.00', '10.50', '200.00'][i % 3]!,
      })),
    );
  });
  afterAll(() => server?.close());

  const get = async (path: string, headers = auth) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const uuidsOf = async (query: string) => {
    const { status, body } = await get(`/api/v1/cfdi?limit=500&${query}`);
    expect(status).toBe(200);
    return (body.items as Json[]).map((i) => i.uuid as string);
  };

  it('narrows by each filter', async () => {
    expect(await uuidsOf(`rfc=${ME}&direction=issued`)).toHaveLength(4);
    expect(await uuidsOf(`rfc=${ME}&direction=received`)).toHaveLength(26);
    expect(await uuidsOf(`rfc=${ME}`)).toHaveLength(30);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&from=2025-01-31&to=2025-01-31`)).toHaveLength(1);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&from=2025-02-01`)).toHaveLength(2);
    expect(await uuidsOf(`rfc=${ME}&tipo=E`)).toHaveLength(1);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&counterpart=BBB010101BBB`)).toHaveLength(3);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&counterpart=beta`)).toHaveLength(3);
    expect(await uuidsOf(`counterpart=100%25 _asoc`)).toHaveLength(1);
    expect(await uuidsOf('counterpart=100%25%25')).toHaveLength(0);
    expect(await uuidsOf(`rfc=${ME}&direction=received&counterpart=delta`)).toHaveLength(2);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&minTotal=116&maxTotal=1160.00`)).toHaveLength(4);
    expect(await uuidsOf(`rfc=${ME}&direction=issued&minTotal=116.01`)).toHaveLength(2);
    expect(await uuidsOf('status=cancelado')).toHaveLength(1);
    expect(await uuidsOf('complemento=PAGOS20')).toHaveLength(1);
    expect(await uuidsOf('q=proveedora')).toHaveLength(2);
  });

  it('refuses invalid filters with the field at fault', async () => {
    expect((await get('/api/v1/cfdi?direction=issued')).status).toBe(400);
    expect((await get('/api/v1/cfdi?rfc=nope')).body.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/cfdi?from=2025-02-30')).status).toBe(400);
    expect((await get('/api/v1/cfdi?minTotal=1e3')).status).toBe(400);
    expect((await get('/api/v1/cfdi?limit=501')).status).toBe(400);
    expect((await get('/api/v1/cfdi?cursor=garbage')).body.code).toBe('INVALID_CURSOR');
  });

  it('names each broken rule by a stable code with its params, the English message kept beside it', async () => {
    const issues = async (query: string) => (await get(`/api/v1/cfdi?${query}`)).body.errors;
    expect(await issues('rfc=nope')).toEqual([
      {
        path: 'querystring.rfc',
        code: 'invalid_rfc',
        message: 'not an RFC (3–4 letters, 6 digits, 3 letters or digits)',
      },
    ]);
    expect(await issues('from=2025-02-30')).toEqual([
      expect.objectContaining({ path: 'querystring.from', code: 'invalid_date' }),
    ]);
    expect(await issues('limit=501')).toEqual([
      expect.objectContaining({
        path: 'querystring.limit',
        code: 'too_big',
        params: { max: 500, origin: 'number' },
      }),
    ]);
    expect(await issues('direction=issued')).toEqual([
      expect.objectContaining({
        path: 'querystring.direction',
        code: 'requires_field',
        params: { field: 'rfc' },
      }),
    ]);
    expect(await issues(`rfc=${ME}&from=2025-03-01&to=2025-02-01`)).toEqual([
      expect.objectContaining({ path: 'querystring.from', code: 'after_field', params: { field: 'to' } }),
    ]);
  });

  it.each([
    ['date', 'desc'],
    ['date', 'asc'],
    ['total', 'desc'],
    ['total', 'asc'],
  ])('walks every row exactly once sorted by %s %s', async (sort, order) => {
    const all = await uuidsOf(`rfc=${PAGER}&sort=${sort}&order=${order}`);
    expect(all).toHaveLength(23);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: { body: Json } = await get(
        `/api/v1/cfdi?rfc=${PAGER}&sort=${sort}&order=${order}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      walked.push(...(body.items as Json[]).map((i) => i.uuid));
      cursor = body.nextCursor;
      pages += 1;
      if (pages === 2) {
        // A row inserted mid-walk ahead of the cursor neither shifts nor repeats what comes next.
        await seedDocuments(server.ctx.database.pool, tenantA, [
          { ...FIRST_IN[`${sort} ${order}`]!, emisorRfc: PAGER },
        ]);
      }
    } while (cursor);
    await server.ctx.database.pool.query('DELETE FROM cfdi_documents WHERE uuid = $1', [LATE_UUID]);
    expect(pages).toBe(6);
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(23);
    // A cursor from one sort is refused by another.
    const first = await get(`/api/v1/cfdi?rfc=${PAGER}&sort=${sort}&order=${order}&limit=4`);
    const other = order === 'asc' ? 'desc' : 'asc';
    const mixed = await get(
      `/api/v1/cfdi?rfc=${PAGER}&sort=${sort}&order=${other}&cursor=${first.body.nextCursor}`,
    );
    expect(mixed.body.code).toBe('INVALID_CURSOR');
  });

  it('orders by total with exact decimals', async () => {
    const { body } = await get(`/api/v1/cfdi?rfc=${ME}&direction=issued&sort=total&order=desc`);
    expect((body.items as Json[]).map((i) => i.total)).toEqual(['1160.00', '580.58', '116.00', '116.00']);
  });

  it('returns the detail with the full document', async () => {
    const { status, body } = await get(`/api/v1/cfdi/${fixtureUuid.toUpperCase()}`);
    expect(status).toBe(200);
    const parsed = parseCfdi(fixtureXml);
    expect(body).toMatchObject({
      uuid: fixtureUuid,
      total: parsed.total,
      emisorRfc: parsed.emisor.rfc,
      hasXml: true,
    });
    expect(body.document).toEqual(JSON.parse(JSON.stringify(parsed.document)));
  });

  it('serves the original bytes from the zip entry and from a plain object', async () => {
    for (const uuid of [fixtureUuid, plainUuid]) {
      const res = await fetch(`${server.url}/api/v1/cfdi/${uuid}/xml`, { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/xml');
      expect(Buffer.from(await res.arrayBuffer()).equals(fixtureXml)).toBe(true);
    }
  });

  it('answers 404 for an unknown uuid and for a row without stored XML', async () => {
    expect((await get('/api/v1/cfdi/00000000-0000-4000-8000-000000000000')).body.code).toBe('CFDI_NOT_FOUND');
    const [bare] = await seedDocuments(server.ctx.database.pool, tenantA, [{ emisorRfc: 'ZZZ010101ZZZ' }]);
    expect((await get(`/api/v1/cfdi/${bare}/xml`)).body.code).toBe('CFDI_XML_UNAVAILABLE');
  });

  it('keeps every tenant to its own CFDI', async () => {
    expect((await get(`/api/v1/cfdi/${fixtureUuid}`, otherAuth)).status).toBe(404);
    expect((await get(`/api/v1/cfdi/${fixtureUuid}/xml`, otherAuth)).status).toBe(404);
    expect((await get('/api/v1/cfdi?limit=500', otherAuth)).body.items).toEqual([]);
    expect((await get(`/api/v1/cfdi?rfc=${ME}`, otherAuth)).body.items).toEqual([]);
    expect((await get('/api/v1/cfdi')).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/cfdi`)).status).toBe(401);
  });
});
