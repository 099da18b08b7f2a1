import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';

const PASSWORD = 'correct horse battery';

function cookiesFrom(res: Response) {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    jar.set(name!, value!);
  }
  return jar;
}

describe('sign-in, sessions, CSRF and API keys', () => {
  let server: TestServer;
  let tenantSlug: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ tenantSlug } = await server.seedUser({
      tenantName: 'Despacho Pérez',
      email: 'ana@perez.mx',
      password: PASSWORD,
      role: 'owner',
    }));
  });
  afterAll(() => server.close());

  const login = (email: string, password: string) =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('answers 401 problem+json with a code when no credentials are sent', async () => {
    const res = await fetch(`${server.url}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await json(res);
    expect(body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: expect.any(String) });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('rejects a wrong password without saying whether the email exists, and audits it', async () => {
    const wrong = await login('ana@perez.mx', 'nope');
    const unknown = await login('nobody@perez.mx', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await json(wrong)).code).toBe('INVALID_CREDENTIALS');
    expect((await json(unknown)).code).toBe('INVALID_CREDENTIALS');
    const { rows } = await server.ctx.database.pool.query(
      "SELECT action, actor_label FROM audit_events WHERE action = 'auth.login.failed'",
    );
    expect(rows.map((r) => r.actor_label)).toEqual(
      expect.arrayContaining(['ana@perez.mx', 'nobody@perez.mx']),
    );
  });

  it('rejects invalid input with the field that is wrong', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', password: '' }),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  it('signs in with an httpOnly session cookie and requires the CSRF token on writes', async () => {
    const res = await login('ANA@perez.mx', PASSWORD);
    expect(res.status).toBe(200);
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('boveda_session='))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith('boveda_session='))).toMatch(/SameSite=Lax/);
    expect(setCookies.find((c) => c.startsWith('boveda_csrf='))).not.toMatch(/HttpOnly/);
    const jar = cookiesFrom(res);
    const cookie = `boveda_session=${jar.get('boveda_session')}; boveda_csrf=${jar.get('boveda_csrf')}`;

    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    expect(await json(me)).toMatchObject({
      user: { email: 'ana@perez.mx' },
      tenant: { slug: tenantSlug },
      role: 'owner',
      apiKey: null,
    });

    const body = JSON.stringify({ name: 'ERP', role: 'member' });
    const forged = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(forged.status).toBe(403);
    expect((await json(forged)).code).toBe('CSRF_FAILED');

    const created = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': jar.get('boveda_csrf')! },
      body,
    });
    expect(created.status).toBe(201);
    const key = await json(created);
    expect(key.key).toMatch(/^bov_live_[A-Za-z0-9]{8}_/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(key.createdBy).toMatchObject({ email: 'ana@perez.mx' });

    // The key is only ever shown at creation: not in lists, not in the database.
    const list = await json(fetch(`${server.url}/api/v1/api-keys`, { headers: { cookie } }));
    expect(JSON.stringify(list)).not.toContain(key.key);
    const { rows } = await server.ctx.database.pool.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(key.key);

    const logout = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': jar.get('boveda_csrf')! },
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('authenticates API keys, records last use, and stops accepting a revoked key at once', async () => {
    const { id, key } = await server.createApiKey(tenantSlug, 'admin');
    const auth = { authorization: `Bearer ${key}` };
    const me = await json(fetch(`${server.url}/api/v1/me`, { headers: auth }));
    expect(me).toMatchObject({ user: null, apiKey: { id }, role: 'admin' });
    const one = await json(fetch(`${server.url}/api/v1/api-keys/${id}`, { headers: auth }));
    expect(one.lastUsedAt).not.toBeNull();
    expect(one.key).toBeUndefined();

    const revoke = await fetch(`${server.url}/api/v1/api-keys/${id}`, { method: 'DELETE', headers: auth });
    expect(revoke.status).toBe(204);
    const after = await fetch(`${server.url}/api/v1/me`, { headers: auth });
    expect(after.status).toBe(401);
    expect((await json(after)).code).toBe('INVALID_API_KEY');
  });

  it('enforces roles: a viewer cannot create keys, an admin cannot mint an owner key', async () => {
    const viewer = await server.createApiKey(tenantSlug, 'viewer');
    const asViewer = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${viewer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'viewer' }),
    });
    expect(asViewer.status).toBe(403);
    expect((await json(asViewer)).code).toBe('FORBIDDEN');

    const admin = await server.createApiKey(tenantSlug, 'admin');
    const escalate = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'owner' }),
    });
    expect(escalate.status).toBe(403);
    expect((await json(escalate)).code).toBe('ROLE_ABOVE_OWN');
  });

  it('pages through API keys with a cursor', async () => {
    const { key } = await server.createApiKey(tenantSlug, 'owner');
    for (let i = 0; i < 4; i++) await server.createApiKey(tenantSlug, 'viewer');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await json(
        fetch(`${server.url}/api/v1/api-keys?limit=2${q}`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const { rows } = await server.ctx.database.pool.query('SELECT id FROM api_keys');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('records security events in the audit log, readable through the API', async () => {
    const { key } = await server.createApiKey(tenantSlug, 'admin');
    const page = await json(
      fetch(`${server.url}/api/v1/audit-events?limit=200`, {
        headers: { authorization: `Bearer ${key}` },
      }),
    );
    const actions = new Set(page.items.map((e: { action: string }) => e.action));
    for (const action of [
      'tenant.created',
      'user.created',
      'auth.login.succeeded',
      'auth.login.failed',
      'api_key.created',
      'api_key.revoked',
      'auth.logout',
    ]) {
      expect(actions).toContain(action);
    }
    const login = page.items.find((e: { action: string }) => e.action === 'auth.login.succeeded');
    expect(login).toMatchObject({ actorType: 'user', actorLabel: 'ana@perez.mx', ip: '127.0.0.1' });
  });
});
