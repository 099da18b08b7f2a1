import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';

const RFC = 'EKU9003173C9';
type Json = Record<string, unknown>;

/**
 * `GET …/sat-requests/{id}/packages/{packageId}`: the stored zip, byte for byte. Requests and
 * packages are seeded as the downloader leaves them (the SAT conversation has its own tests).
 */
describe('stored SAT package download', () => {
  let server: TestServer;
  let tenantA: string;
  let requestId: string;
  const keys: Record<string, string> = {};
  // Incompressible and larger than one stream chunk (64 KB): the route must stream it all.
  const zip = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(300_000)]);
  const sha256 = createHash('sha256').update(zip).digest('hex');

  beforeAll(async () => {
    server = await startTestServer();
    const a = await server.seedUser({
      tenantName: 'A',
      email: 'a@a.mx',
      password: 'pw-a-123456',
      role: 'owner',
    });
    const b = await server.seedUser({
      tenantName: 'B',
      email: 'b@b.mx',
      password: 'pw-b-123456',
      role: 'owner',
    });
    tenantA = a.tenantId;
    for (const role of ['viewer', 'member', 'admin'] as const)
      keys[role] = (await server.createApiKey(a.tenantSlug, role)).key;
    keys.other = (await server.createApiKey(b.tenantSlug, 'admin')).key;
    const pool = server.ctx.database.pool;
    const insertRequest = async (tenantId: string) =>
      (
        await pool.query<{ id: string }>(
          `INSERT INTO sat_requests (tenant_id, rfc, kind, direction, period_start, period_end, params_hash, state, origin)
           VALUES ($1, $2, 'cfdi', 'issued', '2025-01-01T00:00:00', '2025-01-31T23:59:59', $3, 'finished', 'manual')
           RETURNING id`,
          [tenantId, RFC, randomBytes(8).toString('hex')],
        )
      ).rows[0]!.id;
    requestId = await insertRequest(a.tenantId);
    const storageKey = `tenants/${a.tenantId}/clientes/${RFC}/2025/paquetes/cfdi/PKG_01.zip`;
    await server.ctx.storage.put(storageKey, zip);
    await pool.query(
      `INSERT INTO sat_packages (tenant_id, request_id, sat_package_id, kind, state, storage_key, size, sha256, stored_at)
       VALUES ($1, $2, 'PKG_01', 'cfdi', 'stored', $3, $4, $5, now()),
              ($1, $2, 'PKG_02', 'cfdi', 'pending', $6, NULL, NULL, NULL),
              ($1, $2, 'PKG_03', 'cfdi', 'stored', $7, 10, 'x', now())`,
      [
        a.tenantId,
        requestId,
        storageKey,
        zip.length,
        sha256,
        `tenants/${a.tenantId}/clientes/${RFC}/2025/paquetes/cfdi/PKG_02.zip`,
        `tenants/${a.tenantId}/clientes/${RFC}/2025/paquetes/cfdi/PKG_03.zip`, // row says stored, object gone
      ],
    );
    await insertRequest(b.tenantId);
  });
  afterAll(() => server?.close());

  const get = async (path: string, key: string | null = keys.member!) => {
    const res = await fetch(
      `${server.url}${path}`,
      key ? { headers: { authorization: `Bearer ${key}` } } : {},
    );
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const url = (pkg: string, id = requestId, rfc = RFC) =>
    `/api/v1/taxpayers/${rfc}/sat-requests/${id}/packages/${pkg}`;
  const code = (body: Buffer) => (JSON.parse(body.toString()) as Json).code;

  it('streams the stored zip byte for byte to members and admins, and audits it', async () => {
    for (const role of ['member', 'admin']) {
      const { res, body } = await get(url('PKG_01'), keys[role]!);
      expect(res.status, role).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="PKG_01.zip"');
      expect(body.equals(zip)).toBe(true);
      expect(createHash('sha256').update(body).digest('hex')).toBe(sha256);
    }
    // Any case of the RFC, like the other request routes.
    expect((await get(url('PKG_01', requestId, RFC.toLowerCase()))).res.status).toBe(200);
    const audit = await server.ctx.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'sat.package.downloaded'`,
      [tenantA],
    );
    expect(audit.rows[0]!.n).toBe(3);
  });

  it('is for members up: a viewer gets 403, no credentials 401', async () => {
    expect((await get(url('PKG_01'), keys.viewer!)).res.status).toBe(403);
    expect((await get(url('PKG_01'), null)).res.status).toBe(401);
  });

  it('answers 404 for a pending, missing or unknown package, another RFC and another organization', async () => {
    for (const pkg of ['PKG_02', 'PKG_03', 'NOPE']) {
      const { res, body } = await get(url(pkg));
      expect([res.status, code(body)], pkg).toEqual([404, 'SAT_PACKAGE_NOT_FOUND']);
    }
    const wrongRfc = await get(url('PKG_01', requestId, 'AAA010101AAA'));
    expect([wrongRfc.res.status, code(wrongRfc.body)]).toEqual([404, 'SAT_REQUEST_NOT_FOUND']);
    const other = await get(url('PKG_01'), keys.other!);
    expect([other.res.status, code(other.body)]).toEqual([404, 'SAT_REQUEST_NOT_FOUND']);
  });
});
