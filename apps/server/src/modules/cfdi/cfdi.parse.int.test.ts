import { CFDI_PARSE_MAX_BYTES } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { parseCfdi } from './parsing/index.js';
import { readFixture } from './parsing/testing/fixtures.js';

const FIXTURE = 'cfdi/satcfdi-cfdv40-ejemplo-signed-tfd.xml';
const LATIN1_32 = 'hostile/latin1-declared.xml';
const PASSWORD = 'correct horse battery';

describe('POST /api/v1/cfdi/parse: a CFDI in, its normalized JSON out, nothing stored', () => {
  let server: TestServer;
  let viewer: { authorization: string };
  let session: { cookie: string; 'x-csrf-token': string };
  const xml = readFixture(FIXTURE);

  beforeAll(async () => {
    server = await startTestServer();
    const { tenantSlug } = await server.seedUser({
      tenantName: 'Despacho Parse',
      email: 'viewer@parse.mx',
      password: PASSWORD,
      role: 'viewer',
    });
    viewer = { authorization: `Bearer ${(await server.createApiKey(tenantSlug, 'viewer')).key}` };
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@parse.mx', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const jar = new Map(
      login.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=') as [string, string]),
    );
    session = {
      cookie: `boveda_session=${jar.get('boveda_session')}; boveda_csrf=${jar.get('boveda_csrf')}`,
      'x-csrf-token': jar.get('boveda_csrf')!,
    };
  });
  afterAll(() => server?.close());

  const parse = (body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/cfdi/parse`, { method: 'POST', headers, body });

  it('answers a real CFDI 4.0 as the parser reads it, sent as XML or as JSON, by a viewer', async () => {
    const expected = JSON.parse(JSON.stringify(parseCfdi(xml)));
    const asXml = await parse(xml, { ...viewer, 'content-type': 'application/xml' });
    expect(asXml.status).toBe(200);
    const body = await json(asXml);
    expect(body).toEqual(expected);
    expect(body).toMatchObject({
      kind: 'cfdi',
      version: '4.0',
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(body.document['cfdi:Comprobante']['@Version']).toBe('4.0');

    const asText = await parse(xml, { ...viewer, 'content-type': 'text/xml; charset=utf-8' });
    expect(await json(asText)).toEqual(expected);
    const asJson = await parse(JSON.stringify({ xml: xml.toString('utf8') }), {
      ...viewer,
      'content-type': 'application/json',
    });
    expect(asJson.status).toBe(200);
    expect(await json(asJson)).toEqual(expected);
  });

  it('decodes the bytes as the XML declares them (a CFDI 3.2 in ISO-8859-1)', async () => {
    const latin1 = readFixture(LATIN1_32);
    const res = await parse(latin1, { ...viewer, 'content-type': 'application/xml' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toEqual(JSON.parse(JSON.stringify(parseCfdi(latin1))));
    expect(body.emisor.nombre).toBe('Compañía Peña');
  });

  it('takes a web session too (with its CSRF token)', async () => {
    const res = await parse(xml, { ...session, 'content-type': 'application/xml' });
    expect(res.status).toBe(200);
    expect((await json(res)).uuid).toBe(parseCfdi(xml).uuid);
  });

  it('refuses XML that is not a CFDI, and malformed XML, with 422 and the parser’s code', async () => {
    const notCfdi = await parse('<?xml version="1.0"?><factura><total>10</total></factura>', {
      ...viewer,
      'content-type': 'application/xml',
    });
    expect(notCfdi.status).toBe(422);
    expect(notCfdi.headers.get('content-type')).toContain('application/problem+json');
    const notCfdiBody = await json(notCfdi);
    expect(notCfdiBody).toMatchObject({ status: 422, code: 'CFDI_UNPARSABLE' });
    expect(notCfdiBody.detail).toMatch(/^NOT_CFDI: /);

    const malformed = await parse(xml.subarray(0, xml.length / 2), { ...viewer, 'content-type': 'text/xml' });
    expect(malformed.status).toBe(422);
    expect((await json(malformed)).detail).toMatch(/^XML_MALFORMED: /);

    const viaJson = await parse(JSON.stringify({ xml: '<cfdi:Comprobante' }), {
      ...viewer,
      'content-type': 'application/json',
    });
    expect(viaJson.status).toBe(422);
    expect((await json(viaJson)).code).toBe('CFDI_UNPARSABLE');

    // Bytes that are not the encoding the document claims are refused, not repaired.
    const badUtf8 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('</a>'),
    ]);
    const bad = await parse(badUtf8, { ...viewer, 'content-type': 'application/xml' });
    expect(bad.status).toBe(422);
    expect((await json(bad)).detail).toMatch(/^NOT_UTF8: /);

    const empty = await parse('', { ...viewer, 'content-type': 'application/xml' });
    expect(empty.status).toBe(422);
    expect((await json(empty)).detail).toMatch(/^EMPTY_FILE: /);
  });

  it('refuses a body over 5 MB with 413, and other media types with 415', async () => {
    const padding = Buffer.alloc(CFDI_PARSE_MAX_BYTES + 1 - xml.length, 0x20);
    const huge = await parse(Buffer.concat([xml, padding]), { ...viewer, 'content-type': 'application/xml' });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(huge)).code).toBe('PAYLOAD_TOO_LARGE');

    // Just under the cap is read (trailing whitespace after the root element is well-formed XML).
    const fits = Buffer.concat([xml, Buffer.alloc(CFDI_PARSE_MAX_BYTES - xml.length, 0x20)]);
    expect((await parse(fits, { ...viewer, 'content-type': 'application/xml' })).status).toBe(200);

    const plain = await parse(xml, { ...viewer, 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect((await json(plain)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 without credentials, and 403 to a session without its CSRF token', async () => {
    const anonymous = await parse(xml, { 'content-type': 'application/xml' });
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).code).toBe('UNAUTHENTICATED');
    const badKey = await parse(xml, {
      authorization: 'Bearer bov_live_nope',
      'content-type': 'application/xml',
    });
    expect(badKey.status).toBe(401);
    const noCsrf = await parse(xml, { cookie: session.cookie, 'content-type': 'application/xml' });
    expect(noCsrf.status).toBe(403);
  });

  it('writes nothing: no CFDI, metadata or ingestion', async () => {
    const { rows } = await server.ctx.database.pool.query<{
      docs: number;
      metadata: number;
      ingestions: number;
    }>(
      `SELECT (SELECT count(*)::int FROM cfdi_documents) AS docs,
              (SELECT count(*)::int FROM cfdi_metadata) AS metadata,
              (SELECT count(*)::int FROM cfdi_ingestions) AS ingestions`,
    );
    expect(rows[0]).toEqual({ docs: 0, metadata: 0, ingestions: 0 });
  });
});
