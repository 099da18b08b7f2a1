import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis } from '../../../test/support/redis.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { registerWorkers } from '../../app/workers.js';
import { type SmtpSink, startSmtpSink } from '../../platform/email/smtp-sink.js';
import { scannedPdf } from '../inbox/extraction/testing/scanned-pdf.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixture = (...parts: string[]) => readFile(path.join(root, 'test-fixtures', ...parts));
const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';
// Distinct CFDI: each upload is a new document (known bytes would answer with the earlier invoice).
const CFDI = [
  'cfdiutils-cfdi40-real.xml',
  'cfdiutils-cfdi40-valid.xml',
  'nodecfdi-cfdi33-valid.xml',
  'satcfdi-cfdv40-ejemplo-signed-tfd.xml',
  'satcfdi-stamped-finkok.xml',
  'satcfdi-stamped-pago20-HandE951128469.xml',
  'satcfdi-stamped-ingreso-iva8-HandE951128469.xml',
  'satcfdi-stamped-ingreso-exento-XIQB891116QE4.xml',
];

// biome-ignore lint/suspicious/noExplicitAny: tests assert on parsed bodies
type Body = any;

/**
 * Plans and quotas on two API processes sharing one PostgreSQL and one Redis (as a deployment
 * scales out): the operator's API, each limit where it is enforced, the usage view, the e-mails.
 */
const redis = await connectTestRedis('plans and quotas across two API processes');

