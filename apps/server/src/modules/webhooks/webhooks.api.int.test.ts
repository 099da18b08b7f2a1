import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from './testing/receiver.js';
import { startWebhooksHarness, type WebhooksHarness, waitFor } from './testing/webhooks-harness.js';

type Json = Record<string, unknown>;

describe('webhooks API: endpoints, roles, tenant isolation, bad input', () => {
  let h: WebhooksHarness;
  let rx: Receiver;
  let endpoint: Json & { id: string; secret: string };
  beforeAll(async () => {
    h = await startWebhooksHarness();
    rx = await startReceiver();
    endpoint = await h.createEndpoint({
      url: rx.url('/hooks'),
      description: 'Contabilidad',
      eventTypes: ['document.processed', 'document.failed'],
      headers: { Authorization: 'Bearer erp-secret-token' },
      rateLimitPerSecond: 50,
    });
  });
  afterAll(async () => {
    await rx?.close();
    await h?.close();
  });

  it('publishes the catalogue: each type with a version, a JSON Schema and an example', async () => {
    const res = await h.call('GET', '/api/v1/webhooks/event-types', undefined, h.keys.viewer);
    expect(res.status).toBe(200);
    const types = (res.body.items ?? []) as { type: string; version: number; schema: Json; example: Json }[];
    expect(types.map((t) => t.type)).toEqual(
      expect.arrayContaining([
        'document.processed',
        'document.failed',
        'sat.request.state_changed',
        'sat.package.ingested',
        'efirma.expiring',
        'webhook.test',
      ]),
    );
    const processed = types.find((t) => t.type === 'document.processed')!;
    expect(processed.version).toBe(1);
    expect(processed.schema).toMatchObject({
      type: 'object',
      properties: { total: {}, counterpart: {}, links: {} },
    });
    expect(processed.example).toMatchObject({ number: 'A-1024', total: '11600.00' });
    const docs = await fetch(`${h.server.url}/docs/json`).then((r) => r.json() as Promise<Json>);
    expect(JSON.stringify(docs)).toContain('listWebhookEventTypes');
    // And as OpenAPI 3.1 webhooks: the envelope with each type's data schema.
    const hooks = docs.webhooks as Record<
      string,
      { post: { requestBody: { content: Record<string, { schema: Json }> } } }
    >;
    expect(Object.keys(hooks)).toContain('document.processed');
    expect(hooks['document.processed']!.post.requestBody.content['application/json']!.schema).toMatchObject({
      properties: { type: { const: 'document.processed' }, data: { properties: { counterpart: {} } } },
    });
  });

  it('answers the secret once at creation, never in reads; header values are never shown', async () => {
    expect(endpoint).toMatchObject({
      url: rx.url('/hooks'),
      enabled: true,
      headerNames: ['Authorization'],
      rateLimitPerSecond: 50,
    });
    const read = await h.call('GET', `/api/v1/webhooks/endpoints/${endpoint.id}`, undefined, h.keys.member);
    expect(read.status).toBe(200);
    const text = JSON.stringify(read.body);
    expect(text).not.toContain(endpoint.secret);
    expect(text).not.toContain('erp-secret-token');
    const list = await h.call('GET', '/api/v1/webhooks/endpoints', undefined, h.keys.member);
    expect(JSON.stringify(list.body)).not.toContain(endpoint.secret);
    // Stored encrypted: neither the secret nor the header value is in the row.
    const [row] = await h.sql<{ raw: string }>(
      'SELECT row_to_json(e)::text AS raw FROM webhook_endpoints e WHERE id = $1',
      [endpoint.id],
    );
    expect(row!.raw).not.toContain(endpoint.secret.slice(6));
    expect(row!.raw).not.toContain('erp-secret-token');
  });

  it('shows the secret to admins only, and records who read it', async () => {
    expect(
      (await h.call('GET', `/api/v1/webhooks/endpoints/${endpoint.id}/secret`, undefined, h.keys.member))
        .status,
    ).toBe(403);
    const res = await h.call('GET', `/api/v1/webhooks/endpoints/${endpoint.id}/secret`);
    expect(res).toMatchObject({ status: 200, body: { secret: endpoint.secret } });
    const audit = await h.sql<{ actor_type: string }>(
      `SELECT actor_type FROM audit_events WHERE action = 'secret.decrypted' AND target_id LIKE $1`,
      [`%webhook_endpoints.secret:${endpoint.id}%`],
    );
    expect(audit.map((a) => a.actor_type)).toContain('api_key');
  });

  it('lets members read and only admins change; viewers read only the catalogue', async () => {
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/v1/webhooks/endpoints', { url: rx.url('/x') }],
      ['PATCH', `/api/v1/webhooks/endpoints/${endpoint.id}`, { description: 'x' }],
      ['DELETE', `/api/v1/webhooks/endpoints/${endpoint.id}`],
      ['POST', `/api/v1/webhooks/endpoints/${endpoint.id}/test`, {}],
      ['POST', `/api/v1/webhooks/endpoints/${endpoint.id}/secret/rotate`, {}],
      ['POST', `/api/v1/webhooks/endpoints/${endpoint.id}/recover`, { since: new Date().toISOString() }],
    ];
    for (const [method, path, body] of writes) {
      expect((await h.call(method, path, body, h.keys.member)).status, `${method} ${path}`).toBe(403);
      expect((await h.call(method, path, body, h.keys.viewer)).status, `${method} ${path}`).toBe(403);
    }
    const reads = [
      '/api/v1/webhooks/endpoints',
      `/api/v1/webhooks/endpoints/${endpoint.id}`,
      `/api/v1/webhooks/endpoints/${endpoint.id}/stats`,
      '/api/v1/webhooks/messages',
      '/api/v1/webhooks/attempts',
    ];
    for (const path of reads) {
      expect((await h.call('GET', path, undefined, h.keys.member)).status, path).toBe(200);
      expect((await h.call('GET', path, undefined, h.keys.viewer)).status, path).toBe(403);
    }
    const anonymous = await fetch(`${h.server.url}/api/v1/webhooks/endpoints`);
    expect(anonymous.status).toBe(401);
  });

  it('sends a test event, logs its attempt, and resends it on request', async () => {
    const sent = await h.call('POST', `/api/v1/webhooks/endpoints/${endpoint.id}/test`, {});
    expect(sent.status).toBe(202);
    const messageId = sent.body.messageId as string;
    const got = await waitFor(() => rx.to('/hooks').find((r) => r.headers['webhook-id'] === messageId));
    expect(JSON.parse(got.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect(got.headers.authorization).toBe('Bearer erp-secret-token');
    const first = await waitFor(async () =>
      (await h.attempts(endpoint.id)).find((a) => a.messageId === messageId),
    );
    expect(first).toMatchObject({ trigger: 'test', outcome: 'succeeded', responseStatus: 200, attempt: 1 });
    const resent = await h.call('POST', `/api/v1/webhooks/messages/${messageId}/resend`, {});
    expect(resent).toMatchObject({ status: 202, body: { queued: 1 } });
    const both = await waitFor(async () => {
      const list = (await h.attempts(endpoint.id)).filter((a) => a.messageId === messageId);
      return list.length === 2 && list;
    });
    expect(both[1]).toMatchObject({ trigger: 'manual', attempt: 2, outcome: 'succeeded' });
    const message = await h.call('GET', `/api/v1/webhooks/messages/${messageId}`, undefined, h.keys.member);
    expect(message.body).toMatchObject({
      eventType: 'webhook.test',
      payload: { id: messageId, type: 'webhook.test' },
      deliveries: [{ endpointId: endpoint.id, status: 'succeeded', attempts: 2 }],
    });
    const stats = await h.call(
      'GET',
      `/api/v1/webhooks/endpoints/${endpoint.id}/stats`,
      undefined,
      h.keys.member,
    );
    expect(stats.body).toMatchObject({
      pending: 0,
      periods: [{ period: '24h', succeeded: 2, failed: 0, successRate: 1 }, { period: '7d' }],
    });
    expect(typeof (stats.body.periods as Json[])[0]!.latencyP95Ms).toBe('number');
  });

  it('hides one organization’s endpoints, messages and log from another (404, empty lists)', async () => {
    const b = h.keys.otherAdmin;
    const id = endpoint.id;
    for (const [method, path, body] of [
      ['GET', `/api/v1/webhooks/endpoints/${id}`],
      ['PATCH', `/api/v1/webhooks/endpoints/${id}`, { description: 'mine now' }],
      ['DELETE', `/api/v1/webhooks/endpoints/${id}`],
      ['GET', `/api/v1/webhooks/endpoints/${id}/secret`],
      ['POST', `/api/v1/webhooks/endpoints/${id}/secret/rotate`, {}],
      ['POST', `/api/v1/webhooks/endpoints/${id}/test`, {}],
      ['GET', `/api/v1/webhooks/endpoints/${id}/stats`],
      ['POST', `/api/v1/webhooks/endpoints/${id}/recover`, { since: new Date(0).toISOString() }],
    ] as [string, string, unknown?][]) {
      const res = await h.call(method, path, body, b);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    }
    const messages = await h.call('GET', '/api/v1/webhooks/messages', undefined, b);
    expect(messages.body.items).toEqual([]);
    const someMessage = ((await h.call('GET', '/api/v1/webhooks/messages')).body.items as Json[])[0]!;
    expect((await h.call('GET', `/api/v1/webhooks/messages/${someMessage.id}`, undefined, b)).status).toBe(
      404,
    );
    expect((await h.call('POST', `/api/v1/webhooks/messages/${someMessage.id}/resend`, {}, b)).status).toBe(
      404,
    );
    // B cannot resend A's message to its own endpoint either.
    const mine = await h.createEndpoint({ url: rx.url('/b') }, b);
    const cross = await h.call(
      'POST',
      `/api/v1/webhooks/messages/${someMessage.id}/resend`,
      { endpointId: mine.id },
      b,
    );
    expect(cross.status).toBe(404);
    expect(
      (await h.call('GET', `/api/v1/webhooks/attempts?endpointId=${id}`, undefined, b)).body.items,
    ).toEqual([]);
    const still = await h.call('GET', `/api/v1/webhooks/endpoints/${id}`);
    expect(still.body.description).toBe('Contabilidad');
  });

  it('refuses bad input with a clear problem and stores nothing', async () => {
    const before = (await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints'))[0]!.n;
    const cases: [unknown, number, string][] = [
      [{ url: 'ftp://example.com/hook' }, 422, 'WEBHOOK_URL_INVALID'],
      [{ url: 'no es una url' }, 422, 'WEBHOOK_URL_INVALID'],
      [{ url: 'https://user:pass@example.com/hook' }, 422, 'WEBHOOK_URL_INVALID'],
      [{ url: 'http://10.0.0.7/hook' }, 422, 'WEBHOOK_URL_BLOCKED'],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 422, 'WEBHOOK_URL_BLOCKED'],
      [{ url: 'http://[::1]:8080/hook' }, 422, 'WEBHOOK_URL_BLOCKED'],
      [{ url: rx.url('/ok'), eventTypes: ['document.nope'] }, 400, 'VALIDATION_FAILED'],
      [{ url: rx.url('/ok'), eventTypes: [] }, 400, 'VALIDATION_FAILED'],
      [{ url: rx.url('/ok'), headers: { 'webhook-signature': 'forged' } }, 400, 'VALIDATION_FAILED'],
      [{ url: rx.url('/ok'), headers: { 'X-Bad': 'line\r\nInjected: yes' } }, 400, 'VALIDATION_FAILED'],
      [{ url: rx.url('/ok'), rateLimitPerSecond: 0 }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await h.call('POST', '/api/v1/webhooks/endpoints', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.code, JSON.stringify(body)).toBe(code);
    }
    const bad = await h.call('POST', `/api/v1/webhooks/endpoints/${endpoint.id}/recover`, {
      since: '2026-12-05T10:00:00Z',
      until: '2026-12-01T10:00:00Z',
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await h.call('GET', '/api/v1/webhooks/endpoints/not-a-uuid')).status).toBe(400);
    expect((await h.call('GET', '/api/v1/webhooks/attempts?cursor=forged')).body.code).toBe('INVALID_CURSOR');
    const after = (await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints'))[0]!.n;
    expect(after).toBe(before);
  });

  it('disabling by hand fails what waited; enabling starts afresh; deleting removes the log', async () => {
    const ep = await h.createEndpoint({ url: rx.url('/toggle') });
    const off = await h.call('PATCH', `/api/v1/webhooks/endpoints/${ep.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'manual' });
    expect((await h.call('POST', `/api/v1/webhooks/endpoints/${ep.id}/test`, {})).body.code).toBe(
      'WEBHOOK_ENDPOINT_DISABLED',
    );
    const on = await h.call('PATCH', `/api/v1/webhooks/endpoints/${ep.id}`, {
      enabled: true,
      eventTypes: null,
    });
    expect(on.body).toMatchObject({
      enabled: true,
      disabledReason: null,
      failingSince: null,
      eventTypes: null,
    });
    expect((await h.call('DELETE', `/api/v1/webhooks/endpoints/${ep.id}`)).status).toBe(204);
    expect((await h.call('GET', `/api/v1/webhooks/endpoints/${ep.id}`)).status).toBe(404);
  });
});
