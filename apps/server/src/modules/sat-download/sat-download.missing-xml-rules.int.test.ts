import { randomUUID } from 'node:crypto';
import { MISSING_XML_MAX_PER_CALL } from '@boveda/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

const RFC = 'EKU9003173C9';
const PATH = `/api/v1/taxpayers/${RFC}/sat-requests/missing-xml`;

async function seedTaxpayer(pool: pg.Pool, tenantId: string, rfc: string) {
  await pool.query(
    `INSERT INTO taxpayers (id, tenant_id, rfc, legal_name, certificate_serial, certificate_sha256, valid_from,
       valid_until, status)
     VALUES ($1, $2, $3, 'Contribuyente', '30001000000500003415', 'x', now() - interval '1 year',
       now() + interval '1 year', 'active')`,
    [randomUUID(), tenantId, rfc],
  );
}

/** `n` metadata rows issued by `rfc` on one day, none with its CFDI; `cancelled` of them cancelled. */
async function seedMissing(
  pool: pg.Pool,
  tenantId: string,
  rfc: string,
  day: string,
  n: number,
  cancelled = 0,
) {
  await pool.query(
    `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, receptor_rfc, issued_at, monto, efecto, status)
     SELECT $1, gen_random_uuid(), $2, 'PEGJ800101AA1', $3::timestamp + i * interval '1 second', '10.00', 'I',
       CASE WHEN i < $5 THEN 'cancelado' ELSE 'vigente' END
     FROM generate_series(0, $4 - 1) AS i`,
    [tenantId, rfc, `${day}T08:00:00`, n, cancelled],
  );
}

/**
 * The missing-XML filing without the SAT (no job runs here): the cap per call, what is skipped
 * and left, roles, tenant isolation and bad input. The end to end path with the simulator is
 * `sat-download.missing-xml.int.test.ts`.
 */
describe('POST /api/v1/taxpayers/{rfc}/sat-requests/missing-xml (rules)', () => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  const day = `${new Date().getUTCFullYear() - 1}-06-15`;

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTwoOrganizations(server);
    const pool = server.ctx.database.pool;
    await seedTaxpayer(pool, org.tenantA, RFC);
    // 205 missing plus 3 cancelled (never missing) in A; B has the same RFC with 2 of its own.
    await seedMissing(pool, org.tenantA, RFC, day, 208, 3);
    await seedTaxpayer(pool, org.tenantB, RFC);
    await seedMissing(pool, org.tenantB, RFC, day, 2);
  });
  afterAll(() => server?.close());

  it('files at most 200 per call, says how many are left, then the rest, never a cancelled one', async () => {
    expect(MISSING_XML_MAX_PER_CALL).toBe(200);
    const first = await org.call('POST', PATH, { direction: 'issued' }, org.keys.member);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ missing: 205, filed: 200, skipped: 0, left: 5 });
    expect(first.body.items).toHaveLength(200);
    expect(new Set(first.body.items.map((r: { folio: string }) => r.folio)).size).toBe(200);
    expect(first.body.items[0]).toMatchObject({ state: 'pending', type: 'cfdi', direction: null });

    const second = await org.call('POST', PATH, {}, org.keys.member);
    expect(second.body).toMatchObject({ missing: 205, filed: 5, skipped: 200, left: 0 });
    const third = await org.call('POST', PATH, {});
    expect(third.body).toMatchObject({ missing: 205, filed: 0, skipped: 205, left: 0 });

    const { rows } = await server.ctx.database.pool.query<{ n: number; cancelled: number }>(
      `SELECT count(*)::int AS n,
         count(*) FILTER (WHERE folio IN (SELECT uuid::text FROM cfdi_metadata WHERE status = 'cancelado'))::int
           AS cancelled
       FROM sat_requests WHERE tenant_id = $1 AND origin = 'missing-xml'`,
      [org.tenantA],
    );
    expect(rows[0]).toEqual({ n: 205, cancelled: 0 });
  });

  it('files only the missing ones among explicit uuids', async () => {
    const { rows } = await server.ctx.database.pool.query<{ uuid: string }>(
      "SELECT uuid::text AS uuid FROM cfdi_metadata WHERE tenant_id = $1 AND status = 'cancelado'",
      [org.tenantA],
    );
    const res = await org.call('POST', PATH, { uuids: [...rows.map((r) => r.uuid), randomUUID()] });
    expect(res.body).toMatchObject({ missing: 0, filed: 0, skipped: 0, left: 0 });
  });

  it('keeps each organization to its own rows', async () => {
    const b = await org.call('POST', PATH, {}, org.keys.otherAdmin);
    expect(b.body).toMatchObject({ missing: 2, filed: 2, skipped: 0, left: 0 });
    const unknown = await org.call('POST', '/api/v1/taxpayers/AAA010101AAA/sat-requests/missing-xml', {});
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({
      status: 404,
      code: 'TAXPAYER_NOT_FOUND',
    });
  });

  it('is for those who file SAT requests: not viewers, not anonymous', async () => {
    const viewer = await org.call('POST', PATH, {}, org.keys.viewer);
    expect(viewer.status).toBe(403);
    const anonymous = await fetch(`${server.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers bad input with problem+json and a code', async () => {
    const year = new Date().getUTCFullYear() - 1;
    const cases: [unknown, number, string][] = [
      [{ direction: 'sideways' }, 400, 'VALIDATION_FAILED'],
      [{ uuids: ['not-a-uuid'] }, 400, 'VALIDATION_FAILED'],
      [{ uuids: [] }, 400, 'VALIDATION_FAILED'],
      [{ uuids: Array.from({ length: 201 }, () => randomUUID()) }, 400, 'VALIDATION_FAILED'],
      [{ folio: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ from: `${year}-02-30` }, 400, 'VALIDATION_FAILED'],
      [{ from: `${year}-05-01`, to: `${year}-01-01` }, 422, 'PERIOD_ORDER'],
    ];
    for (const [body, status, code] of cases) {
      const res = await org.call('POST', PATH, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const bad = await org.call('POST', '/api/v1/taxpayers/not-an-rfc/sat-requests/missing-xml', {});
    expect(bad.status).toBe(400);
  });
});