describe.runIf(redis)('plans and quotas', () => {
  let one: TestServer;
  let two: TestServer;
  let sink: SmtpSink;
  const orgs: Record<'a' | 'b' | 'c' | 'd', { id: string; slug: string; admin: string; viewer: string }> =
    {} as never;

  const send = async (
    server: TestServer,
    method: string,
    url: string,
    opts: { key?: string; token?: string; body?: unknown; form?: FormData } = {},
  ) => {
    const auth = opts.token ?? (opts.key ? opts.key : undefined);
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.form ? { body: opts.form } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Body };
  };
  const operator = (method: string, url: string, body?: unknown, server = one) =>
    send(server, method, url, { token: OPERATOR_TOKEN, ...(body !== undefined ? { body } : {}) });
  const upload = async (server: TestServer, key: string, name: string, bytes?: Buffer | Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes ?? (await fixture('cfdi', name)))]), name);
    return send(server, 'POST', '/api/v1/invoices', { key, form });
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    const env = {
      REDIS_URL: redis!.url,
      REDIS_KEY_PREFIX: redis!.prefix,
      OPERATOR_TOKEN,
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://boveda.example.mx',
      // An instance LLM (never reached here: the plans below leave it no tokens).
      INBOX_LLM_URL: 'http://127.0.0.1:9/v1',
      INBOX_LLM_MODEL: 'modelo-local',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    };
    one = await startTestServer({ env });
    two = await startTestServer({
      env: {
        ...env,
        DATABASE_URL: one.ctx.config.env.DATABASE_URL!,
        BOVEDA_MASTER_KEY_FILE: one.ctx.config.masterKeyFile,
      },
    });
    await registerWorkers(one.ctx);
    for (const name of ['a', 'b', 'c', 'd'] as const) {
      const t = await one.seedUser({
        tenantName: `Despacho ${name.toUpperCase()}`,
        email: `${name}@despacho.mx`,
        password: 'correct horse battery staple 42',
        role: 'owner',
      });
      orgs[name] = {
        id: t.tenantId,
        slug: t.tenantSlug,
        admin: (await one.createApiKey(t.tenantSlug, 'admin')).key,
        viewer: (await one.createApiKey(t.tenantSlug, 'viewer')).key,
      };
    }
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await sink?.close();
    await redis!.close();
  });

  it('answers the operator only with OPERATOR_TOKEN', async () => {
    const none = await send(one, 'GET', '/api/v1/operator/plans');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('OPERATOR_TOKEN_INVALID');
    expect((await send(one, 'GET', '/api/v1/operator/plans', { token: `${OPERATOR_TOKEN}x` })).status).toBe(
      401,
    );
    // An organization's own admin key is no operator.
    const admin = await send(one, 'GET', '/api/v1/operator/organizations', { key: orgs.a.admin });
    expect(admin.status).toBe(401);
    expect(JSON.stringify(admin.body)).not.toContain(OPERATOR_TOKEN);
    expect((await operator('GET', '/api/v1/operator/plans')).status).toBe(200);
  });

  it('defines plans and assigns them; refuses a taken code, an unknown one and deleting one in use', async () => {
    const created = await operator('POST', '/api/v1/operator/plans', {
      code: 'despacho-chico',
      name: 'Despacho chico',
      limits: { documentsPerMonth: 5, taxpayers: 0, connectors: 1, webhookEndpoints: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'despacho-chico',
      organizations: 0,
      limits: { documentsPerMonth: 5, taxpayers: 0, ocrPagesPerMonth: null, apiRequestsPerMinute: null },
    });
    const again = await operator('POST', '/api/v1/operator/plans', { code: 'despacho-chico', name: 'Otro' });
    expect([again.status, again.body.code]).toEqual([409, 'PLAN_CODE_TAKEN']);
    expect((await operator('POST', '/api/v1/operator/plans', { code: 'Mal Código', name: 'x' })).status).toBe(
      400,
    );

    const assigned = await operator('PUT', `/api/v1/operator/organizations/${orgs.a.slug}/plan`, {
      plan: 'despacho-chico',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.usage.plan).toEqual({ code: 'despacho-chico', name: 'Despacho chico' });
    expect(
      (await operator('PUT', '/api/v1/operator/organizations/nadie/plan', { plan: 'despacho-chico' })).body
        .code,
    ).toBe('TENANT_NOT_FOUND');
    const unknown = await operator('PUT', `/api/v1/operator/organizations/${orgs.a.id}/plan`, {
      plan: 'no-existe',
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    const inUse = await operator('DELETE', '/api/v1/operator/plans/despacho-chico');
    expect([inUse.status, inUse.body.code]).toEqual([409, 'PLAN_IN_USE']);

    const list = await operator('GET', '/api/v1/operator/organizations', undefined, two);
    const bySlug = new Map<string, Body>(list.body.items.map((o: Body) => [o.slug, o]));
    expect(bySlug.get(orgs.a.slug).usage.plan.code).toBe('despacho-chico');
    expect(bySlug.get(orgs.b.slug).usage.plan).toBeNull();
    // The organization's trail says when its plan changed.
    const audit = await send(one, 'GET', '/api/v1/audit-events', { key: orgs.a.admin });
    expect(JSON.stringify(audit.body)).toContain('despacho-chico');
  });

  it('counts documents on both processes, refuses past the month with 402 and e-mails admins at 80 % and 100 %', async () => {
    for (const [i, name] of CFDI.slice(0, 4).entries()) {
      const res = await upload(i % 2 ? two : one, orgs.a.admin, name);
      expect(res.status, name).toBe(202);
    }
    const at80 = await sink.waitFor(
      (m) => m.to.includes('a@despacho.mx') && m.subject.includes('80 %'),
      15_000,
    );
    expect(at80.subject).toContain('documentos de la bandeja');
    expect(at80.text).toContain('4 de 5');
    expect(at80.text).toContain('https://boveda.example.mx/plan');

    // One left: two uploads racing on two processes, exactly one gets it.
    const raced = await Promise.all([
      upload(one, orgs.a.admin, CFDI[4]!),
      upload(two, orgs.a.admin, CFDI[5]!),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([202, 402]);
    const refused = await upload(two, orgs.a.admin, CFDI[6]!);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      code: 'PLAN_QUOTA_EXCEEDED',
      params: { metric: 'documents', limit: 5, used: 5 },
    });
    await sink.waitFor((m) => m.to.includes('a@despacho.mx') && m.subject.includes('100 %'), 15_000);
    expect(sink.messages.filter((m) => m.subject.includes('Despacho A')).length).toBe(2);

    // The refused files left nothing behind; B, without a plan, uploads freely.
    const count = await one.ctx.database.pool.query(
      'SELECT count(*)::int AS n FROM invoices WHERE tenant_id = $1',
      [orgs.a.id],
    );
    expect(count.rows[0].n).toBe(5);
    for (const name of CFDI.slice(0, 6)) expect((await upload(one, orgs.b.admin, name)).status).toBe(202);
  });

  it('stops taxpayers, connectors and webhook endpoints at the plan’s count (403), concurrent ones too', async () => {
    const form = new FormData();
    const file = (name: string) => fixture('efirma', `fiel-${name}`);
    form.append('certificate', new Blob([new Uint8Array(await file('EKU9003173C9.cer'))]), 'a.cer');
    form.append('privateKey', new Blob([new Uint8Array(await file('EKU9003173C9.key'))]), 'a.key');
    form.append('password', (await file('EKU9003173C9-password.txt')).toString('utf8').trim());
    const taxpayer = await send(one, 'POST', '/api/v1/taxpayers', { key: orgs.a.admin, form });
    expect(taxpayer.status).toBe(403);
    expect(taxpayer.body).toMatchObject({
      code: 'PLAN_LIMIT_REACHED',
      params: { metric: 'taxpayers', limit: 0 },
    });
    // Raised to one: the same e.firma now registers.
    await operator('PATCH', '/api/v1/operator/plans/despacho-chico', { limits: { taxpayers: 1 } });
    const form2 = new FormData();
    for (const [k, v] of form.entries()) form2.append(k, v);
    expect((await send(two, 'POST', '/api/v1/taxpayers', { key: orgs.a.admin, form: form2 })).status).toBe(
      201,
    );

    const endpoint = (n: number) => ({ url: `https://erp.example.com/hooks/${n}` });
    const created = await Promise.all([
      send(one, 'POST', '/api/v1/webhooks/endpoints', { key: orgs.a.admin, body: endpoint(1) }),
      send(two, 'POST', '/api/v1/webhooks/endpoints', { key: orgs.a.admin, body: endpoint(2) }),
    ]);
    expect(created.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(created.find((r) => r.status === 403)!.body.code).toBe('PLAN_LIMIT_REACHED');
    // Deleting one frees its place.
    const kept = created.find((r) => r.status === 201)!.body;
    expect(
      (await send(one, 'DELETE', `/api/v1/webhooks/endpoints/${kept.id}`, { key: orgs.a.admin })).status,
    ).toBe(204);
    expect(
      (await send(two, 'POST', '/api/v1/webhooks/endpoints', { key: orgs.a.admin, body: endpoint(3) }))
        .status,
    ).toBe(201);

    const connector = (name: string) => ({
      name,
      direction: 'pull',
      baseUrl: 'http://127.0.0.1:9/api',
      auth: { type: 'none' },
      pull: { resources: [{ name: 'customers', kind: 'customers', path: '/customers' }] },
    });
    const first = await send(one, 'POST', '/api/v1/connectors', {
      key: orgs.a.admin,
      body: connector('ERP 1'),
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await send(two, 'POST', '/api/v1/connectors', {
      key: orgs.a.admin,
      body: connector('ERP 2'),
    });
    expect([second.status, second.body.code]).toEqual([403, 'PLAN_LIMIT_REACHED']);
    // B has no plan: no count applies.
    for (const n of [1, 2])
      expect(
        (await send(one, 'POST', '/api/v1/webhooks/endpoints', { key: orgs.b.admin, body: endpoint(n) }))
          .status,
      ).toBe(201);
  });

  it('shows the organization its usage (admins only); without a plan, no limits', async () => {
    const usage = await send(two, 'GET', '/api/v1/plan', { key: orgs.a.admin });
    expect(usage.status).toBe(200);
    const byMetric = new Map<string, Body>(usage.body.items.map((i: Body) => [i.metric, i]));
    expect(byMetric.get('documents')).toEqual({
      metric: 'documents',
      kind: 'monthly',
      used: 5,
      limit: 5,
      percent: 100,
    });
    expect(byMetric.get('taxpayers')).toMatchObject({ kind: 'count', used: 1, limit: 1 });
    expect(byMetric.get('webhookEndpoints')).toMatchObject({ used: 1, limit: 1 });
    expect(byMetric.get('connectors')).toMatchObject({ used: 1, limit: 1 });
    expect(byMetric.get('ocrPages')).toMatchObject({ limit: null, percent: null });
    expect(usage.body.period).toMatch(/^\d{4}-\d{2}$/);
    const viewer = await send(one, 'GET', '/api/v1/plan', { key: orgs.a.viewer });
    expect(viewer.status).toBe(403);
    const free = await send(one, 'GET', '/api/v1/plan', { key: orgs.b.admin });
    expect(free.body.plan).toBeNull();
    expect(free.body.items.every((i: Body) => i.limit === null)).toBe(true);
    expect(free.body.items.find((i: Body) => i.metric === 'documents').used).toBe(6);
  });

  it('limits API requests per minute to the plan’s, counted across both processes (429)', async () => {
    await operator('POST', '/api/v1/operator/plans', {
      code: 'api-lenta',
      name: 'API lenta',
      limits: { apiRequestsPerMinute: 4 },
    });
    await operator('PUT', `/api/v1/operator/organizations/${orgs.c.slug}/plan`, { plan: 'api-lenta' });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (const server of [one, two, one, two, one, two]) {
      last = await send(server, 'GET', '/api/v1/me', { key: orgs.c.viewer });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(last!.body.code).toBe('RATE_LIMITED');
    expect(last!.headers.get('ratelimit-limit')).toBe('4');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another organization is not slowed by C's plan.
    expect((await send(one, 'GET', '/api/v1/me', { key: orgs.b.viewer })).status).toBe(200);
  });

  it('reads without OCR past the plan’s pages (the invoice says why) and asks no LLM past its tokens', async () => {
    await operator('POST', '/api/v1/operator/plans', {
      code: 'sin-ocr',
      name: 'Sin OCR',
      limits: { ocrPagesPerMonth: 0, llmTokensPerMonth: 0 },
    });
    await operator('PUT', `/api/v1/operator/organizations/${orgs.d.slug}/plan`, { plan: 'sin-ocr' });
    const scan = await scannedPdf('cfdiutils-cfdi40-real.pdf', 100);
    const res = await upload(one, orgs.d.admin, 'escaneada.pdf', Buffer.from(scan));
    expect(res.status).toBe(202);
    const id = res.body.items[0].id as string;
    let detail: Body;
    for (const deadline = Date.now() + 30_000; ; ) {
      detail = (await send(one, 'GET', `/api/v1/invoices/${id}`, { key: orgs.d.admin })).body;
      if (detail.status !== 'processing' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(detail.status).toBe('waiting_validation');
    const ocrCheck = detail.preview.checks.find((c: Body) => c.code === 'OCR_PLAN_QUOTA_REACHED');
    expect(ocrCheck).toMatchObject({ ok: false, params: { pages: 1 } });
    // What the QR says is still read without OCR.
    expect(detail.uuid).toMatch(/^[0-9A-F-]{36}$/);
    const usage = await send(one, 'GET', '/api/v1/plan', { key: orgs.d.admin });
    expect(usage.body.items.find((i: Body) => i.metric === 'ocrPages')).toMatchObject({ used: 0, limit: 0 });

    // The LLM: not asked past the plan's tokens; elsewhere asked, and its tokens counted.
    const reader = { type: 'job' as const, job: 'inbox.extract', jobId: 'plans-test' };
    const gateway = one.ctx.services.aiGateway;
    expect(await gateway.decide(orgs.d.id, 'pdf-text', reader, { estimatedInputTokens: 10 })).toEqual({
      use: false,
      reason: 'plan_quota_reached',
    });
    const allowed = await gateway.decide(orgs.b.id, 'pdf-text', reader, { estimatedInputTokens: 10 });
    expect(allowed.use).toBe(true);
    if (allowed.use) await allowed.record({ inputTokens: 100, outputTokens: 20 });
    const b = await send(two, 'GET', '/api/v1/plan', { key: orgs.b.admin });
    expect(b.body.items.find((i: Body) => i.metric === 'llmTokens')).toMatchObject({
      used: 120,
      limit: null,
    });
  });
});
