import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { family, labelValues, parseExposition, sampleValue, scrape } from '../../test/support/prometheus.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { readFixture } from '../modules/cfdi/parsing/testing/fixtures.js';
import { defineJob, jobWorker } from '../platform/jobs/jobs.js';
import { startMetricsServer } from '../platform/metrics/index.js';
import { checkReadiness, readinessChecks } from './readiness.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Prometheus metrics of a process', () => {
  let server: TestServer;
  const metricsUrl = () => `${server.url}/metrics`;
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => server?.close());

  it('refuses a scrape without the token, or with another one', async () => {
    const bare = await fetch(metricsUrl());
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await bare.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('boveda_');
  });

  it('counts HTTP requests by route pattern and status, never by URL', async () => {
    const rfc = 'XAXX010101000';
    const before = await scrape(metricsUrl(), TOKEN);
    const answers = await Promise.all([
      fetch(`${server.url}/api/v1/taxpayers/${rfc}`),
      fetch(`${server.url}/api/v1/taxpayers/${rfc}`),
      fetch(`${server.url}/no/such/page/${rfc}`, { headers: { accept: 'application/json' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 404]);
    const after = await scrape(metricsUrl(), TOKEN);
    const name = 'boveda_http_request_duration_seconds';
    const byRoute = { method: 'GET', route: '/api/v1/taxpayers/:rfc', status_code: '401' };
    expect(sampleValue(after, name, byRoute) - sampleValue(before, name, byRoute)).toBe(2);
    const unmatched = { route: 'unmatched', status_code: '404' };
    expect(sampleValue(after, name, unmatched) - sampleValue(before, name, unmatched)).toBe(1);
    // No label value carries an id from a URL.
    for (const label of ['route', 'method', 'status_code'])
      for (const value of labelValues(after, name, label)) expect(value).not.toContain(rfc);
    // Each series is a histogram with buckets; the process's role is on every series.
    expect(family(after, name)?.type).toBe('HISTOGRAM');
    expect(family(after, name)?.metrics[0]?.buckets).toBeDefined();
    expect(labelValues(after, name, 'role')).toEqual(['all']);
  });

  it('counts job runs by outcome and reads the queue depth at scrape time', async () => {
    const ok = defineJob({ name: 'test.metrics-ok', schema: z.object({ n: z.number() }), retry: [] });
    const bad = defineJob({ name: 'test.metrics-bad', schema: z.object({ n: z.number() }), retry: [] });
    const parked = defineJob({ name: 'test.metrics-parked', schema: z.object({ n: z.number() }) });
    await server.ctx.jobs.register(jobWorker(ok, async () => 'done'));
    await server.ctx.jobs.register(
      jobWorker(bad, async () => {
        throw new Error('nope');
      }),
    );
    // No worker for this one: its jobs wait, and the depth shows them.
    await server.ctx.jobs.enqueue(parked, { n: 1 });
    await server.ctx.jobs.enqueue(parked, { n: 2 });
    const okId = (await server.ctx.jobs.enqueue(ok, { n: 1 }))!;
    const badId = (await server.ctx.jobs.enqueue(bad, { n: 1 }))!;
    await waitFor(async () =>
      (await server.ctx.jobs.getJob(ok, okId))?.state === 'completed' ? true : undefined,
    );
    await waitFor(async () =>
      (await server.ctx.jobs.getJob(bad, badId))?.state === 'failed' ? true : undefined,
    );

    const families = await scrape(metricsUrl(), TOKEN);
    expect(sampleValue(families, 'boveda_job_runs_total', { job: ok.name, outcome: 'completed' })).toBe(1);
    expect(sampleValue(families, 'boveda_job_runs_total', { job: bad.name, outcome: 'failed' })).toBe(1);
    expect(sampleValue(families, 'boveda_job_duration_seconds', { job: ok.name })).toBe(1);
    const depth = 'boveda_job_queue_depth';
    expect(sampleValue(families, depth, { queue: parked.name, state: 'created' })).toBe(2);
    expect(sampleValue(families, depth, { queue: parked.name, state: 'active' })).toBe(0);
    expect(sampleValue(families, depth, { queue: ok.name, state: 'created' })).toBe(0);
    // pg-boss's own internal queues are not shown.
    expect(labelValues(families, depth, 'queue').filter((q) => q.startsWith('__pgboss__'))).toEqual([]);
  });

  it('counts CFDI ingested through the vault', async () => {
    const seeded = await server.seedUser({
      tenantName: 'Métricas',
      email: 'metricas@x.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    const xml = readFixture('cfdi/satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml');
    const objectKey = `tenants/${seeded.tenantId}/bandeja/metricas.xml`;
    await server.ctx.storage.put(objectKey, xml);
    const name = 'boveda_cfdi_ingested_total';
    const before = await scrape(metricsUrl(), TOKEN);
    const register = () =>
      server.ctx.services.cfdiIngestion.registerDocument({ tenantId: seeded.tenantId, xml, objectKey });
    expect((await register()).stored).toBe(true);
    expect((await register()).stored).toBe(false);
    const after = await scrape(metricsUrl(), TOKEN);
    const delta = (labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta({ kind: 'cfdi', outcome: 'stored' })).toBe(1);
    expect(delta({ kind: 'cfdi', outcome: 'duplicate' })).toBe(1);
    // No tenant id in any label of any series.
    const text = await (await fetch(metricsUrl(), { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).not.toContain(seeded.tenantId);
  });

  it('declares the SAT, OCR and webhook families even before they count', async () => {
    const families = await scrape(metricsUrl(), TOKEN);
    const names = families.families.map((f) => f.name);
    for (const name of [
      'boveda_sat_calls_total',
      'boveda_ocr_pages_total',
      'boveda_ocr_page_duration_seconds',
      'boveda_webhook_deliveries_total',
    ])
      expect(names).toContain(name);
  });

  it('serves /metrics, /health and /ready on its own listener, token required', async () => {
    const listener = await startMetricsServer({
      metrics: server.ctx.metrics,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      ready: () =>
        checkReadiness(readinessChecks(server.ctx), { logger: server.ctx.logger, requestId: 'probe' }),
    });
    try {
      expect((await fetch(`${listener.url}/metrics`)).status).toBe(401);
      const families = await scrape(`${listener.url}/metrics`, TOKEN);
      expect(family(families, 'boveda_http_request_duration_seconds')).toBeDefined();
      expect((await fetch(`${listener.url}/health`)).status).toBe(200);
      const ready = await fetch(`${listener.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'ok' } } });
      expect((await fetch(`${listener.url}/api/v1/me`)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });

  it('parses strictly: a malformed exposition is refused', () => {
    expect(() => parseExposition('# TYPE x counter\nx{a="1" 2\n')).toThrow();
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('is not served on the API port at all', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
  });
});
