import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../../test/support/prometheus.js';
import { publishFailedDocuments } from './testing/document-events.js';
import { type Receiver, startReceiver } from './testing/receiver.js';
import { startWebhooksHarness, type WebhooksHarness, waitFor } from './testing/webhooks-harness.js';

type Json = Record<string, unknown>;

describe('webhook delivery: Standard Webhooks signatures, retries, failures that never block others', () => {
  let h: WebhooksHarness;
  let rx: Receiver;
  beforeAll(async () => {
    h = await startWebhooksHarness({ WEBHOOK_ALERT_AFTER_FAILURES: '3' });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await h?.close();
  });

  /** An inbox failure, published as the inbox does: in a transaction, through the outbox. */
  const documentFails = (tenantId: string, fileName = `f-${randomUUID()}.pdf`) =>
    h.server.ctx.database.transaction((tx) =>
      publishFailedDocuments(h.server.ctx.events, tx, tenantId, [fileName]),
    );

  it('delivers a signed event that the official standardwebhooks library verifies unchanged', async () => {
    rx.behaviours['/ok'] = () => ({ status: 204 });
    const ep = await h.createEndpoint({
      url: rx.url('/ok'),
      description: 'ERP',
      headers: { 'X-Erp-Token': 'erp-token-123' },
    });
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await documentFails(h.tenantA, 'factura-1.pdf');
    const got = await waitFor(() => rx.to('/ok')[0]);
    const payload = new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>) as Json;
    expect(payload).toMatchObject({
      type: 'document.failed',
      version: 1,
      data: {
        fileName: 'factura-1.pdf',
        total: '1160.00',
        issuer: { rfc: 'EKU9003173C9', name: null },
        error: { code: 'EXTRACTION_UNREADABLE' },
      },
    });
    expect(got.headers['webhook-id']).toBe(payload.id);
    expect(got.headers['x-erp-token']).toBe('erp-token-123');
    expect(got.headers['content-type']).toBe('application/json');
    // A tampered body fails verification: the check above is not vacuous.
    expect(() =>
      new Webhook(ep.secret).verify(`${got.body} `, got.headers as Record<string, string>),
    ).toThrow();
    const [attempt] = await waitFor(async () => {
      const list = await h.attempts(ep.id);
      return list.length > 0 && list;
    });
    expect(attempt).toMatchObject({
      outcome: 'succeeded',
      responseStatus: 204,
      attempt: 1,
      trigger: 'scheduled',
    });
  });

  it('keeps the endpoint’s own credentials and our signature out of the log when a receiver echoes them', async () => {
    rx.behaviours['/echo'] = (_n, req) => ({ status: 400, body: JSON.stringify(req.headers) });
    const ep = await h.createEndpoint({
      url: rx.url('/echo'),
      eventTypes: ['document.failed'],
      headers: { 'X-Api-Key': 'erp-key-that-must-not-leak' },
    });
    await documentFails(h.tenantA);
    const [attempt] = await waitFor(async () => {
      const list = await h.attempts(ep.id);
      return list.length > 0 && list;
    });
    const excerpt = attempt!.responseExcerpt as string;
    expect(excerpt).toContain('webhook-id');
    expect(excerpt).not.toContain('erp-key-that-must-not-leak');
    expect(excerpt).not.toMatch(/v1,[A-Za-z0-9+/]{20}/);
    expect(excerpt).toContain('[redactado]');
    await h.call('PATCH', `/api/v1/webhooks/endpoints/${ep.id}`, { enabled: false });
  });

  it('retries on schedule with the same webhook-id until the receiver answers', async () => {
    rx.behaviours['/flaky'] = (n) => (n <= 2 ? { status: 500, body: 'boom' } : { status: 200, body: 'ok' });
    const ep = await h.createEndpoint({ url: rx.url('/flaky'), eventTypes: ['document.failed'] });
    const counted = async () => parseExposition((await h.server.ctx.metrics.render()).body);
    const before = await counted();
    await documentFails(h.tenantA);
    await waitFor(() => rx.to('/flaky').length >= 3 && true);
    const ids = new Set(rx.to('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const attempts = await waitFor(async () => {
      const list = await h.attempts(ep.id);
      return list.length === 3 && list;
    });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.responseStatus])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'succeeded', 200],
    ]);
    expect(attempts[0]).toMatchObject({ responseExcerpt: 'boom', errorCode: 'HTTP_STATUS' });
    // The process's metrics counted each attempt by its verdict (other endpoints may add to them).
    const after = await counted();
    const delta = (result: string) =>
      sampleValue(after, 'boveda_webhook_deliveries_total', { result }) -
      sampleValue(before, 'boveda_webhook_deliveries_total', { result });
    expect(delta('retry')).toBeGreaterThanOrEqual(2);
    expect(delta('succeeded')).toBeGreaterThanOrEqual(1);
    const messages = await h.call('GET', `/api/v1/webhooks/messages?endpointId=${ep.id}`);
    expect(messages.body.items?.[0]).toMatchObject({
      eventType: 'document.failed',
      deliveries: [{ endpointId: ep.id, status: 'succeeded', attempts: 3 }],
    });
  });

  it('sends only the types an endpoint subscribed to, and only its organization’s events', async () => {
    const ep = await h.createEndpoint({ url: rx.url('/only-processed'), eventTypes: ['document.processed'] });
    const other = await h.createEndpoint({ url: rx.url('/tenant-b') }, h.keys.otherAdmin);
    await documentFails(h.tenantA);
    await documentFails(h.tenantA);
    // A later event of B proves the fan-out ran past A's.
    await documentFails(h.tenantB, 'de-b.pdf');
    const got = await waitFor(() => rx.to('/tenant-b')[0]);
    expect(JSON.parse(got.body).data.fileName).toBe('de-b.pdf');
    expect(rx.to('/tenant-b')).toHaveLength(1);
    expect(rx.to('/only-processed')).toHaveLength(0);
    expect(await h.attempts(ep.id)).toEqual([]);
    expect(other.id).not.toBe(ep.id);
  });

  it('treats a redirect as a failure and never follows it', async () => {
    rx.behaviours['/moved'] = () => ({ status: 302, headers: { location: rx.url('/target') } });
    const ep = await h.createEndpoint({ url: rx.url('/moved'), eventTypes: ['document.failed'] });
    await documentFails(h.tenantA);
    const [first] = await waitFor(async () => {
      const list = await h.attempts(ep.id);
      return list.length > 0 && list;
    });
    expect(first).toMatchObject({ outcome: 'failed', responseStatus: 302, errorCode: 'REDIRECT' });
    expect(rx.to('/target')).toHaveLength(0);
    await h.call('PATCH', `/api/v1/webhooks/endpoints/${ep.id}`, { enabled: false });
  });

  it('keeps delivering to healthy endpoints while one hangs and another answers gigabytes', async () => {
    rx.behaviours['/hang'] = () => ({ hang: true });
    rx.behaviours['/huge'] = () => ({ huge: 1024 * 1024 * 1024 });
    const hang = await h.createEndpoint({ url: rx.url('/hang'), eventTypes: ['document.failed'] });
    const huge = await h.createEndpoint({ url: rx.url('/huge'), eventTypes: ['document.failed'] });
    const fine = await h.createEndpoint({ url: rx.url('/fine'), eventTypes: ['document.failed'] });
    for (let i = 0; i < 5; i++) await documentFails(h.tenantA);
    await waitFor(() => rx.to('/fine').length >= 5 && true);
    const hugeAttempts = await waitFor(async () => {
      const list = await h.attempts(huge.id);
      return list.length >= 5 && list;
    });
    // The status counted; the body was cut at 1 KiB and the connection closed.
    expect(
      hugeAttempts.every((a) => a.outcome === 'succeeded' && (a.responseExcerpt as string).length <= 1024),
    ).toBe(true);
    const hung = await waitFor(async () => {
      const list = await h.attempts(hang.id);
      return list.length > 0 && list;
    });
    expect(hung[0]).toMatchObject({ outcome: 'failed', errorCode: 'TIMEOUT', responseStatus: null });
    await h.call('PATCH', `/api/v1/webhooks/endpoints/${hang.id}`, { enabled: false });
  });

  it('disables an endpoint that answers 410 Gone and fails what waited for it', async () => {
    rx.behaviours['/gone'] = () => ({ status: 410 });
    const ep = await h.createEndpoint({ url: rx.url('/gone'), eventTypes: ['document.failed'] });
    await documentFails(h.tenantA);
    const after = await waitFor(async () => {
      const res = await h.call('GET', `/api/v1/webhooks/endpoints/${ep.id}`);
      return res.body.enabled === false && res.body;
    });
    expect(after).toMatchObject({ disabledReason: 'gone' });
    expect(rx.to('/gone')).toHaveLength(1);
    const events = await h.sql<{ payload: Json }>(
      "SELECT payload FROM domain_events WHERE type = 'webhooks.endpoint.disabled' AND payload->>'endpointId' = $1",
      [ep.id],
    );
    expect(events[0]?.payload).toMatchObject({ reason: 'gone' });
    // The organization's owner is told by e-mail, in Spanish.
    const mail = await h.mail.waitFor(
      (m) => m.subject.includes('se desactivó') && m.text.includes(rx.url('/gone')),
    );
    expect(mail.to).toEqual(['a@example.com']);
    expect(mail.text).toContain('410 Gone');
    // Later events are not sent to it.
    await documentFails(h.tenantA);
    await new Promise((r) => setTimeout(r, 500));
    expect(rx.to('/gone')).toHaveLength(1);
  });

  it('gives up after the schedule, tells admins, and a manual recover delivers everything once it is back', async () => {
    let up = false;
    rx.behaviours['/down'] = () => (up ? { status: 200 } : { status: 503 });
    const ep = await h.createEndpoint({ url: rx.url('/down'), eventTypes: ['document.failed'] });
    const since = new Date(Date.now() - 1000).toISOString();
    await documentFails(h.tenantA, 'down-1.pdf');
    await documentFails(h.tenantA, 'down-2.pdf');
    // The harness's schedule of three retries (doubled for 503): four attempts each, then failed.
    const failed = await waitFor(async () => {
      const res = await h.call('GET', `/api/v1/webhooks/messages?endpointId=${ep.id}&status=failed`);
      return (res.body.items?.length ?? 0) === 2 && res.body.items;
    }, 30_000);
    expect(failed.every((m: Json) => (m.deliveries as Json[])[0]!.attempts === 4)).toBe(true);
    const failing = await h.sql(
      "SELECT 1 FROM domain_events WHERE type = 'webhooks.endpoint.failing' AND payload->>'endpointId' = $1",
      [ep.id],
    );
    expect(failing).toHaveLength(1);
    up = true;
    const recovered = await h.call('POST', `/api/v1/webhooks/endpoints/${ep.id}/recover`, { since });
    expect(recovered).toMatchObject({ status: 202, body: { queued: 2 } });
    await waitFor(async () => {
      const res = await h.call('GET', `/api/v1/webhooks/messages?endpointId=${ep.id}&status=succeeded`);
      return (res.body.items?.length ?? 0) === 2;
    });
    const attempts = await h.attempts(ep.id);
    expect(attempts.slice(-2).every((a) => a.trigger === 'manual' && a.outcome === 'succeeded')).toBe(true);
    const back = await h.sql(
      "SELECT 1 FROM domain_events WHERE type = 'webhooks.endpoint.recovered' AND payload->>'endpointId' = $1",
      [ep.id],
    );
    expect(back).toHaveLength(1);
    const url = rx.url('/down');
    await h.mail.waitFor((m) => m.subject.includes('está fallando') && m.text.includes(url));
    await h.mail.waitFor((m) => m.subject.includes('volvió a responder') && m.text.includes(url));
    expect(h.mail.messages.filter((m) => m.text.includes(url))).toHaveLength(2);
  });

  it('signs with the old and the new secret while a rotation overlaps', async () => {
    const ep = await h.createEndpoint({ url: rx.url('/rotating'), eventTypes: ['document.failed'] });
    const rotated = await h.call('POST', `/api/v1/webhooks/endpoints/${ep.id}/secret/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(ep.secret);
    await documentFails(h.tenantA);
    const got = await waitFor(() => rx.to('/rotating')[0]);
    expect((got.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    for (const secret of [ep.secret, fresh])
      expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toBeTruthy();
  });

  it('enforces an endpoint’s rate limit', async () => {
    const ep = await h.createEndpoint({
      url: rx.url('/throttled'),
      eventTypes: ['document.failed'],
      rateLimitPerSecond: 4,
    });
    await h.server.ctx.database.transaction((tx) =>
      publishFailedDocuments(
        h.server.ctx.events,
        tx,
        h.tenantA,
        Array.from({ length: 12 }, (_, i) => `t-${i}.pdf`),
      ),
    );
    const attempts = await waitFor(async () => {
      const list = await h.attempts(ep.id);
      return list.length === 12 && list;
    });
    // Granted per second of the database clock (a fixed window): an attempt granted at the end of one
    // second may start in the next, so a clock second can see at most twice the limit, and twelve
    // attempts at 4/s span three database seconds: more than one second from first to last.
    const starts = attempts.map((a) => Date.parse(a.at as string)).sort((x, y) => x - y);
    const perSecond = new Map<number, number>();
    for (const t of starts)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(8);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(1000);
  });
});

describe('an endpoint whose every attempt fails for the whole disable period', () => {
  let h: WebhooksHarness;
  let rx: Receiver;
  beforeAll(async () => {
    // Five days in production; one second here.
    h = await startWebhooksHarness({
      WEBHOOK_DISABLE_AFTER_SECONDS: '1',
      WEBHOOK_RETRY_SCHEDULE: '0.5,0.5,0.5,0.5',
    });
    rx = await startReceiver({ '/broken': () => ({ status: 500 }) });
  });
  afterAll(async () => {
    await rx?.close();
    await h?.close();
  });

  it('is disabled, its admins are told, and a person can enable it again', async () => {
    const ep = await h.createEndpoint({ url: rx.url('/broken') });
    await h.server.ctx.database.transaction((tx) =>
      publishFailedDocuments(h.server.ctx.events, tx, h.tenantA, ['x.pdf']),
    );
    const disabled = await waitFor(async () => {
      const res = await h.call('GET', `/api/v1/webhooks/endpoints/${ep.id}`);
      return res.body.enabled === false && res.body;
    });
    expect(disabled).toMatchObject({ disabledReason: 'failing' });
    expect(disabled.failingSince).toEqual(expect.any(String));
    const mail = await h.mail.waitFor((m) => m.subject.includes('se desactivó'));
    expect(mail.text).toContain('durante 5 días');
    // What waited for it failed with the endpoint; nothing is attempted any more.
    const waiting = await h.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'",
      [ep.id],
    );
    expect(waiting[0]!.n).toBe(0);
    const enabled = await h.call('PATCH', `/api/v1/webhooks/endpoints/${ep.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, failingSince: null, disabledReason: null });
  });
});
