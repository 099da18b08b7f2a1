import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const HOURS_74 = 74 * 3600;

describe('SAT lifecycle recovery: expired requests and packages gone elsewhere', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        // Our Autentica timestamps follow the real clock while the simulated one jumps days ahead.
        timing: { acceptedSeconds: 5, processingSeconds: 5, clockSkewSeconds: 60 * 24 * 3600 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 4, receivedPerMonth: 3 } } },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const sat = () => h.server.ctx.services.satDownload;
  const simCount = async () => (await h.admin('GET', '/__admin/requests')).requests.length;

  it('expired (6): files it again once, links both, retires the old one; a second expiry stops with a reason', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-04-01`, end: `${YEAR}-04-30` },
    });
    await sat().fileRequests(h.tenantId, RFC, TEST_READER);
    expect((await h.detail(id)).state).toBe('accepted');

    // Nobody looked for 74 hours: the SAT has expired it (and our token died long ago).
    await h.admin('POST', '/__admin/clock/advance', { seconds: HOURS_74 });
    await sat().syncNow(h.tenantId, TEST_READER);
    const old = await h.detail(id);
    expect(old.state).toBe('replaced');
    expect(old.replacedBy).toBeTruthy();
    expect(old.attempts).toEqual({ expired: 1 });
    expect(old.history).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'refiling', params: { cause: 'expired' } })]),
    );
    expect(old.history.some((e: any) => e.operation === 'verifica' && e.satCode === 300)).toBe(true);
    expect(old.history.filter((e: any) => e.operation === 'autentica').length).toBeGreaterThanOrEqual(1);
    const replacement = await h.detail(old.replacedBy);
    expect(replacement).toMatchObject({ state: 'accepted', replaces: id, attempts: { expired: 1 } });
    expect(replacement.related.map((r: any) => r.id)).toContain(id);

    // It expires again: once per cause, so this time a person is told instead.
    const before = await simCount();
    await h.admin('POST', '/__admin/clock/advance', { seconds: HOURS_74 });
    await sat().syncNow(h.tenantId, TEST_READER);
    const stopped = await h.detail(replacement.id);
    expect(stopped.state).toBe('failed');
    expect(stopped.attention).toEqual({ code: 'already_refiled', params: { cause: 'expired' } });
    expect(stopped.needsAttention).toMatch(/already filed again once because the SAT says it expired/);
    await sat().syncNow(h.tenantId, TEST_READER);
    expect(await simCount()).toBe(before);
  });

  it('packages gone (downloaded elsewhere, 5007): files it again, and the replacement is downloaded', async () => {
    const id = await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-05-01`, end: `${YEAR}-05-31` },
    });
    await h.admin('POST', '/__admin/faults', { operation: 'descarga', kind: 'stolen', count: 1 });
    await h.settle();

    const old = await h.detail(id);
    expect(old.state).toBe('replaced');
    expect(old.packages.map((p: any) => p.state)).toContain('failed');
    expect(old.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'package_gone', params: expect.objectContaining({ satCode: 5007 }) }),
        expect.objectContaining({ code: 'refiling', params: { cause: 'packagesGone' } }),
      ]),
    );
    const replacement = await h.detail(old.replacedBy);
    expect(replacement).toMatchObject({ state: 'downloaded', replaces: id, attempts: { packagesGone: 1 } });
    expect(replacement.packages.every((p: any) => p.state === 'stored')).toBe(true);
    expect(replacement.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'replaces',
          params: expect.objectContaining({ requestId: id, cause: 'packagesGone' }),
        }),
      ]),
    );
  });
});
