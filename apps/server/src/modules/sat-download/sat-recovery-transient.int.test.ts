import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;

describe('transient SAT faults: timeouts, HTTP 500, SOAP faults, token expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      env: { SAT_HTTP_TIMEOUT_MS: '700' },
      sim: {
        timing: { acceptedSeconds: 5, processingSeconds: 5 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 3, receivedPerMonth: 3 } } },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const fault = (operation: string, kind: string, count = 1) =>
    h.admin('POST', '/__admin/faults', { operation, kind, count });

  it('retries a timeout, HTTP 500s and a SOAP fault with backoff, then succeeds, and says so in the history', async () => {
    await fault('solicita', 'timeout');
    await fault('verifica', 'http500', 2);
    await fault('descarga', 'soapFault');
    const id = await h.file({
      type: 'metadata',
      direction: 'received',
      period: { start: `${YEAR}-06-01`, end: `${YEAR}-06-30` },
    });
    await h.settle();

    const r = await h.detail(id);
    expect(r.state).toBe('downloaded');
    expect(r.packages.every((p: any) => p.state === 'stored')).toBe(true);
    const calls = r.history
      .filter((e: any) => e.type === 'call')
      .map((e: any) => `${e.operation} ${e.message}`);
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^solicita solicita: retry 1: no answer within 700 ms/),
        expect.stringMatching(/^verifica verifica: retry 1: HTTP 500/),
        expect.stringMatching(/^verifica verifica: retry 2: HTTP 500/),
        expect.stringMatching(/^descarga descarga: retry 1: HTTP 500/),
        'solicita solicita → 5000 Solicitud Aceptada',
      ]),
    );
    // Business answers are never retried: exactly one accepted filing reached the SAT.
    expect((await h.admin('GET', '/__admin/requests')).requests).toHaveLength(1);
  });

  it('a token that dies mid-run (300) is renewed once and the call repeated', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-07-01`, end: `${YEAR}-07-31` },
    });
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    await fault('verifica', 'expiredToken');
    await h.settle();

    const r = await h.detail(id);
    expect(r.state).toBe('downloaded');
    const calls = r.history
      .filter((e: any) => e.type === 'call')
      .map((e: any) => `${e.operation}:${e.satCode ?? e.message}`);
    const at300 = calls.indexOf('verifica:300');
    expect(at300).toBeGreaterThanOrEqual(0);
    expect(calls[at300 + 1]).toBe('autentica:autentica: token obtained');
    expect(calls[at300 + 2]).toBe('verifica:5000');
    expect(r.needsAttention).toBeNull();
  });

  it('when the SAT keeps failing, the request stays as it was and is tried again on the next sync', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-08-01`, end: `${YEAR}-08-31` },
    });
    await fault('solicita', 'http500', 4);
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    const waiting = await h.detail(id);
    expect(waiting.state).toBe('pending');
    expect(
      waiting.history.some(
        (e: any) => e.operation === 'solicita' && /failed: SOAP fault|HTTP 500|failed/.test(e.message),
      ),
    ).toBe(true);
    await h.settle();
    expect((await h.detail(id)).state).toBe('downloaded');
  });
});
