import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../test/support/http.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { createLogger } from '../platform/logging/index.js';

describe('HTTP platform behaviour of the assembled app', () => {
  let server: TestServer;
  const captured: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        captured.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({
      logger: createLogger({ level: 'debug', destination: sink }),
      env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' },
    });
  });
  afterAll(() => server.close());

  it('answers liveness and readiness', async () => {
    expect(await json(fetch(`${server.url}/health`))).toEqual({ status: 'ok' });
    expect(await json(fetch(`${server.url}/ready`))).toMatchObject({
      status: 'ready',
      checks: { database: { status: 'ok' }, jobs: { status: 'ok' }, storage: { status: 'ok' } },
    });
  });

  it('documents every API route in OpenAPI 3.1 and serves Swagger UI', async () => {
    const doc = await json(fetch(`${server.url}/docs/json`));
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(Object.keys(doc.paths));
    const routes = server.app.registeredRoutes.map((r) => r.url).filter((url) => url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(documented).toContain(route.replace(/:(\w+)/g, '{$1}'));
    const ui = await fetch(`${server.url}/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('sends security headers and a request id on every answer', async () => {
    const res = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const unsafe = await fetch(`${server.url}/health`, { headers: { 'x-request-id': '<script>' } });
    expect(unsafe.headers.get('x-request-id')).not.toContain('<');
  });

  it('answers unknown API routes and malformed bodies with problem+json, never a stack', async () => {
    const missing = await fetch(`${server.url}/api/v1/nope`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
    const bad = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it('rate-limits sign-in attempts with a 429 problem', async () => {
    const attempt = () =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'x@y.mx', password: 'guess' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    expect(statuses).toContain(429);
    const limited = await attempt();
    expect(await json(limited)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('keeps planted secrets out of the logs', async () => {
    const password = 'Planted-Password-9f3a';
    const { tenantSlug } = await server.seedUser({
      tenantName: 'Logs',
      email: 'logs@x.mx',
      password,
      role: 'owner',
    });
    const { key } = await server.createApiKey(tenantSlug, 'admin');
    await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}x` } });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `boveda_session=${password}` },
      body: JSON.stringify({ email: 'logs@x.mx', password }),
    });
    const session = login.headers.getSetCookie().join(';');
    const logs = captured.join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(key);
    for (const cookie of session.match(/boveda_(?:session|csrf)=([^;]+)/g) ?? []) {
      expect(logs).not.toContain(cookie.split('=')[1]);
    }
  });
});
