import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/http.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('HTTP conventions of every route', () => {
  let server: TestServer;
  let auth: { authorization: string };
  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Protocolo',
      email: 'http@despacho.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    auth = { authorization: `Bearer ${(await server.createApiKey(seeded.tenantSlug, 'admin')).key}` };
  });
  afterAll(() => server?.close());

  // Bodies are read to the end so no streamed answer is left open when the server closes.
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...auth, ...(init.headers ?? {}) },
    });
    await res.arrayBuffer();
    return res;
  };

  describe('Cache-Control: no-store', () => {
    it('on answers carrying a secret or fiscal data, streamed downloads and errors included', async () => {
      const answers = {
        'a new API key': await call('/api/v1/api-keys', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'cache check', role: 'viewer' }),
        }),
        'a search': await call('/api/v1/cfdi?limit=1'),
        'a streamed CSV export': await call('/api/v1/cfdi/export.csv'),
        'a streamed XLSX export': await call('/api/v1/metadata/export.xlsx'),
        'an XML download': await call('/api/v1/cfdi/499e9a70-36ac-448a-bbd9-f3f52102e4be/xml'),
        'a HEAD of a search': await call('/api/v1/metadata', { method: 'HEAD' }),
        'a validation error': await call('/api/v1/cfdi?limit=0'),
        'an unauthenticated call': await fetch(`${server.url}/api/v1/me`),
        'an unknown API path': await call('/api/v1/nope'),
      };
      const seen = Object.fromEntries(
        Object.entries(answers).map(([what, res]) => [
          what,
          `${res.status} ${res.headers.get('cache-control')}`,
        ]),
      );
      expect(seen).toEqual({
        'a new API key': '201 no-store',
        'a search': '200 no-store',
        'a streamed CSV export': '200 no-store',
        'a streamed XLSX export': '200 no-store',
        'an XML download': '404 no-store',
        'a HEAD of a search': '200 no-store',
        'a validation error': '400 no-store',
        'an unauthenticated call': '401 no-store',
        'an unknown API path': '404 no-store',
      });
    });

    it('leaves answers outside /api/ alone', async () => {
      expect((await fetch(`${server.url}/health`)).headers.get('cache-control')).toBeNull();
    });
  });

  describe('405 Method Not Allowed', () => {
    it('answers a wrong method on an existing path with problem+json and Allow', async () => {
      const cases: [string, string, string][] = [
        ['PUT', '/api/v1/taxpayers', 'GET, HEAD, POST'],
        ['PATCH', '/api/v1/taxpayers/EKU9003173C9', 'DELETE, GET, HEAD'],
        ['DELETE', '/api/v1/cfdi?limit=1', 'GET, HEAD'],
        ['GET', '/api/v1/auth/login', 'POST'],
        ['POST', '/health', 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases) {
        const res = await call(path, { method });
        expect([method, path, res.status, res.headers.get('allow')]).toEqual([method, path, 405, allow]);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      const body = await (
        await fetch(`${server.url}/api/v1/taxpayers`, { method: 'PUT', headers: auth })
      ).json();
      expect(body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', requestId: expect.any(String) });
    });

    it('keeps 404 ROUTE_NOT_FOUND for paths that do not exist', async () => {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const res = await fetch(`${server.url}/api/v1/taxpayers/EKU9003173C9/nope`, {
          method,
          headers: auth,
        });
        expect([method, res.status, res.headers.get('allow')]).toEqual([method, 404, null]);
        expect((await json(res)).code).toBe('ROUTE_NOT_FOUND');
      }
    });
  });

  describe('errors Node answers before routing', () => {
    it('a request over the header size limit is 431 problem+json', async () => {
      const res = await rawRequest(
        server.url,
        `GET /api/v1/me HTTP/1.1\r\nHost: boveda.test\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      );
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers.connection).toBe('close');
      expect(JSON.parse(res.body)).toMatchObject({
        status: 431,
        code: 'HEADERS_TOO_LARGE',
        requestId: expect.any(String),
      });
    });

    it('a request line that is not HTTP is 400 problem+json', async () => {
      const res = await rawRequest(server.url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    });
  });

  describe('inputs refused before they reach a route', () => {
    it('a NUL character anywhere in the input is 400 VALIDATION_FAILED, not a database error', async () => {
      const cases: [string, RequestInit][] = [
        ['/api/v1/cfdi?q=a%00b', {}],
        ['/api/v1/taxpayers/EKU9003173C9%00/sat-requests', {}],
        ['/api/v1/taxpayers/EKU9003173C9/sat-requests?state=pending%00', {}],
        [
          '/api/v1/api-keys',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'nul\u0000key', role: 'viewer' }),
          },
        ],
      ];
      for (const [path, init] of cases) {
        const res = await fetch(`${server.url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
        expect([path, res.status, (await json(res)).code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      }
    });

    it('the router refusals (bad percent-encoding, a path parameter over 100 characters) are problem+json', async () => {
      const badUrl = await fetch(`${server.url}/api/v1/cfdi/%E0%A4%A`, { headers: auth });
      expect(badUrl.status).toBe(400);
      expect(badUrl.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(badUrl.headers.get('cache-control')).toBe('no-store');
      expect(await json(badUrl)).toMatchObject({
        status: 400,
        code: 'BAD_REQUEST',
        requestId: expect.any(String),
      });
      const longParam = await fetch(`${server.url}/api/v1/taxpayers/${'X'.repeat(101)}`, { headers: auth });
      expect(longParam.status).toBe(414);
      expect(longParam.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await json(longParam)).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
    });
  });
});
