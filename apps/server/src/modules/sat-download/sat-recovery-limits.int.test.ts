import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER, uuidsInPackage } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;

describe('SAT limits: 5003 split, 5002 lifetime, 5005 duplicate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        timing: { acceptedSeconds: 5, processingSeconds: 5 },
        limits: { maxCfdi: 4 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 9, receivedPerMonth: 2 } } },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  it('5003 (over the cap): splits the period in halves, recursively, and the parts add up to the whole month', async () => {
    const id = await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-01-01`, end: `${YEAR}-01-31` },
    });
    await h.settle({ rounds: 12 });

    const parent = await h.detail(id);
    expect(parent.state).toBe('split');
    expect(parent.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'split',
          satCode: 5003,
          params: expect.objectContaining({ satCode: 5003 }),
        }),
      ]),
    );
    const all = await h.requests();
    const leaves = all.filter((r) => r.state === 'downloaded' && r.period.start.startsWith(`${YEAR}-01`));
    expect(leaves.length).toBeGreaterThanOrEqual(3);
    // The leaves tile the month exactly: no gap, no overlap.
    const sorted = leaves.map((r) => r.period).sort((a, b) => a.start.localeCompare(b.start));
    expect(sorted[0].start).toBe(`${YEAR}-01-01T00:00:00`);
    expect(sorted.at(-1).end).toBe(`${YEAR}-01-31T23:59:59`);
    for (let i = 1; i < sorted.length; i++) {
      const next = new Date(`${sorted[i - 1].end}Z`).getTime() + 1000;
      expect(new Date(`${sorted[i].start}Z`).getTime()).toBe(next);
    }
    const uuids: string[] = [];
    for (const leaf of leaves)
      for (const p of (await h.detail(leaf.id)).packages)
        uuids.push(...(await uuidsInPackage(await h.server.ctx.storage.getBuffer(p.storageKey), 'cfdi')));
    const truth = await h.admin(
      'GET',
      `/__admin/truth?rfc=${RFC}&from=${YEAR}-01-01&to=${YEAR}-01-31&type=cfdi&direction=issued`,
    );
    expect(uuids.sort()).toEqual(truth.uuids.map((u: string) => u.toUpperCase()).sort());
    expect(all.filter((r) => r.state === 'split').every((r) => r.needsAttention === null)).toBe(true);
  });

  it('5002 (lifetime limit): the third request for the same CFDI period stops with a reason, and is not retried', async () => {
    const body = {
      type: 'cfdi',
      direction: 'received',
      period: { start: `${YEAR}-02-01`, end: `${YEAR}-02-28` },
    };
    const first = await h.file(body);
    await h.settle();
    const second = await h.file(body);
    expect(second).not.toBe(first);
    await h.settle();
    const third = await h.file(body);
    await h.settle();
    expect((await h.detail(first)).state).toBe('downloaded');
    expect((await h.detail(second)).state).toBe('downloaded');
    const stopped = await h.detail(third);
    expect(stopped.state).toBe('failed');
    expect(stopped.sat.statusCode).toBe(5002);
    expect(stopped.attention).toMatchObject({ code: 'sat_period_limit', params: { satCode: 5002 } });
    expect(stopped.needsAttention).toMatch(/only twice/);
    const before = (await h.admin('GET', '/__admin/requests')).requests.length;
    await h.settle();
    expect((await h.admin('GET', '/__admin/requests')).requests.length).toBe(before);
  });

  it('5005 (duplicate): a request the SAT already holds open (filed elsewhere) stops with a reason', async () => {
    const body = {
      type: 'metadata',
      direction: 'received',
      period: { start: `${YEAR}-03-01`, end: `${YEAR}-03-31` },
    };
    const original = await h.file(body);
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    expect((await h.detail(original)).state).toBe('accepted');
    // Bóveda loses track of it (as if it had been filed from another tool): the SAT still holds it open.
    await h.sql("UPDATE sat_requests SET state = 'failed' WHERE id = $1", [original]);
    const again = await h.file(body);
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    const stopped = await h.detail(again);
    expect(stopped.state).toBe('failed');
    expect(stopped.sat.statusCode).toBe(5005);
    expect(stopped.attention).toMatchObject({ code: 'sat_duplicate_open', params: { satCode: 5005 } });
    expect(stopped.needsAttention).toMatch(/already holds an open request/);
    expect(stopped.history.map((e: any) => e.toState).filter(Boolean)).toEqual(['pending', 'failed']);
  });

  it('a person files a stopped request again once the cause is gone; it replaces the old one', async () => {
    const [stopped] = (await h.requests()).filter((r) => r.state === 'failed' && r.sat.statusCode === 5005);
    expect(stopped).toBeTruthy();
    expect((await h.api('POST', `/api/v1/taxpayers/${RFC}/sat-requests/${stopped.id}/retry`)).status).toBe(
      201,
    );
    // The SAT finishes the request it was holding: the retry is no longer a duplicate.
    await h.admin('POST', '/__admin/clock/advance', { seconds: 30 });
    await h.settle();
    const old = await h.detail(stopped.id);
    expect(old.state).toBe('replaced');
    const retried = await h.detail(old.replacedBy);
    expect(retried).toMatchObject({ state: 'downloaded', origin: 'retry', replaces: stopped.id });
    const again = await h.api('POST', `/api/v1/taxpayers/${RFC}/sat-requests/${stopped.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SAT_REQUEST_NOT_RETRYABLE');
  });
});
