import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RfcBusyError } from './rfc-lock.js';
import { type Harness, RFC, startHarness, TEST_READER } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const URL_ = `/api/v1/taxpayers/${RFC}/sat-requests`;

describe('SAT requests API: validation before sending, duplicate guard, pagination, tenant isolation', () => {
  let h: Harness;
  let viewer: string;
  let other: { key: string; tenantId: string };
  beforeAll(async () => {
    h = await startHarness({ workers: false, sim: { timing: { acceptedSeconds: 1, processingSeconds: 1 } } });
    await h.registerFiel();
    const slug = (await h.server.ctx.services.tenants.tenantById(h.tenantId))!.slug;
    viewer = (await h.server.createApiKey(slug, 'viewer')).key;
    const b = await h.server.seedUser({
      tenantName: 'Otro Despacho',
      email: 'b@example.com',
      password: 'another long password 77',
      role: 'owner',
    });
    other = { key: (await h.server.createApiKey(b.tenantSlug, 'member')).key, tenantId: b.tenantId };
  });
  afterAll(() => h?.close());

  const month = (m: string) => ({ start: `${YEAR}-${m}-01`, end: `${YEAR}-${m}-28` });

  it.each([
    [
      'PERIOD_ORDER',
      { type: 'cfdi', direction: 'issued', period: { start: `${YEAR}-03-01`, end: `${YEAR}-02-01` } },
    ],
    [
      'PERIOD_TOO_OLD',
      { type: 'cfdi', direction: 'issued', period: { start: `${YEAR - 7}-01-01`, end: `${YEAR - 7}-01-31` } },
    ],
    [
      'PERIOD_IN_FUTURE',
      { type: 'cfdi', direction: 'issued', period: { start: `${YEAR + 2}-01-01`, end: `${YEAR + 2}-01-31` } },
    ],
    [
      'INVALID_PERIOD',
      { type: 'cfdi', direction: 'issued', period: { start: 'yesterday', end: `${YEAR}-01-31` } },
    ],
    [
      'RECEIVED_CFDI_ONLY_VIGENTE',
      { type: 'cfdi', direction: 'received', period: month('01'), filters: { status: 'Todos' } },
    ],
    [
      'TOO_MANY_COUNTERPARTS',
      {
        type: 'cfdi',
        direction: 'issued',
        period: month('01'),
        filters: {
          counterparts: [
            'AAA010101AAA',
            'BBB010101BBB',
            'CCC010101CCC',
            'DDD010101DDD',
            'EEE010101EEE',
            'FFF010101FFF',
          ],
        },
      },
    ],
    [
      'TOO_MANY_COUNTERPARTS',
      {
        type: 'metadata',
        direction: 'received',
        period: month('01'),
        filters: { counterparts: ['AAA010101AAA', 'BBB010101BBB'] },
      },
    ],
    [
      'INVALID_RFC',
      { type: 'cfdi', direction: 'issued', period: month('01'), filters: { counterparts: ['not-an-rfc'] } },
    ],
    [
      'UNKNOWN_COMPLEMENTO',
      { type: 'cfdi', direction: 'issued', period: month('01'), filters: { complemento: 'tarot10' } },
    ],
    [
      'FOLIO_MUST_BE_ALONE',
      { folio: '96623061-61fe-49de-b298-c7156476aa8b', direction: 'issued', period: month('01') },
    ],
    ['INVALID_FOLIO', { folio: 'not-a-uuid' }],
    ['DIRECTION_REQUIRED', { type: 'cfdi', period: month('01') }],
  ])('rejects %s with a 422 before anything is sent or stored', async (code, body) => {
    const res = await h.api('POST', URL_, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect(await h.sql('SELECT id FROM sat_requests')).toEqual([]);
  });

  it('accepts the v1.5 filters and a folio alone; the same parameters twice return the same open request', async () => {
    const body = {
      type: 'cfdi',
      direction: 'received',
      period: month('04'),
      filters: { documentType: 'N', counterparts: ['aaa010101aaa'], complemento: 'nomina12' },
    };
    const first = await h.api('POST', URL_, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'pending',
      period: { start: `${YEAR}-04-01T00:00:00`, end: `${YEAR}-04-28T23:59:59` },
      filters: {
        documentType: 'N',
        counterparts: ['AAA010101AAA'],
        complemento: 'nomina12',
        status: 'Vigente',
      },
    });
    const second = await h.api('POST', URL_, body);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);

    const folio = await h.api('POST', URL_, { folio: '96623061-61FE-49DE-B298-C7156476AA8B' });
    expect(folio.status).toBe(201);
    expect(folio.body).toMatchObject({
      type: 'cfdi',
      direction: null,
      period: null,
      folio: '96623061-61fe-49de-b298-c7156476aa8b',
    });
    // Filing runs in a job, against the simulator: both reach the SAT and are accepted.
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    expect((await h.detail(first.body.id)).state).toBe('accepted');
    expect((await h.detail(folio.body.id)).state).toBe('accepted');
  });

  it('pages through a year with a cursor; viewers read, only members and above file', async () => {
    const year = await h.api('POST', `${URL_}/year`, { year: YEAR, direction: 'issued' });
    expect(year.status).toBe(202);
    expect(year.body.created).toBe(14);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await h.api(
        'GET',
        `${URL_}?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        viewer,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.items.map((r: any) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(16);
    expect((await h.api('GET', `${URL_}?type=metadata&limit=50`, undefined, viewer)).body.items).toHaveLength(
      2,
    );
    expect(
      (await h.api('POST', URL_, { type: 'metadata', direction: 'issued', period: month('05') }, viewer))
        .status,
    ).toBe(403);
    expect((await h.api('POST', '/api/v1/sat/sync', undefined, viewer)).status).toBe(403);
    // The year's picture: its issued requests are all still with the SAT, so it is not complete.
    const years = await h.api('GET', `${URL_}/years`, undefined, viewer);
    expect(years.status).toBe(200);
    const filed = years.body.items.find((y: any) => y.year === YEAR);
    expect(filed).toMatchObject({ complete: false, failed: 0 });
    expect(filed.active).toBeGreaterThanOrEqual(14);
    expect(filed.missing).toContainEqual({ kind: 'cfdi', direction: 'received' });
    expect((await h.api('GET', `/api/v1/taxpayers/XAXX010101000/sat-requests/years`)).status).toBe(404);
    expect(
      (
        await h.api('POST', `/api/v1/taxpayers/XAXX010101000/sat-requests`, {
          type: 'cfdi',
          direction: 'issued',
          period: month('05'),
        })
      ).status,
    ).toBe(404);
  });

  it('another tenant sees none of these requests or packages, even for the same RFC', async () => {
    const [mine] = await h.requests();
    expect(mine).toBeTruthy();
    expect((await h.api('GET', URL_, undefined, other.key)).body.items).toEqual([]);
    expect((await h.api('GET', `${URL_}/${mine.id}`, undefined, other.key)).status).toBe(404);
    // Filing for a taxpayer it has not registered is a 404, not a request against tenant A's e.firma.
    expect(
      (await h.api('POST', URL_, { type: 'metadata', direction: 'issued', period: month('06') }, other.key))
        .status,
    ).toBe(404);
    expect((await h.api('POST', `${URL_}/year`, { year: YEAR }, other.key)).status).toBe(404);
    expect((await h.api('GET', `${URL_}/years`, undefined, other.key)).status).toBe(404);
    // Its sync touches only its own taxpayers.
    expect(await h.server.ctx.services.satDownload.syncNow(other.tenantId, TEST_READER)).toEqual({
      filed: 0,
      verified: 0,
      packagesStored: 0,
      transientErrors: 0,
    });
    expect((await h.sql('SELECT DISTINCT tenant_id FROM sat_requests')).map((r) => r.tenant_id)).toEqual([
      h.tenantId,
    ]);
    expect(await h.sql('SELECT id FROM sat_packages WHERE tenant_id = $1', [other.tenantId])).toEqual([]);
  });

  it('two conversations at once for the same taxpayer never file a request twice', async () => {
    const pending = await h.sql("SELECT id FROM sat_requests WHERE state = 'pending'");
    expect(pending.length).toBe(14);
    const before = (await h.admin('GET', '/__admin/requests')).requests.length;
    const sat = h.server.ctx.services.satDownload;
    const runs = await Promise.allSettled([
      sat.fileRequests(h.tenantId, RFC, TEST_READER),
      sat.fileRequests(h.tenantId, RFC, TEST_READER),
      sat.syncNow(h.tenantId, TEST_READER),
    ]);
    // A conversation that cannot get the taxpayer in time gives up with RfcBusyError (its job retries).
    for (const run of runs) if (run.status === 'rejected') expect(run.reason).toBeInstanceOf(RfcBusyError);
    expect(runs.some((run) => run.status === 'fulfilled')).toBe(true);
    expect((await h.admin('GET', '/__admin/requests')).requests.length).toBe(before + 14);
    expect(await h.sql("SELECT id FROM sat_requests WHERE state = 'pending'")).toEqual([]);
    const filings = await h.sql(
      "SELECT request_id, count(*)::int AS n FROM sat_request_events WHERE operation = 'solicita' AND sat_code = 5000 GROUP BY request_id HAVING count(*) > 1",
    );
    expect(filings).toEqual([]);
  });

  it('keeps the history append-only: a written line cannot be rewritten', async () => {
    await expect(h.sql("UPDATE sat_request_events SET message = 'rewritten'")).rejects.toThrow(/append-only/);
  });
});
