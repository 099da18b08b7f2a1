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
  });
});
