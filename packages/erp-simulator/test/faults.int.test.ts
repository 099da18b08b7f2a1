import { afterEach, describe, expect, it } from 'vitest';
import { type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { call, INVOICE } from './support/client.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

const counts = { customers: 10, suppliers: 2, purchaseOrders: 2 };

async function inject(fault: Record<string, unknown>) {
  const reply = await call(sim, '/__admin/faults', { json: fault });
  expect(reply.status).toBe(201);
}

describe('injected faults', () => {
  it('error: the given status for `count` calls of that operation only, then normal service', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: 'pull', kind: 'error', status: 503, count: 2 });
    expect((await call(sim, '/api/invoices', { json: INVOICE })).status).toBe(201);
    const failed = await call(sim, '/api/customers');
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('injected_error');
    expect((await call(sim, '/api/customers')).status).toBe(503);
    expect((await call(sim, '/api/customers')).status).toBe(200);
    expect((await call(sim, '/__admin/faults')).body.faults).toEqual([]);
  });

  it('throttle: 429 with Retry-After', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: 'push', kind: 'throttle', retryAfter: 7 });
    const throttled = await call(sim, '/api/invoices', { json: INVOICE });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(sim.received()).toHaveLength(0);
    expect((await call(sim, '/api/invoices', { json: INVOICE })).status).toBe(201);
  });

  it('hang: no answer until the client times out; close() still returns', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: '*', kind: 'hang' });
    const started = Date.now();
    await expect(call(sim, '/api/customers', { timeoutMs: 300 })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await call(sim, '/api/customers', { timeoutMs: 2000 })).status).toBe(200);
  });

  it('latency: the normal answer, later', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: 'pull', kind: 'latency', ms: 200 });
    const started = Date.now();
    expect((await call(sim, '/api/customers')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('drop: the socket closes with no answer', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: 'pull', kind: 'drop' });
    await expect(call(sim, '/api/customers')).rejects.toThrow();
    expect((await call(sim, '/api/customers')).status).toBe(200);
    const log = (await call(sim, '/__admin/requests')).body.requests;
    expect(log[0]).toMatchObject({ fault: 'drop', outcome: 'dropped', status: null });
    expect(log[1]).toMatchObject({ fault: null, outcome: 'answered', status: 200 });
  });

  it('drop after commit: the push is stored, the answer lost; the retry with the key gets the same id', async () => {
    sim = await startErpSimulator({ counts });
    await inject({ operation: 'push', kind: 'drop', when: 'after' });
    const headers = { 'Idempotency-Key': 'retry-me' };
    await expect(call(sim, '/api/invoices', { json: INVOICE, headers })).rejects.toThrow();
    expect(sim.received()).toHaveLength(1);
    const retry = await call(sim, '/api/invoices', { json: INVOICE, headers });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(sim.received()[0]!.id);
    expect(sim.received()).toHaveLength(1);
  });

  it('token faults hit only POST /oauth/token; bad fault bodies are refused', async () => {
    sim = await startErpSimulator({ counts, auth: { type: 'oauth2', clientId: 'c', clientSecret: 's' } });
    await inject({ operation: 'token', kind: 'error', status: 500 });
    const form = { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' };
    expect((await call(sim, '/oauth/token', { form })).status).toBe(500);
    expect((await call(sim, '/oauth/token', { form })).status).toBe(200);
    expect(
      (await call(sim, '/__admin/faults', { json: { operation: 'push', kind: 'explode' } })).status,
    ).toBe(400);
    expect((await call(sim, '/__admin/faults', { json: { operation: 'nope', kind: 'drop' } })).status).toBe(
      400,
    );
    await inject({ operation: '*', kind: 'error', count: 5 });
    expect((await call(sim, '/__admin/faults', { method: 'DELETE' })).body.faults).toEqual([]);
    expect((await call(sim, '/oauth/token', { form })).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past rateLimitPerSecond, and serves again in the next second', async () => {
    sim = await startErpSimulator({ counts, rateLimitPerSecond: 5 });
    const replies = await Promise.all(Array.from({ length: 8 }, () => call(sim, '/api/customers')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const limited = replies.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error.code).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await call(sim, '/api/customers')).status).toBe(200);
    // The admin API is never limited.
    expect((await call(sim, '/__admin/state')).status).toBe(200);
  });
});
