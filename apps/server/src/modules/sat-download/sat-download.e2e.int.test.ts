import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../../test/support/prometheus.js';
import {
  ACTIVE,
  type Harness,
  RFC,
  startHarness,
  TEST_READER,
  uuidsInPackage,
} from './testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;
const lastDay = (m: number) => new Date(Date.UTC(YEAR, m, 0)).getUTCDate();

describe('a year of CFDI and metadata, end to end against the simulated SAT', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      sim: {
        timing: { acceptedSeconds: 60, processingSeconds: 60 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 3, receivedPerMonth: 2 } }, cfdiPerPackage: 2 },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  // Jobs, the simulator and dozens of packages: far from the default budget on a loaded machine.
  it('files 28 requests, verifies, downloads every package, and matches the SAT ground truth', {
    timeout: 120_000,
  }, async () => {
    const filed = await h.api('POST', `/api/v1/taxpayers/${RFC}/sat-requests/year`, {
      year: YEAR,
      direction: 'both',
    });
    expect(filed.status).toBe(202);
    expect(filed.body.created).toBe(28);
    const kinds = filed.body.items.map((r: any) => `${r.direction}/${r.type}`);
    expect(kinds.filter((k: string) => k === 'issued/cfdi')).toHaveLength(12);
    expect(kinds.filter((k: string) => k === 'received/metadata')).toHaveLength(2);

    // Filing runs in a job: every request reaches the SAT and is accepted.
    await h.until('every request filed', async () =>
      (await h.requests()).every((r) => r.state === 'accepted'),
    );
    const simRequests = (await h.admin('GET', '/__admin/requests')).requests;
    expect(simRequests).toHaveLength(28);

    // Asking again files nothing new: the duplicate guard returns the open requests.
    const again = await h.api('POST', `/api/v1/taxpayers/${RFC}/sat-requests/year`, {
      year: YEAR,
      direction: 'both',
    });
    expect(again.body).toMatchObject({ created: 0, existing: 28 });

    // The filing job may still hold the taxpayer's lock after the last request is accepted.
    await h.satJobsIdle();
    await h.admin('POST', '/__admin/clock/advance', { seconds: 180 });
    expect((await h.api('POST', '/api/v1/sat/sync')).status).toBe(202);
    const done = await h.until('every request downloaded', async () => {
      const rows = await h.requests();
      return rows.every((r) => !ACTIVE.includes(r.state)) && rows;
    });
    expect(done.map((r) => r.state).filter((s) => s !== 'downloaded')).toEqual([]);
    // And the year says so.
    const years = await h.api('GET', `/api/v1/taxpayers/${RFC}/sat-requests/years`);
    expect(years.body.items).toEqual([
      expect.objectContaining({
        year: YEAR,
        complete: true,
        missing: [],
        active: 0,
        states: { downloaded: 28 },
      }),
    ]);

    // Each e.firma decryption is recorded against the job run that signed with it.
    const reads = await h.sql(
      "SELECT DISTINCT actor_type, actor_label, metadata->>'job' AS job, actor_id = metadata->>'jobId' AS same_id, actor_id ~ '^[0-9a-f-]{36}$' AS job_id FROM audit_events WHERE tenant_id = $1 AND action = 'secret.decrypted' ORDER BY 2",
      [h.tenantId],
    );
    expect(reads).toEqual(
      ['sat.file-requests', 'sat.sync-taxpayer'].map((job) => ({
        actor_type: 'system',
        actor_label: `job:${job}`,
        job,
        same_id: true,
        job_id: true,
      })),
    );

    for (const r of done) {
      const detail = await h.detail(r.id);
      expect(detail.packages.length).toBeGreaterThan(0);
      const stored: string[] = [];
      for (const p of detail.packages) {
        expect(p.state).toBe('stored');
        expect(p.storageKey).toBe(
          `tenants/${h.tenantId}/clientes/${RFC}/${YEAR}/paquetes/${r.type}/${p.satPackageId}.zip`,
        );
        stored.push(...(await uuidsInPackage(await h.server.ctx.storage.getBuffer(p.storageKey), r.type)));
      }
      const q = new URLSearchParams({
        rfc: RFC,
        from: r.period.start.slice(0, 10),
        to: r.period.end.slice(0, 10),
        type: r.type,
        direction: r.direction,
        ...(r.filters.status === 'Vigente' ? { status: 'active' } : {}),
      });
      const truth: string[] = (await h.admin('GET', `/__admin/truth?${q}`)).uuids;
      expect(truth.length).toBeGreaterThan(0);
      expect([...stored].sort(), `${r.direction} ${r.type} ${r.period.start}`).toEqual(
        truth.map((u) => u.toUpperCase()).sort(),
      );
      const kinds = detail.history.map((e: any) => e.toState).filter(Boolean);
      expect(kinds).toEqual(expect.arrayContaining(['pending', 'accepted', 'ready', 'downloaded']));
      expect(detail.history.some((e: any) => e.operation === 'solicita' && e.satCode === 5000)).toBe(true);
    }
    expect(
      done.find((r) => r.type === 'cfdi' && r.period.start === `${YEAR}-02-01T00:00:00`)?.period.end,
    ).toBe(`${YEAR}-02-${lastDay(2)}T23:59:59`);

    // The year's manifest lists every request and where its packages are.
    const manifest = JSON.parse(
      (
        await h.server.ctx.storage.getBuffer(
          `tenants/${h.tenantId}/clientes/${RFC}/${YEAR}/solicitudes/manifest.json`,
        )
      ).toString(),
    );
    expect(manifest.requests).toHaveLength(28);
    expect(manifest.requests.every((r: any) => r.state === 'downloaded')).toBe(true);

    // No secret in the history: no token, no password, no key material.
    const leaked = await h.server.ctx.database.pool.query(
      `SELECT count(*)::int AS n FROM sat_request_events
        WHERE message ~* '(wrap_subject|access_token|12345678a|BEGIN|MII[A-Za-z0-9+/]{20})' OR detail::text ~* '(wrap_subject|access_token|12345678a)'`,
    );
    expect(leaked.rows[0].n).toBe(0);

    // The process's metrics counted the conversation by operation and result, with no RFC or tenant.
    const metrics = parseExposition((await h.server.ctx.metrics.render()).body);
    const sat = (operation: string, result = 'ok') =>
      sampleValue(metrics, 'boveda_sat_calls_total', { operation, result });
    expect(sat('solicita')).toBeGreaterThanOrEqual(28);
    expect(sat('autentica')).toBeGreaterThanOrEqual(1);
    expect(sat('verifica')).toBeGreaterThanOrEqual(28);
    expect(sat('descarga')).toBeGreaterThanOrEqual(28);
    expect(metrics.text).not.toContain(RFC);
    expect(metrics.text).not.toContain(h.tenantId);
  });

  it('running the sync again changes nothing: no SAT call, no new package, no new history', async () => {
    const objects = async () => {
      const keys: string[] = [];
      for await (const o of h.server.ctx.storage.list(
        `tenants/${h.tenantId}/clientes/${RFC}/${YEAR}/paquetes/`,
      ))
        keys.push(`${o.key}:${o.size}`);
      return keys.sort();
    };
    const historyCount = async () =>
      (await h.server.ctx.database.pool.query('SELECT count(*)::int AS n FROM sat_request_events')).rows[0].n;
    const before = { objects: await objects(), history: await historyCount(), requests: await h.requests() };
    const simBefore = (await h.admin('GET', '/__admin/requests')).requests;

    const summary = await h.server.ctx.services.satDownload.syncNow(h.tenantId, TEST_READER);
    expect(summary).toEqual({ filed: 0, verified: 0, packagesStored: 0, transientErrors: 0 });
    expect(await objects()).toEqual(before.objects);
    expect(await historyCount()).toBe(before.history);
    expect(await h.requests()).toEqual(before.requests);
    expect((await h.admin('GET', '/__admin/requests')).requests).toEqual(simBefore);
  });
});
