import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const DAY = 24 * 3600 * 1000;

describe('a request stuck at the SAT for more than 4 days', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      // The simulated SAT keeps every request "accepted" for 30 days: stuck, as seen in production.
      sim: {
        timing: { acceptedSeconds: 30 * 24 * 3600, processingSeconds: 5, clockSkewSeconds: 365 * 24 * 3600 },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const sat = () => h.server.ctx.services.satDownload;

  it('is not touched before 4 days', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-09-01`, end: `${YEAR}-09-30` },
    });
    await sat().fileRequests(h.tenantId, RFC, TEST_READER);
    await h.sql("UPDATE sat_requests SET submitted_at = now() - interval '3 days' WHERE id = $1", [id]);
    await sat().syncNow(h.tenantId, TEST_READER);
    const r = await h.detail(id);
    expect(r).toMatchObject({ state: 'accepted', replacedBy: null, attempts: {} });
    expect((await h.admin('GET', '/__admin/requests')).requests).toHaveLength(1);
  });

  it('files a replacement with the same parameters and links it; the SAT still holding the original (5005) keeps the original, once', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-10-01`, end: `${YEAR}-10-31` },
    });
    await sat().fileRequests(h.tenantId, RFC, TEST_READER);
    // Filed 5 days ago by our own clock (the SAT's simulated clock is irrelevant to this rule).
    await h.sql('UPDATE sat_requests SET submitted_at = $2 WHERE id = $1', [
      id,
      new Date(Date.now() - 5 * DAY),
    ]);
    await sat().syncNow(h.tenantId, TEST_READER);

    const original = await h.detail(id);
    const replacementRef = original.related.find((r: any) => r.replaces === id);
    expect(replacementRef).toBeTruthy();
    const replacement = await h.detail(replacementRef.id);
    expect(replacement).toMatchObject({
      replaces: id,
      origin: 'recovery',
      type: 'metadata',
      direction: 'issued',
      period: original.period,
      filters: original.filters,
      attempts: { stale: 1 },
    });
    expect(replacement.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'replaces',
          params: expect.objectContaining({ requestId: id, cause: 'stale' }),
        }),
      ]),
    );
    expect(original.history).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'refiling', params: { cause: 'stale' } })]),
    );

    // The simulated SAT treats identical open parameters as a duplicate: the replacement is refused
    // and Bóveda keeps verifying the original instead of abandoning it, with a note for a person.
    expect(replacement.state).toBe('failed');
    expect(replacement.sat.statusCode).toBe(5005);
    expect(original.state).toBe('accepted');
    expect(original.attempts).toEqual({ stale: 1 });
    expect(original.attention).toEqual({
      code: 'replacement_refused_kept',
      params: { replacementId: replacement.id, satCode: 5005 },
    });
    expect(original.needsAttention).toMatch(/still holds this request open/);

    // Never loop: the next syncs verify the original and file nothing more.
    const before = (await h.admin('GET', '/__admin/requests')).requests.length;
    await sat().syncNow(h.tenantId, TEST_READER);
    await sat().syncNow(h.tenantId, TEST_READER);
    expect((await h.admin('GET', '/__admin/requests')).requests.length).toBe(before);
    expect((await h.requests()).filter((r) => r.replaces === id)).toHaveLength(1);
  });

  it('when the SAT lets go of the stuck original, the replacement is accepted, the original retired, and the data arrives', async () => {
    const id = await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-11-01`, end: `${YEAR}-11-30` },
    });
    await sat().fileRequests(h.tenantId, RFC, TEST_READER);
    await h.sql('UPDATE sat_requests SET submitted_at = $2 WHERE id = $1', [
      id,
      new Date(Date.now() - 5 * DAY),
    ]);
    // Hold the replacement's Solicita at the SAT's door; meanwhile the SAT finishes the original.
    await h.admin('POST', '/__admin/faults', { operation: 'solicita', kind: 'latency', ms: 3000, count: 1 });
    const pass = sat().syncNow(h.tenantId, TEST_READER);
    await h.until(
      'replacement created',
      async () => (await h.sql('SELECT id FROM sat_requests WHERE replaces_id = $1', [id])).length > 0,
    );
    await h.admin('POST', '/__admin/clock/advance', { seconds: 31 * 24 * 3600 });
    await pass;

    const original = await h.detail(id);
    expect(original.state).toBe('replaced');
    expect(original.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'retired',
          params: expect.objectContaining({ replacementId: original.replacedBy }),
        }),
      ]),
    );
    const replacement = await h.detail(original.replacedBy);
    expect(replacement).toMatchObject({ state: 'accepted', replaces: id, attempts: { stale: 1 } });
    // The replacement is itself "accepted" for 30 simulated days, then ready (and not yet expired).
    await h.admin('POST', '/__admin/clock/advance', { seconds: 30 * 24 * 3600 + 120 });
    await sat().syncNow(h.tenantId, TEST_READER);
    expect((await h.detail(replacement.id)).state).toBe('downloaded');
  });
});
