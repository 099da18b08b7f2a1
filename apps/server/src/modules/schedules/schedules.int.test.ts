import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectorsHarness,
  startConnectorsHarness,
  waitFor,
} from '../connectors/testing/connectors-harness.js';

const RFC = 'EKU9003173C9';
const YEAR = new Date().getUTCFullYear() - 1;
const CLIENT = { clientId: 'boveda-client', clientSecret: 'erp-oauth-secret-77' };
const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../test-fixtures/efirma',
);

type Item = {
  kind: string;
  key: string;
  target: { label: string; detail: string | null };
  schedule: { cron: string | null; timeZone: string | null; backoffSeconds: number[] | null };
  lastRun: { at: string; result: string; errorCode: string | null; durationMs: number | null } | null;
  nextRunAt: string | null;
  paused: { at: string; by: string | null } | null;
  pausable: boolean;
  runnable: boolean;
};

/**
 * The sync administration against the real app: a taxpayer's SAT sync (talking to the SAT
 * simulator), a scheduled connector (the ERP simulator) and a webhook endpoint, in organization A;
 * organization B sees and touches none of them.
 */
describe('schedules: the organization’s recurring work', () => {
  let h: ConnectorsHarness;
  let sim: RunningSimulator;
  let connector: { id: string };
  let endpoint: { id: string };

  const list = async (key = h.keys.viewer) => {
    const res = await h.call('GET', '/api/v1/schedules', undefined, key);
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  const item = async (kind: string, key: string) =>
    (await list()).find((i) => i.kind === kind && i.key === key)!;
  const connectorRuns = async () =>
    (await h.call('GET', `/api/v1/connectors/${connector.id}/runs`)).body.items as {
      trigger: string;
      finishedAt: string | null;
    }[];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'schedules-test' });
    h = await startConnectorsHarness(
      { auth: { type: 'oauth2', ...CLIENT }, counts: { customers: 5, suppliers: 0, purchaseOrders: 0 } },
      { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '20000', SAT_VERIFY_SCHEDULE: '3600' },
    );
    const form = new FormData();
    form.append('certificate', new Blob([await readFile(path.join(fixtures, `fiel-${RFC}.cer`))]), 'a.cer');
    form.append('privateKey', new Blob([await readFile(path.join(fixtures, `fiel-${RFC}.key`))]), 'a.key');
    form.append('password', (await readFile(path.join(fixtures, `fiel-${RFC}-password.txt`), 'utf8')).trim());
    const res = await fetch(`${h.server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.keys.admin}` },
      body: form,
    });
    expect(res.status).toBe(201);
    connector = await h.createConnector({
      name: 'ERP nocturno',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: { type: 'oauth2', tokenUrl: `${h.erp.url}/oauth/token`, ...CLIENT },
      schedule: { cron: '0 2 * * *', timeZone: 'America/Mexico_City' },
      pull: { resources: [{ name: 'customers', kind: 'customers', path: '/api/customers' }] },
    });
    const created = await h.call('POST', '/api/v1/webhooks/endpoints', {
      url: 'http://127.0.0.1:9/hooks/boveda?token=s3cr3t',
      description: 'Contabilidad',
    });
    expect(created.status).toBe(201);
    endpoint = created.body;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('lists the SAT sync, the connector and the webhook retries with their schedules, to a viewer', async () => {
    const items = await list();
    expect(items.map((i) => i.kind).sort()).toEqual(['connector.sync', 'sat.sync', 'webhook.retries']);
    const sat = items.find((i) => i.kind === 'sat.sync')!;
    expect(sat).toMatchObject({
      key: RFC,
      target: { label: RFC },
      schedule: { cron: '0 23 * * *', timeZone: 'America/Mexico_City', backoffSeconds: [3600] },
      lastRun: null,
      paused: null,
      pausable: true,
      runnable: true,
    });
    // 23:00 in Mexico City (UTC-6, no daylight saving since 2022) is 05:00 UTC.
    expect(sat.nextRunAt).toMatch(/T05:00:00\.000Z$/);
    const erp = items.find((i) => i.kind === 'connector.sync')!;
    expect(erp).toMatchObject({
      key: connector.id,
      target: { label: 'ERP nocturno' },
      schedule: { cron: '0 2 * * *', timeZone: 'America/Mexico_City', backoffSeconds: null },
      lastRun: null,
    });
    expect(erp.nextRunAt).toMatch(/T08:00:00\.000Z$/);
    const hook = items.find((i) => i.kind === 'webhook.retries')!;
    // The endpoint's URL without its query (a token may live there).
    expect(hook).toMatchObject({
      key: endpoint.id,
      target: { label: 'http://127.0.0.1:9/hooks/boveda', detail: 'Contabilidad' },
      pausable: false,
      runnable: false,
      nextRunAt: null,
    });
    expect(JSON.stringify(items)).not.toContain('s3cr3t');
  });

  it('pausing a connector stops its due run, across ticks, until resumed', async () => {
    const viewer = await h.call(
      'POST',
      `/api/v1/schedules/connector.sync/${connector.id}/pause`,
      undefined,
      h.keys.viewer,
    );
    expect(viewer.status).toBe(403);
    const member = await h.call(
      'POST',
      `/api/v1/schedules/connector.sync/${connector.id}/pause`,
      undefined,
      h.keys.member,
    );
    expect(member.status).toBe(403);
    const paused = await h.call('POST', `/api/v1/schedules/connector.sync/${connector.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ nextRunAt: null, paused: { by: expect.any(String) } });
    // Kept in the database (a restart reads it there), not in this process.
    expect(await h.sql('SELECT job, key FROM job_pauses WHERE tenant_id = $1', [h.tenantA])).toEqual([
      { job: 'connectors.scheduled', key: connector.id },
    ]);

    // Due now: the tick passes it by, twice.
    await h.sql("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE key = $1", [
      connector.id,
    ]);
    expect(await h.server.ctx.schedules.tick()).toBe(0);
    expect(await h.server.ctx.schedules.tick()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await connectorRuns()).toEqual([]);

    const resumed = await h.call('POST', `/api/v1/schedules/connector.sync/${connector.id}/resume`);
    expect(resumed.status).toBe(200);
    // The run the pause held back is not fired at once: the next occurrence, 02:00 Mexico City.
    expect(resumed.body.paused).toBeNull();
    expect(resumed.body.nextRunAt).toMatch(/T08:00:00\.000Z$/);
    expect(await h.server.ctx.schedules.tick()).toBe(0);

    // Due again, not paused: it runs.
    await h.sql("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE key = $1", [
      connector.id,
    ]);
    expect(await h.server.ctx.schedules.tick()).toBe(1);
    const runs = await waitFor(async () => {
      const r = await connectorRuns();
      return r.length === 1 && r[0]!.finishedAt ? r : null;
    });
    expect(runs[0]!.trigger).toBe('schedule');

    const actions = await h.sql<{ action: string }>(
      "SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE 'schedule.%' ORDER BY created_at",
      [h.tenantA],
    );
    expect(actions.map((a) => a.action)).toEqual(['schedule.paused', 'schedule.resumed']);
  });

  it('run now queues a job (202) for a member, and its result then shows', async () => {
    const viewer = await h.call(
      'POST',
      `/api/v1/schedules/connector.sync/${connector.id}/run`,
      undefined,
      h.keys.viewer,
    );
    expect(viewer.status).toBe(403);
    const before = (await connectorRuns()).length;
    const res = await h.call(
      'POST',
      `/api/v1/schedules/connector.sync/${connector.id}/run`,
      undefined,
      h.keys.member,
    );
    expect(res.status).toBe(202);
    expect(res.body.jobId).toEqual(expect.any(String));
    await waitFor(async () => {
      const r = await connectorRuns();
      return r.length === before + 1 && r[0]!.finishedAt ? r : null;
    });
    const row = await item('connector.sync', connector.id);
    expect(row.lastRun).toMatchObject({ result: 'ok', errorCode: null, durationMs: expect.any(Number) });
  });

  it('a paused SAT sync is left out of the nightly fan-out; run now still talks to the SAT', async () => {
    const filed = await h.call(
      'POST',
      `/api/v1/taxpayers/${RFC}/sat-requests`,
      { type: 'cfdi', direction: 'issued', period: { start: `${YEAR}-05-01`, end: `${YEAR}-05-31` } },
      h.keys.member,
    );
    expect(filed.status).toBe(201);
    const sat = h.server.ctx.services.satDownload;
    // A sync asked for while the filing holds the taxpayer's lock is skipped, and one asked for
    // while another waits is deduplicated: let each end. (Jobs carry `{ payload, attempt }`.)
    const idle = () =>
      waitFor(async () => {
        const [row] = await h.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pgboss.job
            WHERE name IN ('sat.file-requests', 'sat.sync-taxpayer', 'sat.sync')
              AND state IN ('created', 'retry', 'active') AND data->'payload'->>'tenantId' = $1`,
          [h.tenantA],
        );
        return row!.n === 0;
      }, 120_000);
    await idle();

    expect((await h.call('POST', `/api/v1/schedules/sat.sync/${RFC}/pause`)).status).toBe(200);
    expect((await item('sat.sync', RFC)).nextRunAt).toBeNull();
    // The nightly run (no tenant) skips it; another organization's would still run.
    expect(await sat.fanOutSync(null)).toBe(0);
    expect((await h.call('POST', `/api/v1/schedules/sat.sync/${RFC}/resume`)).status).toBe(200);
    expect(await sat.fanOutSync(null)).toBe(1);
    await idle();

    const before = (await item('sat.sync', RFC)).lastRun?.at ?? null;
    const run = await h.call('POST', `/api/v1/schedules/sat.sync/${RFC}/run`, undefined, h.keys.member);
    expect(run.status).toBe(202);
    expect(run.body.jobId).toEqual(expect.any(String));
    // That run's verification is the new last run.
    const row = await waitFor(async () => {
      const r = await item('sat.sync', RFC);
      return r.lastRun && r.lastRun.at !== before ? r : null;
      // A loaded CI machine (PostgreSQL, Chromium and other test files on two cores) is slow.
    }, 120_000);
    expect(row.lastRun).toMatchObject({ result: 'ok', errorCode: null });
  }, 180_000);

  it('another organization sees none of it and can neither pause nor run it', async () => {
    expect(await list(h.keys.otherAdmin)).toEqual([]);
    for (const [kind, key] of [
      ['sat.sync', RFC],
      ['connector.sync', connector.id],
      ['webhook.retries', endpoint.id],
    ] as const) {
      for (const action of ['pause', 'resume', 'run']) {
        const res = await h.call(
          'POST',
          `/api/v1/schedules/${kind}/${key}/${action}`,
          undefined,
          h.keys.otherAdmin,
        );
        expect(res.status, `${kind} ${action}`).toBe(404);
        expect(res.body.code).toBe('SCHEDULE_NOT_FOUND');
      }
      const get = await h.call('GET', `/api/v1/schedules/${kind}/${key}`, undefined, h.keys.otherAdmin);
      expect(get.status).toBe(404);
    }
    expect(await h.sql('SELECT 1 FROM job_pauses WHERE tenant_id = $1', [h.tenantB])).toEqual([]);
  });

  it('answers bad input with catalogued problems', async () => {
    const badKind = await h.call('POST', `/api/v1/schedules/cron.everything/${RFC}/run`);
    expect(badKind.status).toBe(400);
    expect(badKind.body.code).toBe('VALIDATION_FAILED');
    const unknown = await h.call('POST', '/api/v1/schedules/sat.sync/XAXX010101000/pause');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SCHEDULE_NOT_FOUND');
    const hookPause = await h.call('POST', `/api/v1/schedules/webhook.retries/${endpoint.id}/pause`);
    expect(hookPause.status).toBe(409);
    expect(hookPause.body.code).toBe('SCHEDULE_NOT_PAUSABLE');
    const hookRun = await h.call('POST', `/api/v1/schedules/webhook.retries/${endpoint.id}/run`);
    expect(hookRun.status).toBe(409);
    expect(hookRun.body.code).toBe('SCHEDULE_NOT_RUNNABLE');
  });
});
