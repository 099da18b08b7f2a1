import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';
import { seedDocuments } from './cfdi.search.test-support.js';

const ME = 'MEMO800101AB1';
const CLIENT = 'PEGJ800101AA1';

interface Meta {
  uuid?: string;
  emisorRfc: string;
  receptorRfc: string;
  issuedAt: string;
  monto?: string;
  efecto?: string;
  status?: 'vigente' | 'cancelado';
  cancelledAt?: string;
}

async function seedMetadata(pool: pg.Pool, tenantId: string, rows: Meta[]): Promise<string[]> {
  const uuids: string[] = [];
  for (const m of rows) {
    const uuid = m.uuid ?? randomUUID();
    uuids.push(uuid);
    await pool.query(
      `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, receptor_rfc, issued_at, monto, efecto, status,
         cancelled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        uuid,
        m.emisorRfc,
        m.receptorRfc,
        m.issuedAt,
        m.monto ?? '100.00',
        m.efecto ?? 'I',
        m.status ?? 'vigente',
        m.cancelledAt ?? null,
      ],
    );
  }
  return uuids;
}

/**
 * The SAT's metadata against the vault: the `missingXml` filter, the totals, the monthly
 * reconciliation; each with isolation between organizations, roles and bad input.
 */
describe('metadata against the vault (missingXml, totals, reconciliation)', () => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTwoOrganizations(server);
    const pool = server.ctx.database.pool;
    const issued = { emisorRfc: ME, receptorRfc: CLIENT };
    const received = { emisorRfc: CLIENT, receptorRfc: ME };
    // March issued: one stored, two missing, one cancelled (never missing, even without its XML).
    const march = await seedMetadata(pool, org.tenantA, [
      { ...issued, issuedAt: '2025-03-02T10:00:00', monto: '1160.00' },
      { ...issued, issuedAt: '2025-03-05T10:00:00', monto: '200.50' },
      { ...issued, issuedAt: '2025-03-20T10:00:00', monto: '99.50', efecto: 'E' },
      {
        ...issued,
        issuedAt: '2025-03-25T10:00:00',
        monto: '5000.00',
        status: 'cancelado',
        cancelledAt: '2025-03-26T09:30:00',
      },
    ]);
    // April received: one stored, one missing. December of another year: outside.
    const april = await seedMetadata(pool, org.tenantA, [
      { ...received, issuedAt: '2025-04-10T10:00:00' },
      { ...received, issuedAt: '2025-04-11T10:00:00', monto: '300.00' },
      { ...issued, issuedAt: '2024-12-31T23:00:00' },
    ]);
    const names = [
      'storedMar',
      'missingMar1',
      'missingMar2',
      'cancelledMar',
      'storedApr',
      'missingApr',
      'otherYear',
    ];
    [...march, ...april].forEach((uuid, i) => {
      ids[names[i]!] = uuid;
    });
    await seedDocuments(pool, org.tenantA, [
      { uuid: ids.storedMar, ...issued, issuedAt: '2025-03-02T10:00:00', total: '1160.00' },
      { uuid: ids.storedApr, ...received, issuedAt: '2025-04-10T10:00:00', total: '100.00' },
    ]);
    // Organization B holds the same UUID as A's missing one, with its CFDI: A's row stays missing.
    await seedMetadata(pool, org.tenantB, [
      { uuid: ids.missingMar1, ...issued, issuedAt: '2025-03-05T10:00:00' },
    ]);
    await seedDocuments(pool, org.tenantB, [
      { uuid: ids.missingMar1, ...issued, issuedAt: '2025-03-05T10:00:00', total: '1.00' },
    ]);
  });
  afterAll(() => server?.close());

  it('lists only metadata rows without their CFDI, cancelled left out, and says which rows have it', async () => {
    const all = await org.call('GET', `/api/v1/metadata?rfc=${ME}&from=2025-01-01&to=2025-12-31`);
    expect(all.status).toBe(200);
    const byUuid = new Map(all.body.items.map((i: { uuid: string }) => [i.uuid, i]));
    expect(byUuid.size).toBe(6);
    expect(byUuid.get(ids.storedMar)).toMatchObject({ hasCfdi: true, status: 'vigente', cancelledAt: null });
    expect(byUuid.get(ids.missingMar1)).toMatchObject({ hasCfdi: false });
    expect(byUuid.get(ids.cancelledMar)).toMatchObject({
      hasCfdi: false,
      status: 'cancelado',
      cancelledAt: '2025-03-26T09:30:00',
    });

    const missing = await org.call('GET', `/api/v1/metadata?rfc=${ME}&missingXml=true&sort=date&order=asc`);
    expect(missing.body.items.map((i: { uuid: string }) => i.uuid)).toEqual([
      ids.otherYear,
      ids.missingMar1,
      ids.missingMar2,
      ids.missingApr,
    ]);
    const issuedMarch = await org.call(
      'GET',
      `/api/v1/metadata?rfc=${ME}&direction=issued&from=2025-03-01&to=2025-03-31&missingXml=true`,
    );
    expect(issuedMarch.body.items.map((i: { uuid: string }) => i.uuid).sort()).toEqual(
      [ids.missingMar1, ids.missingMar2].sort(),
    );
    // `false` is no filter at all.
    const unfiltered = await org.call('GET', `/api/v1/metadata?rfc=${ME}&missingXml=false`);
    expect(unfiltered.body.items).toHaveLength(7);
  });

  it('exports exactly the missing rows', async () => {
    const res = await fetch(`${server.url}/api/v1/metadata/export.csv?rfc=${ME}&missingXml=true`, {
      headers: { authorization: `Bearer ${org.keys.viewer}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines.some((l) => l.includes(ids.storedMar!))).toBe(false);
  });

  it('counts a metadata search: not cancelled by efecto, cancelled and missing apart', async () => {
    const res = await org.call(
      'GET',
      `/api/v1/metadata/totals?rfc=${ME}&direction=issued&from=2025-03-01&to=2025-03-31`,
      undefined,
      org.keys.viewer,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      count: 3,
      cancelled: 1,
      missingXml: 2,
      byEfecto: [
        { efecto: 'E', count: 1, monto: '99.50' },
        { efecto: 'I', count: 2, monto: '1360.50' },
      ],
    });
    const onlyMissing = await org.call('GET', `/api/v1/metadata/totals?rfc=${ME}&missingXml=true`);
    expect(onlyMissing.body).toMatchObject({ count: 4, cancelled: 0, missingXml: 4 });
  });

  it('reconciles a year per month and direction, agreeing with the missing list and the start page', async () => {
    const res = await org.call('GET', `/api/v1/metadata/reconciliation?rfc=${ME.toLowerCase()}&year=2025`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rfc: ME, from: '2025-01-01', to: '2025-12-31' });
    expect(res.body.months).toHaveLength(12);
    const zero = { metadata: 0, cancelled: 0, stored: 0, missing: 0 };
    expect(res.body.months[2]).toEqual({
      month: '2025-03',
      issued: { metadata: 4, cancelled: 1, stored: 1, missing: 2 },
      received: zero,
    });
    expect(res.body.months[3]).toEqual({
      month: '2025-04',
      issued: zero,
      received: { metadata: 2, cancelled: 0, stored: 1, missing: 1 },
    });
    expect(res.body.totals).toEqual({
      issued: { metadata: 4, cancelled: 1, stored: 1, missing: 2 },
      received: { metadata: 2, cancelled: 0, stored: 1, missing: 1 },
    });
    const listed = await org.call(
      'GET',
      `/api/v1/metadata/totals?rfc=${ME}&from=2025-01-01&to=2025-12-31&missingXml=true`,
    );
    expect(listed.body.missingXml).toBe(res.body.totals.issued.missing + res.body.totals.received.missing);

    // Whole months around from/to.
    const span = await org.call(
      'GET',
      `/api/v1/metadata/reconciliation?rfc=${ME}&from=2024-12-15&to=2025-03-02`,
    );
    expect(span.body.months.map((m: { month: string }) => m.month)).toEqual([
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    expect(span.body.months[0].issued).toEqual({ metadata: 1, cancelled: 0, stored: 0, missing: 1 });
    expect(span.body).toMatchObject({ from: '2024-12-01', to: '2025-03-31' });
  });

  it('shows another organization nothing of these rows', async () => {
    const other = org.keys.otherAdmin;
    const list = await org.call('GET', `/api/v1/metadata?rfc=${ME}&missingXml=true`, undefined, other);
    expect(list.body.items).toEqual([]);
    const totals = await org.call('GET', `/api/v1/metadata/totals?rfc=${ME}`, undefined, other);
    expect(totals.body).toMatchObject({ count: 1, cancelled: 0, missingXml: 0 });
    const rec = await org.call(
      'GET',
      `/api/v1/metadata/reconciliation?rfc=${ME}&year=2025`,
      undefined,
      other,
    );
    expect(rec.body.totals.issued).toEqual({ metadata: 1, cancelled: 0, stored: 1, missing: 0 });
  });

  it('lets any member read, nobody anonymous', async () => {
    for (const path of [
      `/api/v1/metadata/totals?rfc=${ME}`,
      `/api/v1/metadata/reconciliation?rfc=${ME}`,
      `/api/v1/metadata?rfc=${ME}&missingXml=true`,
    ]) {
      expect((await org.call('GET', path, undefined, org.keys.viewer)).status).toBe(200);
      const anonymous = await fetch(`${server.url}${path}`);
      expect(anonymous.status).toBe(401);
    }
  });

  it('answers bad input with problem+json and a code', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/metadata?missingXml=yes', 400, 'VALIDATION_FAILED'],
      ['/api/v1/metadata/totals?from=2025-02-30', 400, 'VALIDATION_FAILED'],
      ['/api/v1/metadata/totals?direction=issued', 400, 'VALIDATION_FAILED'],
      ['/api/v1/metadata/reconciliation', 400, 'VALIDATION_FAILED'],
      ['/api/v1/metadata/reconciliation?rfc=nope', 400, 'VALIDATION_FAILED'],
      [`/api/v1/metadata/reconciliation?rfc=${ME}&year=1999`, 400, 'VALIDATION_FAILED'],
      [`/api/v1/metadata/reconciliation?rfc=${ME}&from=2025-05-01&to=2025-01-01`, 400, 'VALIDATION_FAILED'],
      [
        `/api/v1/metadata/reconciliation?rfc=${ME}&from=2022-01-01&to=2024-01-31`,
        422,
        'RECONCILIATION_PERIOD_TOO_LONG',
      ],
    ];
    for (const [path, status, code] of cases) {
      const res = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${org.keys.viewer}` },
      });
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
  });
});
