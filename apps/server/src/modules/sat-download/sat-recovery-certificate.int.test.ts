import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER } from './testing/sat-harness.js';

describe('certificate problems (300–305) stop the request with a reason, and never loop', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      // The simulated SAT lives after the test e.firma's expiry (2027-05-17): it answers 304.
      sim: { now: new Date('2027-06-01T12:00:00Z'), timing: { clockSkewSeconds: 365 * 24 * 3600 } },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  it('304 (revoked or expired certificate)', async () => {
    const year = new Date().getUTCFullYear() - 1;
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${year}-01-01`, end: `${year}-01-31` },
    });
    await h.settle();
    const r = await h.detail(id);
    expect(r.state).toBe('failed');
    expect(r.sat.statusCode).toBe(304);
    expect(r.attention).toEqual({
      code: 'sat_certificate_revoked',
      params: { satCode: 304, satMessage: expect.any(String) },
    });
    expect(r.needsAttention).toMatch(/revoked or expired .*Register the taxpayer's current e.firma/);
    const calls = r.history.filter((e: any) => e.type === 'call').length;
    await h.settle();
    await h.server.ctx.services.satDownload.syncNow(h.tenantId, TEST_READER);
    expect((await h.detail(id)).history.filter((e: any) => e.type === 'call')).toHaveLength(calls);
  });
});
