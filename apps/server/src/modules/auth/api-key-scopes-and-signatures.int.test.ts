import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json } from '../../../test/support/http.js';
import { connectTestRedis, type TestRedis } from '../../../test/support/redis.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import type { HttpAppOptions } from '../../app/http-app.js';
import { createLogger } from '../../platform/logging/index.js';
import { signRequest } from './request-signature.js';

const PASSWORD = 'correct horse battery';

/**
 * Routes standing in for the orders module's (which will declare `guard(role, { scope })` the
 * same way): one read, one write with a JSON body.
 */
const scopedRoutes: HttpAppOptions['routes'] = (app, { guard }) => {
  app.get(
    '/api/v1/test-scoped/orders',
    {
      schema: {
        operationId: 'testListOrders',
        summary: 'test only',
        querystring: z.object({ q: z.string().optional() }),
        response: { 200: z.object({ ok: z.literal(true), q: z.string().nullable() }) },
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => ({ ok: true as const, q: req.query.q ?? null }),
  );
  app.post(
    '/api/v1/test-scoped/orders',
    {
      schema: {
        operationId: 'testCreateOrder',
        summary: 'test only',
        body: z.object({ sku: z.string(), quantity: z.number() }),
        response: { 201: z.object({ sku: z.string(), quantity: z.number() }) },
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req, reply) => reply.status(201).send(req.body),
  );
};

async function signIn(server: TestServer, email: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    jar.set(name!, value!);
  }
  return {
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    csrf: jar.get('boveda_csrf')!,
  };
}

describe('API keys: resource scopes and signed requests', () => {
  let server: TestServer;
  const logLines: string[] = [];
  let a: { tenantSlug: string; tenantId: string };
  let b: { tenantSlug: string; tenantId: string };
  let owner: { cookie: string; csrf: string };
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      routes: scopedRoutes,
      logger: createLogger({
        level: 'debug',
        destination: { write: (line: string) => void logLines.push(line) },
      }),
    });
    a = await server.seedUser({
      tenantName: 'Almacén A',
      email: 'owner@a.mx',
      password: PASSWORD,
      role: 'owner',
    });
    for (const role of ['admin', 'member', 'viewer'] as const) {
      await server.ctx.services.tenants.addUser(
        a.tenantId,
        { email: `${role}@a.mx`, password: PASSWORD, role },
        { type: 'system', label: 'test' },
      );
    }
    b = await server.seedUser({
      tenantName: 'Almacén B',
      email: 'owner@b.mx',
      password: PASSWORD,
      role: 'owner',
    });
    owner = await signIn(server, 'owner@a.mx');
  });
  afterAll(() => server.close());

  const call = (
    path: string,
    init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });

  /** A request signed with `secret` (overrides let a test tamper with one part after signing). */
  const signed = (
    key: { key: string; signingSecret: string },
    method: string,
    path: string,
    body?: string,
    opts: { timestamp?: number; nonce?: string; sendPath?: string; sendBody?: string } = {},
  ) => {
    const headers = signRequest({
      secret: key.signingSecret,
      method,
      pathWithQuery: path,
      ...(body !== undefined ? { body } : {}),
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
      ...(opts.nonce ? { nonce: opts.nonce } : {}),
    });
    const sendBody = opts.sendBody ?? body;
    return call(opts.sendPath ?? path, {
      method,
      key: key.key,
      headers,
      ...(sendBody !== undefined ? { body: sendBody } : {}),
    });
  };

  describe('resource scopes', () => {
    it('creates a key with resource scopes over the API, with a signing secret shown once', async () => {
      const res = await call('/api/v1/api-keys', {
        method: 'POST',
        body: { name: 'Almacén', role: 'member', scopes: ['orders:read', 'orders:write'] },
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(res.status).toBe(201);
      const created = await json(res);
      expect(created).toMatchObject({ scopes: ['orders:read', 'orders:write'], role: 'member' });
      expect(created.signingSecret).toMatch(/^bsk_[A-Za-z0-9_-]{43}$/);
      expect(created.signingSecretCreatedAt).toEqual(expect.any(String));
      secretsSeen.push(created.signingSecret, created.key);
      const bad = await call('/api/v1/api-keys', {
        method: 'POST',
        body: { name: 'x', role: 'member', scopes: ['orders:delete'] },
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(bad.status).toBe(400);
      expect((await json(bad)).code).toBe('VALIDATION_FAILED');
    });

    it('lets a key restricted to orders:read call only routes declaring orders:read', async () => {
      const key = await server.createApiKey(a.tenantSlug, 'admin', ['orders:read']);
      secretsSeen.push(key.key, key.signingSecret);
      const allowed = await call('/api/v1/test-scoped/orders', { key: key.key });
      expect(allowed.status).toBe(200);

      const other = await call('/api/v1/api-keys', { key: key.key });
      expect(other.status).toBe(403);
      const problem = await json(other);
      expect(problem).toMatchObject({ code: 'API_KEY_SCOPE_MISSING', status: 403 });
      expect(problem.params).toBeUndefined();
      // Even /me and its role's reach: the key is restricted to what declares its scope.
      expect((await json(call('/api/v1/me', { key: key.key }))).code).toBe('API_KEY_SCOPE_MISSING');

      const write = await call('/api/v1/test-scoped/orders', {
        method: 'POST',
        key: key.key,
        body: { sku: 'A-1', quantity: 2 },
      });
      expect(write.status).toBe(403);
      expect(await json(write)).toMatchObject({
        code: 'API_KEY_SCOPE_MISSING',
        params: { requiredScope: 'orders:write' },
      });
    });

    it('keeps the role rule for scoped keys, and leaves unrestricted keys, sessions and pac:token alone', async () => {
      const viewerWrite = await server.createApiKey(a.tenantSlug, 'viewer', ['orders:write']);
      const res = await call('/api/v1/test-scoped/orders', {
        method: 'POST',
        key: viewerWrite.key,
        body: { sku: 'A-1', quantity: 1 },
      });
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('FORBIDDEN');

      const plain = await server.createApiKey(a.tenantSlug, 'member');
      const power = await server.createApiKey(a.tenantSlug, 'member', ['pac:token']);
      for (const key of [plain, power]) {
        expect((await call('/api/v1/test-scoped/orders', { key: key.key })).status).toBe(200);
        expect((await call('/api/v1/me', { key: key.key })).status).toBe(200);
      }
      const session = await call('/api/v1/test-scoped/orders', { headers: { cookie: owner.cookie } });
      expect(session.status).toBe(200);
    });

    it('documents the scope an operation takes and the new problem codes', async () => {
      const doc = await json(call('/docs/json'));
      const op = doc.paths['/api/v1/test-scoped/orders'].post;
      expect(op.security).toEqual([{ apiKey: ['orders:write'] }, { session: [] }]);
      expect(op.description).toContain('orders:write');
      expect(
        op.responses['403'].content['application/problem+json'].schema.allOf[1].properties.code.enum,
      ).toContain('API_KEY_SCOPE_MISSING');
      expect(
        doc.paths['/api/v1/me'].get.responses['401'].content['application/problem+json'].schema.allOf[1]
          .properties.code.enum,
      ).toEqual(expect.arrayContaining(['REQUEST_SIGNATURE_REQUIRED', 'REQUEST_NONCE_REPLAYED']));
    });
  });

  describe('the organization setting', () => {
    it('only admins and owners change it; the change is audited; another organization is unaffected', async () => {
      for (const role of ['member', 'viewer'] as const) {
        const person = await signIn(server, `${role}@a.mx`);
        const res = await call('/api/v1/organization/settings', {
          method: 'PATCH',
          body: { requireSignedRequests: true },
          headers: { cookie: person.cookie, 'x-csrf-token': person.csrf },
        });
        expect(res.status).toBe(403);
        expect((await json(res)).code).toBe('FORBIDDEN');
        const read = await json(
          call('/api/v1/organization/settings', { headers: { cookie: person.cookie } }),
        );
        expect(read).toEqual({ requireSignedRequests: false });
      }
      const bad = await call('/api/v1/organization/settings', {
        method: 'PATCH',
        body: { requireSignedRequests: 'yes' },
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(bad.status).toBe(400);
      expect((await json(bad)).code).toBe('VALIDATION_FAILED');

      const admin = await signIn(server, 'admin@a.mx');
      const res = await call('/api/v1/organization/settings', {
        method: 'PATCH',
        body: { requireSignedRequests: true },
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      });
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ requireSignedRequests: true });
      const { rows } = await server.ctx.database.pool.query(
        "SELECT tenant_id, actor_label, metadata FROM audit_events WHERE action = 'organization.settings.changed'",
      );
      expect(rows).toEqual([
        {
          tenant_id: a.tenantId,
          actor_label: 'admin@a.mx',
          metadata: { changes: { requireSignedRequests: { from: false, to: true } } },
        },
      ]);

      const bKey = await server.createApiKey(b.tenantSlug, 'admin');
      expect(await json(call('/api/v1/organization/settings', { key: bKey.key }))).toEqual({
        requireSignedRequests: false,
      });
      expect((await call('/api/v1/me', { key: bKey.key })).status).toBe(200);
    });
  });

  describe('signed requests (organization A requires them)', () => {
    let key: { id: string; key: string; signingSecret: string };
    beforeAll(async () => {
      await server.ctx.services.tenants.updateSettings(
        a.tenantId,
        { requireSignedRequests: true },
        { type: 'system', label: 'test' },
      );
      key = await server.createApiKey(a.tenantSlug, 'admin');
      secretsSeen.push(key.key, key.signingSecret);
    });

    it('refuses an unsigned request or one missing a header', async () => {
      const res = await call('/api/v1/me', { key: key.key });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('REQUEST_SIGNATURE_REQUIRED');
      const { 'boveda-nonce': _nonce, ...partial } = signRequest({
        secret: key.signingSecret,
        method: 'GET',
        pathWithQuery: '/api/v1/me',
      });
      const missing = await call('/api/v1/me', { key: key.key, headers: partial });
      expect(missing.status).toBe(401);
      expect((await json(missing)).code).toBe('REQUEST_SIGNATURE_REQUIRED');
    });

    it('accepts signed GET (with a query) and POST requests', async () => {
      const get = await signed(key, 'GET', '/api/v1/api-keys?limit=5');
      expect(get.status).toBe(200);
      const body = JSON.stringify({ sku: 'CAJA-01', quantity: 3 });
      const post = await signed(key, 'POST', '/api/v1/test-scoped/orders', body);
      expect(post.status).toBe(201);
      expect(await json(post)).toEqual({ sku: 'CAJA-01', quantity: 3 });
      // The signature covers the exact bytes: spacing and key order are the sender's.
      const spaced = '{ "quantity": 3,\n  "sku": "CAJA-01" }';
      expect((await signed(key, 'POST', '/api/v1/test-scoped/orders', spaced)).status).toBe(201);
      // A base64 signature works as well as hex.
      const headers = signRequest({ secret: key.signingSecret, method: 'GET', pathWithQuery: '/api/v1/me' });
      const hex = headers['boveda-signature']!.slice(3);
      headers['boveda-signature'] = `v1=${Buffer.from(hex, 'hex').toString('base64')}`;
      expect((await call('/api/v1/me', { key: key.key, headers })).status).toBe(200);
    });

    it('refuses a wrong signature, a tampered body, path or query', async () => {
      const expectCode = async (res: Response, code: string) => {
        expect(res.status).toBe(401);
        expect((await json(res)).code).toBe(code);
      };
      await expectCode(
        await signed({ ...key, signingSecret: 'bsk_wrong' }, 'GET', '/api/v1/me'),
        'REQUEST_SIGNATURE_INVALID',
      );
      const body = JSON.stringify({ sku: 'CAJA-01', quantity: 3 });
      await expectCode(
        await signed(key, 'POST', '/api/v1/test-scoped/orders', body, {
          sendBody: JSON.stringify({ sku: 'CAJA-01', quantity: 300 }),
        }),
        'REQUEST_SIGNATURE_INVALID',
      );
      await expectCode(
        await signed(key, 'GET', '/api/v1/test-scoped/orders?q=a', undefined, {
          sendPath: '/api/v1/test-scoped/orders?q=b',
        }),
        'REQUEST_SIGNATURE_INVALID',
      );
      await expectCode(
        await signed(key, 'GET', '/api/v1/test-scoped/orders', undefined, { sendPath: '/api/v1/api-keys' }),
        'REQUEST_SIGNATURE_INVALID',
      );
      // Signed as GET, sent as DELETE.
      const headers = signRequest({
        secret: key.signingSecret,
        method: 'GET',
        pathWithQuery: `/api/v1/api-keys/${key.id}`,
      });
      await expectCode(
        await call(`/api/v1/api-keys/${key.id}`, { method: 'DELETE', key: key.key, headers }),
        'REQUEST_SIGNATURE_INVALID',
      );
      const malformed = await call('/api/v1/me', {
        key: key.key,
        headers: {
          'boveda-timestamp': 'yesterday',
          'boveda-nonce': 'n'.repeat(20),
          'boveda-signature': 'v1=x',
        },
      });
      await expectCode(malformed, 'REQUEST_SIGNATURE_INVALID');
      expect(
        (
          await call(`/api/v1/api-keys/${key.id}`, {
            key: key.key,
            headers: signRequest({
              secret: key.signingSecret,
              method: 'GET',
              pathWithQuery: `/api/v1/api-keys/${key.id}`,
            }),
          })
        ).status,
      ).toBe(200);
    });

    it('signs a multipart upload with UNSIGNED-PAYLOAD in place of the body hash', async () => {
      const upload = (headers: Record<string, string>) => {
        const form = new FormData();
        form.set('note', 'sin archivos');
        return fetch(`${server.url}/api/v1/taxpayers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, ...headers },
          body: form,
        });
      };
      const unsignedPayload = signRequest({
        secret: key.signingSecret,
        method: 'POST',
        pathWithQuery: '/api/v1/taxpayers',
        multipart: true,
      });
      const accepted = await upload(unsignedPayload);
      // Past the guard: the route itself refuses an upload without the e.firma files.
      expect([400, 422]).toContain(accepted.status);
      expect((await json(accepted)).code).not.toMatch(/^REQUEST_/);
      const hashed = signRequest({
        secret: key.signingSecret,
        method: 'POST',
        pathWithQuery: '/api/v1/taxpayers',
      });
      expect((await json(upload(hashed))).code).toBe('REQUEST_SIGNATURE_INVALID');
    });

    it('refuses a timestamp 6 minutes old or ahead, and accepts one 4 minutes old', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const timestamp of [now - 360, now + 360]) {
        const res = await signed(key, 'GET', '/api/v1/me', undefined, { timestamp });
        expect(res.status).toBe(401);
        expect((await json(res)).code).toBe('REQUEST_TIMESTAMP_OUT_OF_WINDOW');
      }
      expect((await signed(key, 'GET', '/api/v1/me', undefined, { timestamp: now - 240 })).status).toBe(200);
    });

    it('refuses a replayed nonce, even with a fresh signature', async () => {
      const headers = signRequest({ secret: key.signingSecret, method: 'GET', pathWithQuery: '/api/v1/me' });
      expect((await call('/api/v1/me', { key: key.key, headers })).status).toBe(200);
      const replay = await call('/api/v1/me', { key: key.key, headers });
      expect(replay.status).toBe(401);
      expect((await json(replay)).code).toBe('REQUEST_NONCE_REPLAYED');
      const again = await signed(key, 'GET', '/api/v1/test-scoped/orders', undefined, {
        nonce: headers['boveda-nonce']!,
      });
      expect((await json(again)).code).toBe('REQUEST_NONCE_REPLAYED');
    });

    it('leaves sessions alone', async () => {
      expect((await call('/api/v1/me', { headers: { cookie: owner.cookie } })).status).toBe(200);
    });

    it('rotates the signing secret: the new one is shown once, the old one stops working', async () => {
      const res = await call(`/api/v1/api-keys/${key.id}/signing-secret`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(res.status).toBe(200);
      const rotated = await json(res);
      expect(rotated.signingSecret).toMatch(/^bsk_/);
      expect(rotated.signingSecret).not.toBe(key.signingSecret);
      secretsSeen.push(rotated.signingSecret);
      const old = await signed(key, 'GET', '/api/v1/me');
      expect((await json(old)).code).toBe('REQUEST_SIGNATURE_INVALID');
      const fresh = { ...key, signingSecret: rotated.signingSecret };
      expect((await signed(fresh, 'GET', '/api/v1/me')).status).toBe(200);
      key = fresh;
      // Another organization's key: 404, and a member cannot rotate (admin+).
      const bKey = await server.createApiKey(b.tenantSlug, 'admin');
      const foreign = await call(`/api/v1/api-keys/${bKey.id}/signing-secret`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(foreign.status).toBe(404);
      const member = await signIn(server, 'member@a.mx');
      const denied = await call(`/api/v1/api-keys/${key.id}/signing-secret`, {
        method: 'POST',
        headers: { cookie: member.cookie, 'x-csrf-token': member.csrf },
      });
      expect(denied.status).toBe(403);
      const { rows } = await server.ctx.database.pool.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'api_key.signing_secret.rotated' AND target_id = $1",
        [key.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('records one secret.decrypted per key and secret version per process, not one per request', async () => {
      for (let i = 0; i < 5; i++) expect((await signed(key, 'GET', '/api/v1/me')).status).toBe(200);
      const { rows } = await server.ctx.database.pool.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'secret.decrypted' AND actor_id = $1",
        [key.id],
      );
      // The first secret and the rotated one: two cache fills.
      expect(rows[0].n).toBe(2);
    });

    it('verifies a signature sent to an organization that does not require it', async () => {
      const bKey = await server.createApiKey(b.tenantSlug, 'admin');
      secretsSeen.push(bKey.key, bKey.signingSecret);
      expect((await call('/api/v1/me', { key: bKey.key })).status).toBe(200);
      expect((await signed(bKey, 'GET', '/api/v1/me')).status).toBe(200);
      const wrong = await signed({ ...bKey, signingSecret: key.signingSecret }, 'GET', '/api/v1/me');
      expect((await json(wrong)).code).toBe('REQUEST_SIGNATURE_INVALID');
    });

    it('never shows a signing secret after creation, in answers or logs', async () => {
      const list = await (await signed(key, 'GET', '/api/v1/api-keys?limit=100')).text();
      const one = await (await signed(key, 'GET', `/api/v1/api-keys/${key.id}`)).text();
      const error = await (await signed({ ...key, signingSecret: 'bsk_wrong' }, 'GET', '/api/v1/me')).text();
      const logs = logLines.join('');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of secretsSeen) {
        for (const text of [list, one, error, logs]) expect(text).not.toContain(secret);
      }
      const { rows } = await server.ctx.database.pool.query(
        "SELECT coalesce(metadata::text, '') AS m FROM audit_events",
      );
      for (const secret of secretsSeen) for (const r of rows) expect(r.m).not.toContain(secret);
    });
  });
});

describe('a replayed nonce across two API processes sharing Redis', async () => {
  const redis: TestRedis | null = await connectTestRedis('the cross-process nonce test');
  let one: TestServer;
  let two: TestServer;
  beforeAll(async () => {
    if (!redis) return;
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix };
    one = await startTestServer({ env });
    two = await startTestServer({
      env: {
        ...env,
        DATABASE_URL: one.ctx.config.env.DATABASE_URL!,
        BOVEDA_MASTER_KEY_FILE: one.ctx.config.masterKeyFile,
      },
    });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await redis?.close();
  });

  it.skipIf(!redis)('is refused by the second process', async () => {
    const t = await one.seedUser({
      tenantName: 'Compartida',
      email: 'o@c.mx',
      password: PASSWORD,
      role: 'owner',
    });
    await one.ctx.services.tenants.updateSettings(
      t.tenantId,
      { requireSignedRequests: true },
      { type: 'system', label: 'test' },
    );
    const key = await one.createApiKey(t.tenantSlug, 'viewer');
    const headers = {
      authorization: `Bearer ${key.key}`,
      ...signRequest({ secret: key.signingSecret, method: 'GET', pathWithQuery: '/api/v1/me' }),
    };
    expect((await fetch(`${one.url}/api/v1/me`, { headers })).status).toBe(200);
    const replay = await fetch(`${two.url}/api/v1/me`, { headers });
    expect(replay.status).toBe(401);
    expect((await json(replay)).code).toBe('REQUEST_NONCE_REPLAYED');
    const keys = await redis!.admin.keys(`${redis!.prefix}*sig-nonce*`);
    expect(keys.length).toBe(1);
  });
});
