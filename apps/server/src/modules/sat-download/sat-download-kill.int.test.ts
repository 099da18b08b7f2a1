import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness, TEST_READER, uuidsInPackage } from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;

describe('kill -9 of the worker in the middle of a download', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: {
          volumes: { [RFC]: { issuedPerMonth: 12, receivedPerMonth: 1 } },
          metadataRowsPerPackage: 3,
        },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const packages = () =>
    h.sql<{ sat_package_id: string; state: string; storage_key: string; download_attempts: number }>(
      'SELECT sat_package_id, state, storage_key, download_attempts FROM sat_packages ORDER BY sat_package_id',
    );

  it('resumes after a restart with every package stored exactly once and nothing lost', async () => {
    const id = await h.file({
      type: 'metadata',
      direction: 'issued',
      period: { start: `${YEAR}-01-01`, end: `${YEAR}-01-31` },
    });
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    await h.admin('POST', '/__admin/clock/advance', { seconds: 30 });
    // Every download now takes a while, so the kill lands in the middle of one.
    await h.admin('POST', '/__admin/faults', {
      operation: 'descarga',
      kind: 'latency',
      ms: 1200,
      count: 1000,
    });

    const first = h.spawnWorker();
    await h.until(
      'some, not all, packages stored',
      async () => {
        const p = await packages();
        return p.length >= 4 && p.some((x) => x.state === 'stored') && p.some((x) => x.state === 'pending');
      },
      45_000,
    );
    process.kill(-first.pid!, 'SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await packages();
    expect(atKill.some((p) => p.state === 'pending')).toBe(true);

    h.spawnWorker();
    await h.until('request downloaded', async () => (await h.detail(id)).state === 'downloaded', 45_000);

    const final = await packages();
    expect(final.map((p) => p.sat_package_id)).toEqual(atKill.map((p) => p.sat_package_id));
    expect(final.every((p) => p.state === 'stored')).toBe(true);
    const keys: string[] = [];
    for await (const o of h.server.ctx.storage.list(
      `tenants/${h.tenantId}/clientes/${RFC}/${YEAR}/paquetes/`,
    ))
      keys.push(o.key);
    expect(keys.sort()).toEqual(final.map((p) => p.storage_key).sort());

    const uuids: string[] = [];
    for (const p of final)
      uuids.push(...(await uuidsInPackage(await h.server.ctx.storage.getBuffer(p.storage_key), 'metadata')));
    const truth = await h.admin(
      'GET',
      `/__admin/truth?rfc=${RFC}&from=${YEAR}-01-01&to=${YEAR}-01-31&type=metadata&direction=issued`,
    );
    expect(uuids.sort()).toEqual(truth.uuids.map((u: string) => u.toUpperCase()).sort());
    expect(new Set(uuids).size).toBe(uuids.length);

    const detail = await h.detail(id);
    for (const p of final) {
      const storedEvents = detail.history.filter(
        (e: any) => e.type === 'package' && e.message.startsWith(`Package ${p.sat_package_id} stored`),
      );
      expect(storedEvents, p.sat_package_id).toHaveLength(1);
    }
    // The SAT allows two downloads per package; the interrupted one may have used its second, never a third.
    const sim = (await h.admin('GET', '/__admin/requests')).requests[0];
    expect(sim.packages.every((p: any) => p.downloads <= 2)).toBe(true);
  });
});
