import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const FROM = `${YEAR}-03-01`;
const TO = `${YEAR}-03-31`;
const PATH = `/api/v1/taxpayers/${RFC}/sat-requests/missing-xml`;

/**
 * The SAT's metadata lists CFDI the vault lacks; one call files a folio request per missing one,
 * the simulated SAT serves each (solicita → verifica → descarga of a one-XML package), ingestion
 * stores them, and the missing list empties.
 */
describe('requesting the missing XML in one call (folio requests)', () => {
  let h: Harness;
  const missingList = async () =>
    (
      await h.api(
        'GET',
        `/api/v1/metadata?rfc=${RFC}&direction=issued&from=${FROM}&to=${TO}&missingXml=true&limit=500`,
      )
    ).body.items as { uuid: string }[];

  beforeAll(async () => {
    h = await startHarness({
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 6, receivedPerMonth: 0 } } },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  it('files one folio request per missing CFDI, skips open ones, and the XML arrives', {
    timeout: 120_000,
  }, async () => {
    // The metadata of March arrives first, no CFDI: every row not cancelled is missing.
    await h.file({ type: 'metadata', direction: 'issued', period: { start: FROM, end: TO } });
    await h.satJobsIdle();
    await h.settle();
    const metadata = await h.until('the metadata ingested', async () => {
      const r = await h.api('GET', `/api/v1/metadata?rfc=${RFC}&from=${FROM}&to=${TO}&limit=500`);
      return r.body.items.length > 0 && (r.body.items as { uuid: string; status: string }[]);
    });
    const expected = metadata.filter((m) => m.status !== 'cancelado').map((m) => m.uuid);
    expect(expected.length).toBeGreaterThan(0);
    expect((await missingList()).map((m) => m.uuid).sort()).toEqual([...expected].sort());

    // A viewer may look but not file; another organization does not see the taxpayer.
    expect((await h.api('POST', PATH, {}, await viewerKey(h))).status).toBe(403);

    // One of them first, by UUID; then the month: the first is skipped (its request is open).
    const [first, ...rest] = expected;
    const one = await h.api('POST', PATH, { uuids: [first!.toUpperCase()] });
    expect(one.status).toBe(202);
    expect(one.body).toMatchObject({ missing: 1, filed: 1, skipped: 0, left: 0 });
    expect(one.body.items[0]).toMatchObject({
      folio: first,
      type: 'cfdi',
      direction: null,
      origin: 'missing-xml',
    });

    const month = await h.api('POST', PATH, { direction: 'issued', from: FROM, to: TO });
    expect(month.status).toBe(202);
    expect(month.body).toMatchObject({ missing: expected.length, filed: rest.length, skipped: 1, left: 0 });
    expect(month.body.items.map((r: { folio: string }) => r.folio).sort()).toEqual([...rest].sort());
    const again = await h.api('POST', PATH, { direction: 'issued', from: FROM, to: TO });
    expect(again.body).toMatchObject({ filed: 0, skipped: expected.length, left: 0 });

    // Audited like a filing a person made.
    const audits = await h.sql<{ filed: number }>(
      "SELECT (metadata->>'filed')::int AS filed FROM audit_events WHERE tenant_id = $1 AND action = 'sat.missing_xml.requested' ORDER BY id",
      [h.tenantId],
    );
    expect(audits.map((a) => a.filed)).toEqual([1, rest.length, 0]);

    // The filing job talks to the SAT; the folio requests reach `downloaded`.
    await h.satJobsIdle();
    await h.settle();
    const folios = (await h.requests()).filter((r) => r.folio);
    expect(folios).toHaveLength(expected.length);
    expect(folios.map((r) => r.state)).toEqual(folios.map(() => 'downloaded'));

    // Ingested: each is searchable, and nothing is missing any more.
    await h.until('the missing list empty', async () => (await missingList()).length === 0, 60_000);
    const found = await h.api('GET', `/api/v1/cfdi?q=${first}`);
    expect(found.body.items.map((i: { uuid: string }) => i.uuid)).toEqual([first]);
    const rec = await h.api('GET', `/api/v1/metadata/reconciliation?rfc=${RFC}&year=${YEAR}`);
    expect(rec.body.months[2].issued).toMatchObject({ stored: expected.length, missing: 0 });
    const nothing = await h.api('POST', PATH, { direction: 'issued' });
    expect(nothing.body).toMatchObject({ missing: 0, filed: 0, skipped: 0, left: 0, items: [] });
  });
});

async function viewerKey(h: Harness): Promise<string> {
  const { rows } = await h.server.ctx.database.pool.query<{ slug: string }>(
    'SELECT slug FROM tenants WHERE id = $1',
    [h.tenantId],
  );
  return (await h.server.createApiKey(rows[0]!.slug, 'viewer')).key;
}
