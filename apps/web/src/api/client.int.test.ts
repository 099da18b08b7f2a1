import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import {
  type ApiClient,
  ApiError,
  CSRF_COOKIE,
  cfdiExportUrl,
  cfdiZipUrl,
  createApiClient,
  NetworkError,
  readCookie,
} from './client.js';

const efirmaDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../test-fixtures/efirma',
);

/** A browser keeps cookies for us; in Node the test does, with the same rules for what to send back. */
function cookieJarFetch() {
  const jar = new Map<string, string>();
  const doFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired =
        attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || /^\s*$/.test(pair.slice(eq + 1));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  };
  return { doFetch, jar };
}

describe('API client against the real server', () => {
  let server: TestServer;
  const owner = {
    tenantName: 'Contadores del Bajío',
    email: 'luis@example.mx',
    password: 'Pan-con-cajeta-77',
  };

  beforeAll(async () => {
    server = await startTestServer();
    await server.seedUser({ ...owner, role: 'owner' });
  });
  afterAll(async () => server?.close());

  function client(opts: { csrf?: boolean } = {}) {
    const { doFetch, jar } = cookieJarFetch();
    const lost: ApiError[] = [];
    const api: ApiClient = createApiClient({
      baseUrl: server.url,
      fetch: doFetch,
      readCsrfToken: () => (opts.csrf === false ? null : (jar.get(CSRF_COOKIE) ?? null)),
      onUnauthenticated: (e) => lost.push(e),
    });
    return { api, lost, jar };
  }

  it('a wrong password is a typed error, not a lost session', async () => {
    const { api, lost } = client();
    const error = await api.login({ email: owner.email, password: 'incorrecta' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_CREDENTIALS');
    expect((error as ApiError).problem.requestId).toBeTruthy();
    expect(lost).toEqual([]);
  });

  it('signs in, manages keys with the CSRF header, pages through them and signs out', async () => {
    const { api, lost } = client();
    const login = await api.login({ email: owner.email, password: owner.password });
    expect(login.tenant.name).toBe(owner.tenantName);
    expect(login.role).toBe('owner');
    expect((await api.me()).user?.email).toBe(owner.email);

    const first = await api.createApiKey({ name: 'Primera', role: 'viewer' });
    const second = await api.createApiKey({ name: 'Segunda', role: 'admin' });
    expect(first.key.startsWith(first.prefix)).toBe(true);

    const page1 = await api.listApiKeys({ limit: 1 });
    expect(page1.items.map((k) => k.name)).toEqual(['Segunda']);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await api.listApiKeys({ limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((k) => k.name)).toEqual(['Primera']);
    expect(page2.items.some((k) => 'key' in k)).toBe(false);

    await expect(api.revokeApiKey(second.id)).resolves.toBeUndefined();
    const after = await api.listApiKeys();
    expect(after.items.find((k) => k.id === second.id)?.revokedAt).toBeTruthy();

    const users = await api.listUsers();
    expect(users.items.map((u) => u.email)).toEqual([owner.email]);

    await api.logout();
    const error = await api.me().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(lost.map((e) => e.status)).toEqual([401]);
  });

  it('a state-changing request without the CSRF token is refused', async () => {
    const { api } = client({ csrf: false });
    await api.login({ email: owner.email, password: owner.password });
    const error = await api.createApiKey({ name: 'Sin token', role: 'viewer' }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('CSRF_FAILED');
  });

  it('registers an e.firma as multipart, files a year of SAT requests and removes the taxpayer', async () => {
    const file = async (name: string) => new Blob([await readFile(path.join(efirmaDir, name))]);
    const fiel = {
      certificate: await file('fiel-EKU9003173C9.cer'),
      privateKey: await file('fiel-EKU9003173C9.key'),
    };

    const { api: noCsrf } = client({ csrf: false });
    await noCsrf.login({ email: owner.email, password: owner.password });
    const refused = await noCsrf
      .registerTaxpayer({ ...fiel, password: '12345678a' })
      .catch((e: unknown) => e);
    expect((refused as ApiError).code).toBe('CSRF_FAILED');

    const { api } = client();
    await api.login({ email: owner.email, password: owner.password });
    const wrong = await api.registerTaxpayer({ ...fiel, password: 'no-es-esta' }).catch((e: unknown) => e);
    expect([(wrong as ApiError).status, (wrong as ApiError).code]).toEqual([422, 'EFIRMA_BAD_PASSWORD']);
    expect((await api.listTaxpayers()).items).toEqual([]);

    const taxpayer = await api.registerTaxpayer({ ...fiel, password: '12345678a' });
    expect(taxpayer).toMatchObject({
      rfc: 'EKU9003173C9',
      certificateSerial: '30001000000500003415',
      status: 'active',
    });
    expect((await api.getTaxpayer('EKU9003173C9')).validUntil).toBe(taxpayer.validUntil);

    // No workers run here, so the requests stay pending: this is about the shapes, not the SAT.
    const year = new Date().getFullYear() - 1;
    const filed = await api.fileSatYear('EKU9003173C9', { year, direction: 'issued' });
    expect([filed.created, filed.existing]).toEqual([14, 0]);
    const page = await api.listSatRequests('EKU9003173C9', { limit: 10 });
    expect(page.items).toHaveLength(10);
    const rest = await api.listSatRequests('EKU9003173C9', { limit: 10, cursor: page.nextCursor });
    expect([rest.items.length, rest.nextCursor]).toEqual([4, null]);

    const january = filed.items.find(
      (r) => r.type === 'cfdi' && r.period?.start === `${year}-01-01T00:00:00`,
    );
    const detail = await api.getSatRequest('EKU9003173C9', january!.id);
    expect(detail).toMatchObject({ state: 'pending', direction: 'issued', packages: [], related: [] });
    expect(detail.history.map((e) => e.toState)).toEqual(['pending']);
    // Filing the same parameters again answers the open request instead of a duplicate.
    const again = await api.createSatRequest('EKU9003173C9', {
      type: 'cfdi',
      direction: 'issued',
      period: january!.period!,
      filters: january!.filters,
    });
    expect(again.id).toBe(january!.id);
    expect(typeof (await api.syncSat()).jobId).toBe('string');

    await api.removeTaxpayer('EKU9003173C9');
    expect((await api.listTaxpayers()).items).toEqual([]);
    const gone = await api.getTaxpayer('EKU9003173C9').catch((e: unknown) => e);
    expect((gone as ApiError).code).toBe('TAXPAYER_NOT_FOUND');
  });

  it('searches CFDI through the same client: its filters in the URL, a lost session like any other', async () => {
    const { api, lost } = client();
    await api.login({ email: owner.email, password: owner.password });
    const page = await api.searchCfdi(
      { rfc: 'EKU9003173C9', direction: 'issued', sort: 'total' },
      { limit: 5 },
    );
    expect(page).toEqual({ items: [], nextCursor: null });
    const summary = await api.getTaxpayerSummary('EKU9003173C9', 2024);
    expect([summary.rfc, summary.year, summary.months.length]).toEqual(['EKU9003173C9', 2024, 12]);
    const missing = await api.getCfdi('6b2c3e5a-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect((missing as ApiError).code).toBe('CFDI_NOT_FOUND');

    await api.logout();
    const error = await api.searchCfdi({}).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(lost.map((e) => e.status)).toEqual([401]);
  });

  it('writes a CFDI export link with the search filters only', () => {
    expect(cfdiExportUrl({ rfc: 'EKU9003173C9', direction: 'issued', q: '' }, 'csv')).toBe(
      '/api/v1/cfdi/export.csv?rfc=EKU9003173C9&direction=issued',
    );
    expect(cfdiExportUrl({}, 'xlsx')).toBe('/api/v1/cfdi/export.xlsx');
    expect(cfdiZipUrl({ rfc: 'EKU9003173C9' })).toBe('/api/v1/cfdi/export.zip?rfc=EKU9003173C9');
    expect(cfdiZipUrl({ rfc: 'EKU9003173C9' }, { uuids: ['a', 'b'], pdf: true })).toBe(
      '/api/v1/cfdi/export.zip?rfc=EKU9003173C9&uuids=a%2Cb&pdf=true',
    );
    expect(cfdiZipUrl({}, { uuids: [] })).toBe('/api/v1/cfdi/export.zip');
  });
});

describe('API client transport errors', () => {
  it('a server that is not there is a NetworkError', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(api.me()).rejects.toBeInstanceOf(NetworkError);
  });

  it('a non-JSON error page still becomes an ApiError with its status', async () => {
    const proxy = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const api = createApiClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
      const error = await api.listUsers().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(502);
      expect((error as ApiError).code).toBe('INTERNAL');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; boveda_csrf=abc%3D%3D; b=2', 'boveda_csrf')).toBe('abc==');
    expect(readCookie('xboveda_csrf=no', 'boveda_csrf')).toBeNull();
    expect(readCookie('', 'boveda_csrf')).toBeNull();
  });
});
