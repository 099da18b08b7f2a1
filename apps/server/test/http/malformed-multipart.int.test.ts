import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** What the outside security test sent (issue 9, point 4): each answered 500 before the fix. */
const malformed: Record<string, { contentType: string; body: string }> = {
  'no boundary': {
    contentType: 'multipart/form-data',
    body: '--x\r\nContent-Disposition: form-data; name="password"\r\n\r\nsecret\r\n--x--\r\n',
  },
  'a truncated part': {
    contentType: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="certificate"; filename="a.cer"\r\n\r\n0\x82\x05',
  },
  'a part header that never ends': {
    contentType: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="privateKey"; filename="a.key"',
  },
};

// busboy skips parts it cannot read instead of failing; these must stay 4xx problems too.
const lenient: Record<string, string> = {
  'a header line without a colon': '--x\r\nnot a header\r\n\r\nabc\r\n--x--\r\n',
  'a part without Content-Disposition': '--x\r\nContent-Type: text/plain\r\n\r\nabc\r\n--x--\r\n',
  'an unterminated quoted name': '--x\r\nContent-Disposition: form-data; name="cert\r\n\r\nabc\r\n--x--\r\n',
};

describe('malformed multipart bodies on POST /api/v1/taxpayers', () => {
  let server: TestServer;
  let tenantId = '';
  let key = '';
  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Multipart',
      email: 'mp@despacho.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    tenantId = seeded.tenantId;
    key = (await server.createApiKey(seeded.tenantSlug, 'admin')).key;
  });
  afterAll(() => server?.close());

  const post = (contentType: string, body: string) => {
    const bytes = Buffer.from(body, 'latin1');
    const head =
      'POST /api/v1/taxpayers HTTP/1.1\r\nHost: boveda.test\r\nConnection: close\r\n' +
      `Authorization: Bearer ${key}\r\nContent-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\n\r\n`;
    return rawRequest(server.url, Buffer.concat([Buffer.from(head), bytes]));
  };

  it.each(Object.entries(malformed))(
    '%s is 400 BAD_REQUEST problem+json',
    async (_name, { contentType, body }) => {
      const res = await post(contentType, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.body);
      expect(problem).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      expect(problem.requestId).toEqual(expect.any(String));
      expect(res.body).not.toMatch(/busboy|Boundary not found|terminated early|\bat .*\.js:\d+/);
    },
  );

  it.each(Object.entries(lenient))('%s is a 4xx problem, never a 5xx', async (_name, body) => {
    const res = await post('multipart/form-data; boundary=x', body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.parse(res.body).code).toEqual(expect.any(String));
  });

  it('writes nothing: no taxpayer row, no stored object', async () => {
    const { rows } = await server.ctx.database.pool.query('SELECT id FROM taxpayers WHERE tenant_id = $1', [
      tenantId,
    ]);
    expect(rows).toEqual([]);
    const objects: string[] = [];
    for await (const o of server.ctx.storage.list(`tenants/${tenantId}/`)) objects.push(o.key);
    expect(objects).toEqual([]);
  });
});
