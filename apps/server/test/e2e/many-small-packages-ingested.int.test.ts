import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness } from '../../src/modules/sat-download/testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
// The hundred; `SMALL_PACKAGES=112 npx vitest run <this file>` reproduces its 112-package figure.
const PACKAGES = Number(process.env.SMALL_PACKAGES ?? 100);

/**
 * A month of one CFDI per package: a hundred small packages, each ingested in milliseconds. The job
 * queue used to wait a full poll after every job, so they became searchable one per poll. With a
 * 5-second poll here the old pacing would need over 8 minutes, eight times the wait below; the queue
 * now drains back to back and the last package is searchable about a second after the last download.
 */
describe('many small packages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { JOBS_POLL_SECONDS: '5' },
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: {
          volumes: { [RFC]: { issuedPerMonth: PACKAGES, receivedPerMonth: 0 } },
          cfdiPerPackage: 1,
        },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const count = async (sql: string) => Number((await h.sql<{ n: number }>(sql))[0]!.n);

  // The simulator hands out a hundred packages over ~30 s; a loaded CI machine needs room.
  it('are all searchable shortly after the last one is stored', { timeout: 150_000 }, async () => {
    await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-03-01`, end: `${YEAR}-03-31` },
    });
    await h.settle({ advanceSeconds: 30 });
    const stored = await count("SELECT count(*)::int AS n FROM sat_packages WHERE state = 'stored'");
    expect(stored).toBe(PACKAGES);
    await h.until(
      'every package ingested',
      async () =>
        (await count("SELECT count(*)::int AS n FROM sat_packages WHERE ingestion_state = 'completed'")) ===
        PACKAGES,
      60_000,
    );
    // For the before/after figure (printed, never asserted): last stored → last ingested.
    const [span] = await h.sql<{ lag: number; stored: number }>(
      `SELECT extract(epoch FROM max(ingested_at) - max(stored_at))::float8 AS lag,
              extract(epoch FROM max(stored_at) - min(stored_at))::float8 AS stored
       FROM sat_packages`,
    );
    console.info(
      `${PACKAGES} packages stored over ${span!.stored.toFixed(1)} s; the last ingested ${span!.lag.toFixed(1)} s after the last was stored`,
    );
    const listed = await h.api('GET', `/api/v1/cfdi?rfc=${RFC}&limit=200`);
    expect(listed.body.items).toHaveLength(PACKAGES);
  });
});
