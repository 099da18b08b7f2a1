import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, uuidsInPackage } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const CFDI = 3000;

describe('a package of thousands of CFDI, streamed from the simulated SAT into storage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        timing: { acceptedSeconds: 5, processingSeconds: 5 },
        universe: {
          volumes: { [RFC]: { issuedPerMonth: CFDI, receivedPerMonth: 1 } },
          cfdiPerPackage: CFDI,
        },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  it('stores one zip whose CFDI are exactly the SAT truth, with the size and digest recorded', async () => {
    const id = await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-05-01`, end: `${YEAR}-05-31` },
      filters: { status: 'Todos' },
    });
    await h.settle();

    const r = await h.detail(id);
    expect(r.state).toBe('downloaded');
    expect(r.packages).toHaveLength(1);
    const [p] = r.packages;
    expect(p.state).toBe('stored');
    const zip = await h.server.ctx.storage.getBuffer(p.storageKey);
    expect(zip.length).toBe(p.size);
    expect(createHash('sha256').update(zip).digest('hex')).toBe(p.sha256);

    const stored = await uuidsInPackage(zip, 'cfdi');
    const truth: string[] = (
      await h.admin(
        'GET',
        `/__admin/truth?rfc=${RFC}&from=${YEAR}-05-01&to=${YEAR}-05-31&type=cfdi&direction=issued`,
      )
    ).uuids;
    expect(truth).toHaveLength(CFDI);
    expect(stored.sort()).toEqual(truth.map((u) => u.toUpperCase()).sort());
    // One download spent: the package was streamed once, not fetched again to be parsed or checked.
    const sim = (await h.admin('GET', '/__admin/requests')).requests[0];
    expect(sim.packages.map((x: any) => x.downloads)).toEqual([1]);
  });
});
