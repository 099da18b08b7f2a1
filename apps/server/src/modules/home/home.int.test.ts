import { randomUUID } from 'node:crypto';
import type { HomeSummary, YearSummary } from '@boveda/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments } from '../cfdi/testing/seed-documents.js';
import { mexicoCityMonth } from './home.service.js';

const T1 = 'EKU9003173C9';
const T2 = 'MEMO800101AB1';
const OTHER = 'PEGJ800101AA1';
const DAY = 86_400_000;

async function seedTaxpayer(
  pool: pg.Pool,
  tenantId: string,
  rfc: string,
  opts: { validUntil: Date; status?: 'active' | 'removed' },
) {
  await pool.query(
    `INSERT INTO taxpayers (id, tenant_id, rfc, legal_name, certificate_serial, certificate_sha256, valid_from,
       valid_until, status, removed_at)
     VALUES ($1, $2, $3, $4, '30001000000500003415', 'x', now() - interval '1 year', $5, $6, $7)`,
    [
      randomUUID(),
      tenantId,
      rfc,
      `Contribuyente ${rfc}`,
      opts.validUntil,
      opts.status ?? 'active',
      opts.status === 'removed' ? new Date() : null,
    ],
  );
}

async function seedRequest(
  pool: pg.Pool,
  tenantId: string,
  rfc: string,
  r: {
    state: string;
    reason?: string;
    /** The reason as a code and params (rows written before the codes have none). */
    attention?: { code: string; params: Record<string, unknown> };
    statusCode?: number;
    requestCode?: number;
    finishedAt?: Date;
    lastVerifiedAt?: Date;
  },
): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO sat_requests (id, tenant_id, rfc, kind, direction, period_start, period_end, params_hash, state,
       origin, sat_status_code, sat_request_code, needs_attention_reason, finished_at, last_verified_at,
       needs_attention_code, needs_attention_params)
     VALUES ($1, $2, $3, 'cfdi', 'issued', '2025-01-01T00:00:00', '2025-01-31T23:59:59', $4, $5, 'api', $6, $7,
       $8, $9, $10, $11, $12)`,
    [
      id,
      tenantId,
      rfc,
      randomUUID(),
      r.state,
      r.statusCode ?? null,
      r.requestCode ?? null,
      r.reason ?? null,
      r.finishedAt ?? null,
      r.lastVerifiedAt ?? null,
      r.attention?.code ?? null,
      r.attention ? JSON.stringify(r.attention.params) : null,
    ],
  );
  return id;
}

async function seedMetadata(
  pool: pg.Pool,
  tenantId: string,
  rows: { uuid?: string; emisorRfc: string; receptorRfc: string; status?: string }[],
) {
  for (const m of rows)
    await pool.query(
      `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, receptor_rfc, issued_at, monto, efecto, status)
       VALUES ($1, $2, $3, $4, '2025-02-01T10:00:00', '100.00', 'I', $5)`,
      [tenantId, m.uuid ?? randomUUID(), m.emisorRfc, m.receptorRfc, m.status ?? 'vigente'],
    );
}

describe('the start page (GET /api/v1/home)', () => {
  let server: TestServer;
  let a: { tenantId: string; tenantSlug: string };
  let b: { tenantId: string; tenantSlug: string };
  let viewerKey: string;
  let otherKey: string;
  let emptyKey: string;
  const month = mexicoCityMonth(new Date());
  const inMonth = `${month.from}T12:00:00`;
  const lastMonth = `${mexicoCityMonth(new Date(Date.parse(`${month.from}T12:00:00Z`) - 5 * DAY)).from}T12:00:00`;
  const verifiedAt = new Date(Date.now() - DAY);
  let stoppedId: string;

  const get = async <T>(path: string, key?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const pool = server.ctx.database.pool;
    a = await server.seedUser({ tenantName: 'A', email: 'a@a.mx', password: 'pw-a-123456', role: 'owner' });
    b = await server.seedUser({ tenantName: 'B', email: 'b@b.mx', password: 'pw-b-123456', role: 'owner' });
    const c = await server.seedUser({
      tenantName: 'C',
      email: 'c@c.mx',
      password: 'pw-c-123456',
      role: 'owner',
    });
    viewerKey = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    otherKey = (await server.createApiKey(b.tenantSlug, 'viewer')).key;
    emptyKey = (await server.createApiKey(c.tenantSlug, 'viewer')).key;

    await seedTaxpayer(pool, a.tenantId, T1, { validUntil: new Date(Date.now() + 200 * DAY) });
    await seedTaxpayer(pool, a.tenantId, T2, { validUntil: new Date(Date.now() + 10 * DAY) });
    await seedTaxpayer(pool, a.tenantId, OTHER, {
      validUntil: new Date(Date.now() + 300 * DAY),
      status: 'removed',
    });
    await seedTaxpayer(pool, b.tenantId, T1, { validUntil: new Date(Date.now() + 5 * DAY) });

    const [withXml] = await seedDocuments(pool, a.tenantId, [
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: inMonth, subtotal: '1.00', total: '1.16' },
      // Cancelled CFDI are still in the vault: counted (the explorer's link lists them too).
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: inMonth, status: 'cancelado', total: '1.00' },
      { emisorRfc: OTHER, receptorRfc: T1, issuedAt: inMonth, total: '1.00' },
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: lastMonth, total: '1.00' },
      { emisorRfc: T2, receptorRfc: OTHER, issuedAt: lastMonth, total: '1.00' },
    ]);
    await seedDocuments(pool, b.tenantId, [
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: inMonth, total: '1.00' },
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: inMonth, total: '1.00' },
      { emisorRfc: T1, receptorRfc: OTHER, issuedAt: inMonth, total: '1.00' },
    ]);

    await seedMetadata(pool, a.tenantId, [
      { uuid: withXml!, emisorRfc: T1, receptorRfc: OTHER },
      { emisorRfc: T1, receptorRfc: OTHER },
      { emisorRfc: OTHER, receptorRfc: T1 },
      // Cancelled: the SAT serves no received cancelled XML; not counted as missing.
      { emisorRfc: OTHER, receptorRfc: T1, status: 'cancelado' },
      { emisorRfc: T2, receptorRfc: OTHER },
    ]);
    await seedMetadata(pool, b.tenantId, [{ emisorRfc: T1, receptorRfc: OTHER }]);

    await seedRequest(pool, a.tenantId, T1, {
      state: 'downloaded',
      finishedAt: new Date(Date.now() - 3 * DAY),
      lastVerifiedAt: new Date(Date.now() - 3 * DAY),
    });
    await seedRequest(pool, a.tenantId, T1, { state: 'accepted', lastVerifiedAt: verifiedAt });
    await seedRequest(pool, a.tenantId, T1, {
      state: 'failed',
      statusCode: 5000,
      requestCode: 5002,
      reason: 'The SAT says this period reached its lifetime limit of requests.',
      finishedAt: new Date(Date.now() - 2 * DAY),
      lastVerifiedAt: new Date(),
    });
    stoppedId = await seedRequest(pool, a.tenantId, T1, {
      state: 'failed',
      statusCode: 305,
      reason: 'The e.firma certificate was refused by the SAT.',
      attention: {
        code: 'sat_certificate_not_efirma',
        params: { satCode: 305, satMessage: 'Certificado inválido' },
      },
      finishedAt: new Date(Date.now() - DAY),
    });
    await seedRequest(pool, b.tenantId, T2, { state: 'failed', reason: 'B', finishedAt: new Date() });
  });
  afterAll(() => server?.close());

  it('answers per taxpayer: counts of the month, stopped requests, e.firma, missing XML, sync', async () => {
    const { status, body } = await get<HomeSummary>('/api/v1/home', viewerKey);
    expect(status).toBe(200);
    expect(body.month).toEqual({ key: month.key, from: month.from, to: month.to });
    expect(body.taxpayers.map((t) => t.rfc)).toEqual([T1, T2]);
    const [t1, t2] = body.taxpayers;

    expect(t1!.legalName).toBe(`Contribuyente ${T1}`);
    expect(t1!.thisMonth).toEqual({ issued: 2, received: 1 });
    expect(t2!.thisMonth).toEqual({ issued: 0, received: 0 });

    expect(t1!.attentionCount).toBe(2);
    expect(t1!.attention.map((r) => [r.id === stoppedId, r.code, r.reason])).toEqual([
      [true, 305, 'The e.firma certificate was refused by the SAT.'],
      [false, 5002, 'The SAT says this period reached its lifetime limit of requests.'],
    ]);
    // The reason as a code the web says in Spanish; a row from before the codes has none.
    expect(t1!.attention.map((r) => r.attention)).toEqual([
      { code: 'sat_certificate_not_efirma', params: { satCode: 305, satMessage: 'Certificado inválido' } },
      null,
    ]);
    expect(t1!.attention[0]).toMatchObject({
      state: 'failed',
      type: 'cfdi',
      direction: 'issued',
      period: { start: '2025-01-01T00:00:00', end: '2025-01-31T23:59:59' },
    });
    // The stopped request's own verification is not a successful sync; the accepted one's is.
    expect(t1!.lastSyncAt).toBe(verifiedAt.toISOString());
    expect(t2!.lastSyncAt).toBeNull();
    expect(t2!.attention).toEqual([]);

    expect(t1!.efirma.expiresSoon).toBe(false);
    expect(t2!.efirma).toMatchObject({ expiresSoon: true, expired: false });
    expect(t2!.efirma.daysToExpiry).toBeGreaterThanOrEqual(9);
    expect(t2!.efirma.daysToExpiry).toBeLessThanOrEqual(10);

    expect(t1!.missingXml).toBe(2);
    expect(t2!.missingXml).toBe(1);

    expect(body.totals).toEqual({
      taxpayers: 2,
      thisMonth: { issued: 2, received: 1 },
      attention: 2,
      efirmasExpiring: 1,
      missingXml: 3,
    });
  });

  it('shows each organization only its own', async () => {
    const { body } = await get<HomeSummary>('/api/v1/home', otherKey);
    expect(body.taxpayers.map((t) => t.rfc)).toEqual([T1]);
    expect(body.taxpayers[0]).toMatchObject({
      thisMonth: { issued: 3, received: 0 },
      attentionCount: 0,
      missingXml: 1,
      lastSyncAt: null,
    });
    expect(body.totals.efirmasExpiring).toBe(1);
  });

  it('answers an organization without taxpayers with zeros', async () => {
    const { status, body } = await get<HomeSummary>('/api/v1/home', emptyKey);
    expect(status).toBe(200);
    expect(body.taxpayers).toEqual([]);
    expect(body.totals).toEqual({
      taxpayers: 0,
      thisMonth: { issued: 0, received: 0 },
      attention: 0,
      efirmasExpiring: 0,
      missingXml: 0,
    });
  });

  it('is for anyone signed in (viewer and up), nobody else', async () => {
    expect((await get('/api/v1/home')).status).toBe(401);
    const owner = (await server.createApiKey(a.tenantSlug, 'owner')).key;
    expect((await get('/api/v1/home', owner)).status).toBe(200);
  });
});

describe('the chart’s summary (GET /api/v1/taxpayers/{rfc}/summary)', () => {
  let server: TestServer;
  let key: string;
  let otherKey: string;
  const get = async (path: string, k = key) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${k}` } });
    return { status: res.status, body: (await res.json()) as YearSummary };
  };

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
    key = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    otherKey = (await server.createApiKey(b.tenantSlug, 'viewer')).key;
    const issued = { emisorRfc: T1, receptorRfc: OTHER, issuedAt: '2025-03-10T10:00:00' };
    const received = { emisorRfc: OTHER, receptorRfc: T1, issuedAt: '2025-03-20T10:00:00' };
    await seedDocuments(server.ctx.database.pool, a.tenantId, [
      { ...issued, subtotal: '1000.00', descuento: '100.00', trasladosIva: '144.00', total: '1044.00' },
      {
        ...issued,
        moneda: 'USD',
        tipoCambio: '17.5',
        subtotal: '100.00',
        trasladosIva: '16.00',
        total: '116.00',
      },
      // A credit note the taxpayer issued: subtracted from income.
      { ...issued, tipo: 'E', subtotal: '200.00', trasladosIva: '32.00', total: '232.00' },
      // Payments and cancelled CFDI add nothing.
      { ...issued, tipo: 'P', subtotal: '0', total: '0' },
      { ...issued, status: 'cancelado', subtotal: '9000.00', trasladosIva: '1440.00', total: '10440.00' },
      { ...received, subtotal: '500.00', trasladosIva: '80.00', total: '580.00' },
      // A credit note received: subtracted from expenses.
      { ...received, tipo: 'E', subtotal: '50.00', trasladosIva: '8.00', total: '58.00' },
      { ...issued, issuedAt: '2025-11-02T09:00:00', subtotal: '10.00', trasladosIva: '1.60', total: '11.60' },
      { ...issued, issuedAt: '2023-06-01T00:00:00', subtotal: '1.00', total: '1.00' },
      { ...received, issuedAt: '2021-01-05T00:00:00', subtotal: '1.00', total: '1.00' },
    ]);
    await seedDocuments(server.ctx.database.pool, b.tenantId, [
      { ...issued, issuedAt: '2026-01-01T00:00:00', subtotal: '5.00', total: '5.00' },
    ]);
  });
  afterAll(() => server?.close());

  it('opens on the newest year with data and lists every year with data', async () => {
    const { status, body } = await get(`/api/v1/taxpayers/${T1}/summary`);
    expect(status).toBe(200);
    expect(body.year).toBe(2025);
    expect(body.yearsWithData).toEqual([2025, 2023, 2021]);
    expect(body.months).toHaveLength(12);
    expect(body.net).toHaveLength(12);
  });

  it('separates base and IVA, nets credit notes in their direction, and sums the year', async () => {
    const { body } = await get(`/api/v1/taxpayers/${T1}/summary?year=2025`);
    const march = body.net[2]!;
    // (1000 − 100) + 100 × 17.5 − 200 = 2450; IVA 144 + 16 × 17.5 − 32 = 392.
    expect(march.month).toBe(3);
    expect(march.income).toEqual({ base: '2450.00', iva: '392.00' });
    expect(march.expenses).toEqual({ base: '450.00', iva: '72.00' });
    expect(march.creditNotes).toEqual({
      issued: { base: '200.00', iva: '32.00' },
      received: { base: '50.00', iva: '8.00' },
    });
    expect(body.net[0]!.income).toEqual({ base: '0.00', iva: '0.00' });
    expect(body.netTotals.income).toEqual({ base: '2460.00', iva: '393.60' });
    expect(body.netTotals.expenses).toEqual({ base: '450.00', iva: '72.00' });
  });

  it('answers a year without data with zeros, and another organization sees none of it', async () => {
    const { body } = await get(`/api/v1/taxpayers/${T1}/summary?year=2022`);
    expect(body.year).toBe(2022);
    expect(body.netTotals.income).toEqual({ base: '0.00', iva: '0.00' });
    const other = await get(`/api/v1/taxpayers/${T1}/summary`, otherKey);
    expect(other.body.yearsWithData).toEqual([2026]);
    expect(other.body.year).toBe(2026);
    expect(other.body.netTotals.income.base).toBe('5.00');
  });
});
