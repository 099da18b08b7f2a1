import { afterEach, describe, expect, it } from 'vitest';
import { type RunningFacturifySimulator, startFacturifySimulator } from '../src/index.js';
import { CREDENTIALS, call, invoice, login } from './support/client.js';

let sim: RunningFacturifySimulator;
afterEach(() => sim?.close());

const inject = async (fault: Record<string, unknown>) =>
  expect((await call(sim, '/__admin/faults', { json: fault })).status).toBe(201);

describe('faults', () => {
  it('error: Facturify-shaped bodies for `count` calls of one operation (401 → code 51), then normal', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    await inject({ operation: 'factura.list', kind: 'error', status: 401, count: 2 });
    expect((await call(sim, '/api/v1/empresa', { token })).status).toBe(200);
    const failed = await call(sim, '/api/v1/factura', { token });
    expect(failed.status).toBe(401);
    expect(failed.body).toEqual({ message: 'Token has expired', code: '51' });
    expect((await call(sim, '/api/v1/factura', { token })).status).toBe(401);
    expect((await call(sim, '/api/v1/factura', { token })).status).toBe(200);
    await inject({ operation: 'auth', kind: 'error', status: 503, body: { message: 'mantenimiento' } });
    expect((await call(sim, '/api/v1/auth', { json: CREDENTIALS })).body).toEqual({
      message: 'mantenimiento',
    });
    await inject({ operation: 'refresh', kind: 'throttle', retryAfter: 7 });
    const throttled = await call(sim, '/api/v1/token/refresh', { method: 'POST', token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
  });

  it('hang, latency and drop; drop after commit: the refresh happened (old token blacklisted) but the answer was lost', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    await inject({ operation: '*', kind: 'hang' });
    await expect(call(sim, '/api/v1/empresa', { token, timeoutMs: 200 })).rejects.toThrow(/timeout|abort/i);
    await inject({ operation: 'validate', kind: 'latency', ms: 150 });
    const started = Date.now();
    expect((await call(sim, '/api/v1/token/validate', { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.addFault({ operation: 'refresh', kind: 'drop', when: 'after' });
    await expect(call(sim, '/api/v1/token/refresh', { method: 'POST', token })).rejects.toThrow();
    expect(sim.blacklist()).toHaveLength(1);
    expect((await call(sim, '/api/v1/empresa', { token })).body.message).toBe(
      'The token has been blacklisted',
    );
    const log = (await call(sim, '/__admin/requests')).body.requests;
    expect(log.find((r: { operation: string }) => r.operation === 'refresh')).toMatchObject({
      fault: 'drop',
      outcome: 'dropped',
    });
    await inject({ operation: 'factura.create', kind: 'error', status: 500, when: 'after' });
    expect((await call(sim, '/api/v1/factura', { json: invoice(), token: await login(sim) })).status).toBe(
      500,
    );
    expect(sim.invoices()).toHaveLength(1); // stamped although the answer was a 500
  });

  it('refuses bad faults; DELETE clears them', async () => {
    sim = await startFacturifySimulator();
    for (const bad of [
      { operation: 'nope', kind: 'error' },
      { operation: 'auth', kind: 'explode' },
      { operation: 'auth', kind: 'stamp_error' },
      { operation: 'auth', kind: 'error', status: 200 },
    ])
      expect((await call(sim, '/__admin/faults', { json: bad })).status).toBe(400);
    expect(() => sim.addFault({ operation: 'auth', kind: 'async' })).toThrow(RangeError);
    await inject({ operation: '*', kind: 'error', count: 5 });
    expect((await call(sim, '/__admin/faults', { method: 'DELETE' })).body.faults).toEqual([]);
  });
});

describe('admin API', () => {
  it('GET /__admin/calls counts every operation (zeros included); reset clears counts, tokens and invoices', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    await call(sim, '/api/v1/token/refresh', { method: 'POST', token });
    await call(sim, '/api/v1/token/refresh', { method: 'POST', token });
    await call(sim, '/api/v1/factura', { json: invoice(), token: await login(sim) });
    const calls = (await call(sim, '/__admin/calls')).body;
    expect(calls).toMatchObject({
      auth: 2,
      refresh: 2,
      validate: 0,
      'factura.create': 1,
      'factura.cancel': 0,
    });
    expect(Object.keys(calls)).toHaveLength(15);
    expect((await call(sim, '/__admin/invoices')).body.invoices).toHaveLength(1);
    expect((await call(sim, '/__admin/tokens')).body.tokens).toHaveLength(3);
    await call(sim, '/__admin/reset', { method: 'POST' });
    expect(Object.values((await call(sim, '/__admin/calls')).body).every((n) => n === 0)).toBe(true);
    expect(sim.invoices()).toHaveLength(0);
    expect(sim.blacklist()).toHaveLength(0);
    expect(sim.empresas()).toHaveLength(1);
  });

  it('the clock: advance and set (JWT times follow it); state; seeding empresas; unknown routes', async () => {
    sim = await startFacturifySimulator({ now: new Date('2026-01-01T00:00:00Z'), tokenTtlSeconds: 60 });
    const token = await login(sim);
    const advanced = await call(sim, '/__admin/clock', { json: { advance: 61 } });
    expect(Date.parse(advanced.body.now)).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:01:01Z'));
    const expired = await call(sim, '/api/v1/token/validate', { token });
    expect(expired.body.code).toBe('51');
    expect(Date.parse(expired.headers.get('date')!)).toBeGreaterThanOrEqual(
      Date.parse('2026-01-01T00:01:01Z'),
    );
    const set = await call(sim, '/__admin/clock', { json: { now: '2026-01-01T00:00:30Z' } });
    expect(set.body.now.slice(0, 19)).toBe('2026-01-01T00:00:30');
    expect((await call(sim, '/api/v1/token/validate', { token })).status).toBe(200);
    const state = (await call(sim, '/__admin/state')).body;
    expect(state).toMatchObject({
      environment: 'sandbox',
      tokens: { ttl_seconds: 60, expires_in_unit: 'minutes', blacklist_grace_seconds: 0 },
      stamping: { mode: 'sync', cancellation: 'sat-rules' },
    });
    const added = await call(sim, '/__admin/empresas', {
      json: { rfc: 'AAA010101AAA', razon_social: 'OTRA', cp: '01000', series: ['B'] },
    });
    expect(added.status).toBe(201);
    const list = await call(sim, '/api/v1/empresa?search=otra', { token });
    expect(list.body).toMatchObject({ total: 1, data: [{ rfc: 'AAA010101AAA', series: ['B'] }] });
    expect((await call(sim, '/api/v1/nothing', { token })).status).toBe(404);
    const wrong = await call(sim, '/api/v1/auth');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await call(sim, '/__admin/nothing')).status).toBe(404);
  });
});
