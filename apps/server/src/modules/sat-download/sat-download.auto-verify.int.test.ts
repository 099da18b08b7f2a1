import { satHistoryCodes } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;

/**
 * A request a person files moves on its own: the worker looks again after filing on
 * SAT_VERIFY_SCHEDULE (seconds here; minutes then hours in production), with no "Sincronizar
 * ahora" and no nightly run.
 */
describe('a filed request with nobody pressing sync', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { SAT_VERIFY_SCHEDULE: '1,1,2' },
      sim: {
        timing: { acceptedSeconds: 2, processingSeconds: 2 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 3, receivedPerMonth: 0 } } },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  it('is verified and downloaded by the worker on its schedule', async () => {
    const id = await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-05-01`, end: `${YEAR}-05-31` },
    });
    const done = await h.until(
      'the request downloaded',
      async () => {
        const d = await h.detail(id);
        return d.state === 'downloaded' && d;
      },
      60_000,
    );
    expect(done.cfdiCount).toBe(3);
    // Nobody asked: every sync of this taxpayer came from the verification schedule.
    const syncs = await h.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'sat.verify-later' AND state = 'completed'",
    );
    expect(syncs[0]!.n).toBeGreaterThan(0);

    // Every line of its history is a code with params the web says in Spanish (the English
    // message stays beside it for the API).
    const history: { code: string; params: Record<string, unknown>; message: string }[] = done.history;
    for (const line of history) {
      expect(satHistoryCodes, line.message).toContain(line.code);
      expect(line.message.length).toBeGreaterThan(0);
    }
    const codes = history.map((line) => line.code);
    expect(codes[0]).toBe('request_created');
    expect(codes).toEqual(expect.arrayContaining(['sat_call', 'filed', 'ready', 'package_stored']));
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'request_created', params: { origin: 'api' } }),
        expect.objectContaining({
          code: 'sat_call',
          params: { operation: 'solicita', satCode: 5000, satMessage: expect.any(String) },
        }),
        expect.objectContaining({ code: 'ready', params: { count: 3, packages: expect.any(Number) } }),
        expect.objectContaining({ code: 'state_changed', params: { from: 'ready', to: 'downloaded' } }),
      ]),
    );
  });
});
