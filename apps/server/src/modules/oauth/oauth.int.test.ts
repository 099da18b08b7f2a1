import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { createLogger } from '../../platform/logging/index.js';

const PASSWORD = 'correct horse battery';
const REDIRECT = 'http://127.0.0.1:9/callback';

/**
 * OAuth 2.0 against the real server, driven by a third-party client library (openid-client):
 * client_credentials with Basic and body authentication, the tokens on /api/v1 routes like API
 * keys, scopes capped by roles, revocation, tenant isolation, and authorization_code with PKCE
 * (consent through the session, as the SPA sends it) with refresh rotation and reuse detection.
 */
describe('OAuth 2.0: client_credentials, authorization_code with PKCE, refresh rotation', () => {
  let server: TestServer;
  let a: { tenantSlug: string; tenantId: string; userId: string };
  let b: { tenantSlug: string; tenantId: string; userId: string };
  let adminKeyA: string;
  let adminKeyB: string;

  // Every log line of the server, to check that no secret, token or code is ever written.
  const logLines: string[] = [];
  const issued: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      logger: createLogger({
        level: 'debug',
        destination: { write: (line: string) => void logLines.push(line) },
      }),
    });
    a = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'ana@a.mx',
      password: PASSWORD,
      role: 'owner',
    });
    b = await server.seedUser({
      tenantName: 'Despacho B',
      email: 'beto@b.mx',
      password: PASSWORD,
      role: 'owner',
    });
    adminKeyA = (await server.createApiKey(a.tenantSlug, 'admin')).key;
    adminKeyB = (await server.createApiKey(b.tenantSlug, 'admin')).key;
  });
  afterAll(() => server?.close());

  const api = (path: string, key: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers ?? {}),
      },
    });
  const createClient = async (key: string, body: Record<string, unknown>) => {
    const res = await api('/api/v1/oauth-clients', key, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const created = await json(res);
    if (created.clientSecret) issued.push(created.clientSecret);
    return created;
  };
  const configFor = (clientId: string, secret: string, auth: 'basic' | 'post' | 'none' = 'basic') =>
    oidc.discovery(
      new URL(server.url),
      clientId,
      secret,
      auth === 'basic'
        ? oidc.ClientSecretBasic(secret)
        : auth === 'post'
          ? oidc.ClientSecretPost(secret)
          : oidc.None(),
      { execute: [oidc.allowInsecureRequests], algorithm: 'oauth2' },
    );
  const me = (token: string) => {
    issued.push(token);
    return api('/api/v1/me', token);
  };

  it('issues a token with client_credentials (Basic and body authentication) that works like an API key', async () => {
    const client = await createClient(adminKeyA, { name: 'ERP Contpaqi', role: 'member' });
    expect(client.clientId).toMatch(/^bov_ci_/);
    expect(client.clientSecret).toMatch(/^bov_cs_/);
    expect(client.grants).toEqual(['client_credentials']);

    for (const auth of ['basic', 'post'] as const) {
      const config = await configFor(client.clientId, client.clientSecret, auth);
      const tokens = await oidc.clientCredentialsGrant(config);
      expect(tokens.access_token).toMatch(/^bov_at_/);
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.expires_in).toBeGreaterThan(3590);
      expect(tokens.scope).toBe('write');
      const res = await oidc.fetchProtectedResource(
        config,
        tokens.access_token,
        new URL(`${server.url}/api/v1/me`),
        'GET',
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        tenant: { slug: a.tenantSlug },
        role: 'member',
        user: null,
        apiKey: null,
        oauthClient: { name: 'ERP Contpaqi', clientId: client.clientId },
      });
    }

    // Secrets never come back after creation, and are not stored in the clear.
    const listed = await json(api('/api/v1/oauth-clients', adminKeyA));
    expect(JSON.stringify(listed)).not.toContain(client.clientSecret);
    expect(listed.items[0].lastUsedAt).not.toBeNull();
    const { rows } = await server.ctx.database.pool.query('SELECT secret_hash FROM oauth_clients');
    expect(JSON.stringify(rows)).not.toContain(client.clientSecret);
    const tokenRows = await server.ctx.database.pool.query('SELECT access_token_hash FROM oauth_tokens');
    expect(tokenRows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.access_token_hash))).toBe(true);
  });

  it('refuses a wrong secret with 401 invalid_client, and bad requests with RFC 6749 errors', async () => {
    const client = await createClient(adminKeyA, { name: 'Wrong secret', role: 'viewer' });
    const basic = Buffer.from(`${client.clientId}:bov_cs_wrong`).toString('base64');
    const wrong = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await json(wrong)).toEqual({ error: 'invalid_client', error_description: expect.any(String) });

    const inBody = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: 'bov_cs_wrong',
      }),
    });
    expect(inBody.status).toBe(401);
    expect((await json(inBody)).error).toBe('invalid_client');

    const config = await configFor(client.clientId, client.clientSecret);
    await expect(oidc.clientCredentialsGrant(config, { scope: 'admin' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
    const asJson = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(asJson.status).toBe(400);
    expect((await json(asJson)).error).toBe('invalid_request');
    const unknownGrant = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=password&username=x&password=y',
    });
    expect(unknownGrant.status).toBe(400);
    expect((await json(unknownGrant)).error).toBe('unauthorized_client');
  });

  it('answers hostile requests to the protocol endpoints with RFC 6749 errors, never a 5xx', async () => {
    const form = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    for (const body of [
      '',
      'grant_type=client_credentials',
      'grant_type=client_credentials&client_id=%00&client_secret=x',
      `grant_type=client_credentials&client_id=${'a'.repeat(5000)}&client_secret=b`,
      'grant_type=client_credentials&grant_type=password',
      'grant_type=authorization_code&client_id=bov_ci_x&code=bov_ac_x&code_verifier=short',
      'grant_type=refresh_token&client_id=bov_ci_x&refresh_token=bov_rt_x',
      '%%%',
    ]) {
      const res = await form(body);
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
      expect(await json(res), body.slice(0, 40)).toMatchObject({ error: expect.any(String) });
    }
    const twice = await json(form('grant_type=client_credentials&grant_type=password'));
    expect(twice).toEqual({
      error: 'invalid_request',
      error_description: 'The parameter grant_type was sent twice.',
    });
    const badBasic = await form('grant_type=client_credentials', { authorization: 'Basic %%%not-base64' });
    expect(badBasic.status).toBe(401);
    for (const query of ['', 'client_id=%00', 'client_id=a&client_id=b', `client_id=${'x'.repeat(3000)}`]) {
      const res = await fetch(`${server.url}/oauth/authorize?${query}`, { redirect: 'manual' });
      expect(res.status, query.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, query.slice(0, 40)).toBeLessThan(500);
    }
    const revoke = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=bov_at_x',
    });
    expect(revoke.status).toBe(401);
    expect((await json(revoke)).error).toBe('invalid_client');
    const meta = await json(fetch(`${server.url}/.well-known/oauth-authorization-server`));
    expect(meta).toMatchObject({
      issuer: server.url,
      token_endpoint: `${server.url}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('caps a token by its scope and its client role: a read token cannot write (403)', async () => {
    const client = await createClient(adminKeyA, { name: 'Admin app', role: 'admin' });
    const config = await configFor(client.clientId, client.clientSecret);
    const read = await oidc.clientCredentialsGrant(config, { scope: 'read' });
    expect((await json(me(read.access_token))).role).toBe('viewer');
    const post = await api('/api/v1/api-keys', read.access_token, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'viewer' }),
    });
    expect(post.status).toBe(403);
    expect((await json(post)).code).toBe('FORBIDDEN');
    const admin = await oidc.clientCredentialsGrant(config);
    expect(admin.scope).toBe('admin');
    expect((await api('/api/v1/api-keys', admin.access_token)).status).toBe(200);
    // An admin client cannot mint owner tokens.
    await expect(oidc.clientCredentialsGrant(config, { scope: 'owner' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
  });

  it('keeps tenants apart: a token of A reads none of B, and B cannot see A’s clients (404)', async () => {
    const clientA = await createClient(adminKeyA, { name: 'A app', role: 'admin' });
    const clientB = await createClient(adminKeyB, { name: 'B app', role: 'admin' });
    const tokenA = (
      await oidc.clientCredentialsGrant(await configFor(clientA.clientId, clientA.clientSecret))
    ).access_token;
    expect((await json(me(tokenA))).tenant.slug).toBe(a.tenantSlug);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', JSON.stringify({ name: 'taken' })],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(`/api/v1/oauth-clients/${clientB.id}`, tokenA, {
        method,
        ...(body ? { body } : {}),
      });
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe('OAUTH_CLIENT_NOT_FOUND');
    }
    const listA = await json(api('/api/v1/oauth-clients', tokenA));
    expect(listA.items.map((c: { id: string }) => c.id)).not.toContain(clientB.id);
    // B's client cannot be used to authorize people of A either.
    expect((await api(`/api/v1/oauth-clients/${clientB.id}`, adminKeyB)).status).toBe(200);
  });

  it('enforces roles on /api/v1/oauth-clients: viewers and members 403, admins cannot create or revoke owner clients', async () => {
    const viewer = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    const member = (await server.createApiKey(a.tenantSlug, 'member')).key;
    const ownerKey = (await server.createApiKey(a.tenantSlug, 'owner')).key;
    const ownerClient = await createClient(ownerKey, { name: 'Owner app', role: 'owner' });
    for (const key of [viewer, member]) {
      expect((await api('/api/v1/oauth-clients', key)).status).toBe(403);
      expect((await api(`/api/v1/oauth-clients/${ownerClient.id}`, key)).status).toBe(403);
      expect(
        (
          await api('/api/v1/oauth-clients', key, {
            method: 'POST',
            body: JSON.stringify({ name: 'x', role: 'viewer' }),
          })
        ).status,
      ).toBe(403);
      expect((await api(`/api/v1/oauth-clients/${ownerClient.id}`, key, { method: 'DELETE' })).status).toBe(
        403,
      );
      const patch = await api(`/api/v1/oauth-clients/${ownerClient.id}`, key, {
        method: 'PATCH',
        body: JSON.stringify({ name: 'x' }),
      });
      expect(patch.status).toBe(403);
      expect((await json(patch)).code).toBe('FORBIDDEN');
    }
    const patchAbove = await api(`/api/v1/oauth-clients/${ownerClient.id}`, adminKeyA, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(patchAbove.status).toBe(403);
    expect((await json(patchAbove)).code).toBe('ROLE_ABOVE_OWN');
    // The consent check is for people signed in on the web, not for API keys or tokens.
    const consentByKey = await api(
      `/api/v1/oauth/consent?client_id=${ownerClient.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
      ownerKey,
    );
    expect(consentByKey.status).toBe(403);
    expect((await api('/api/v1/oauth/consent?client_id=x&redirect_uri=y', 'bov_at_unknown')).status).toBe(
      401,
    );
    const tooHigh = await api('/api/v1/oauth-clients', adminKeyA, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'owner' }),
    });
    expect(tooHigh.status).toBe(403);
    expect((await json(tooHigh)).code).toBe('ROLE_ABOVE_OWN');
    const revoke = await api(`/api/v1/oauth-clients/${ownerClient.id}`, adminKeyA, { method: 'DELETE' });
    expect((await json(revoke)).code).toBe('ROLE_ABOVE_OWN');
    const bad = await api('/api/v1/oauth-clients', adminKeyA, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'viewer', type: 'public' }),
    });
    expect(bad.status).toBe(422);
    expect((await json(bad)).code).toBe('OAUTH_CLIENT_INVALID');
    const badUri = await api('/api/v1/oauth-clients', adminKeyA, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'viewer', redirectUris: ['http://evil.example/cb'] }),
    });
    expect(badUri.status).toBe(400);
    expect((await json(badUri)).code).toBe('VALIDATION_FAILED');
  });

  it('revoking a client stops its tokens at once; RFC 7009 revokes one token', async () => {
    const client = await createClient(adminKeyA, { name: 'Revocable', role: 'viewer' });
    const config = await configFor(client.clientId, client.clientSecret);
    const t1 = (await oidc.clientCredentialsGrant(config)).access_token;
    const t2 = (await oidc.clientCredentialsGrant(config)).access_token;
    expect((await me(t1)).status).toBe(200);
    await oidc.tokenRevocation(config, t1);
    const revoked = await me(t1);
    expect(revoked.status).toBe(401);
    expect((await json(revoked)).code).toBe('INVALID_API_KEY');
    expect((await me(t2)).status).toBe(200);

    const patched = await api(`/api/v1/oauth-clients/${client.id}`, adminKeyA, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Renombrada' }),
    });
    expect((await json(patched)).name).toBe('Renombrada');
    expect((await api(`/api/v1/oauth-clients/${client.id}`, adminKeyA, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await me(t2)).status).toBe(401);
    // Basic authentication refused: 401 with a challenge (openid-client reports it as such).
    await expect(oidc.clientCredentialsGrant(config)).rejects.toMatchObject({ status: 401 });
    const { rows } = await server.ctx.database.pool.query(
      "SELECT action, actor_type FROM audit_events WHERE action LIKE 'oauth_client.%'",
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['oauth_client.created', 'oauth_client.updated', 'oauth_client.revoked']),
    );
  });

  describe('authorization_code with PKCE for a person', () => {
    let cookie = '';
    let csrf = '';
    beforeAll(async () => {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ana@a.mx', password: PASSWORD }),
      });
      const jar = new Map(
        res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
      );
      cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      csrf = jar.get('boveda_csrf')!;
    });

    /** What the consent page does: GET /oauth/authorize (redirects to it), then POSTs "Permitir". */
    async function consent(config: oidc.Configuration, scope?: string) {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ...(scope ? { scope } : {}),
      });
      const first = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      expect(first.status).toBe(302);
      const consentUrl = new URL(first.headers.get('location')!, server.url);
      expect(consentUrl.pathname).toBe('/oauth/consent');
      const info = await fetch(`${server.url}/api/v1/oauth/consent${consentUrl.search}`, {
        headers: { cookie },
      });
      expect(info.status).toBe(200);
      const params = Object.fromEntries(consentUrl.searchParams);
      const decision = await fetch(`${server.url}/oauth/authorize`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ ...params, allowed: true }),
      });
      expect(decision.status).toBe(200);
      const { redirectTo } = await json(decision);
      issued.push(new URL(redirectTo).searchParams.get('code') ?? '');
      return { redirectTo: new URL(redirectTo), verifier, state, info: await json(info) };
    }

    it('signs the person in first, checks CSRF on the decision, and issues tokens acting for them', async () => {
      const client = await createClient(adminKeyA, {
        name: 'Portal',
        role: 'admin',
        type: 'public',
        redirectUris: [REDIRECT],
      });
      expect(client.clientSecret).toBeNull();
      const config = await configFor(client.clientId, '', 'none');
      const authorizeUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      });
      const anonymous = await fetch(authorizeUrl, { redirect: 'manual' });
      expect(anonymous.headers.get('location')).toMatch(/^\/iniciar-sesion\?siguiente=%2Foauth%2Fconsent/);
      const noPkce = await fetch(
        `${server.url}/oauth/authorize?response_type=code&client_id=${client.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
        { headers: { cookie }, redirect: 'manual' },
      );
      expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
      const foreignRedirect = await fetch(
        `${server.url}/oauth/authorize?response_type=code&client_id=${client.clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
        { headers: { cookie }, redirect: 'manual' },
      );
      expect(foreignRedirect.status).toBe(400);
      const noCsrf = await fetch(`${server.url}/oauth/authorize`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'code',
          client_id: client.clientId,
          redirect_uri: REDIRECT,
          allowed: true,
        }),
      });
      expect(noCsrf.status).toBe(403);
      expect((await json(noCsrf)).code).toBe('CSRF_FAILED');

      const { redirectTo, verifier, state, info } = await consent(config, 'write');
      expect(info).toMatchObject({
        client: { name: 'Portal' },
        organization: { slug: a.tenantSlug },
        role: 'member',
      });
      const tokens = await oidc.authorizationCodeGrant(config, redirectTo, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      expect(tokens.access_token).toMatch(/^bov_at_/);
      expect(tokens.refresh_token).toMatch(/^bov_rt_/);
      const who = await json(me(tokens.access_token));
      expect(who).toMatchObject({
        user: { email: 'ana@a.mx' },
        role: 'member',
        oauthClient: { name: 'Portal' },
      });

      // The code is single-use: a second exchange fails and revokes what the first one gave.
      await expect(
        oidc.authorizationCodeGrant(config, redirectTo, { pkceCodeVerifier: verifier, expectedState: state }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
      expect((await me(tokens.access_token)).status).toBe(401);
    });

    it('rotates refresh tokens and revokes the chain when an old one is replayed', async () => {
      const client = await createClient(adminKeyA, {
        name: 'Móvil',
        role: 'member',
        redirectUris: [REDIRECT],
      });
      const config = await configFor(client.clientId, client.clientSecret);
      const { redirectTo, verifier, state } = await consent(config);
      const first = await oidc.authorizationCodeGrant(config, redirectTo, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      // A wrong verifier is refused (and burns the code).
      issued.push(first.refresh_token!);
      const second = await oidc.refreshTokenGrant(config, first.refresh_token!);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await me(second.access_token)).status).toBe(200);
      const third = await oidc.refreshTokenGrant(config, second.refresh_token!);
      expect((await me(third.access_token)).status).toBe(200);
      // Replaying the first refresh token: refused, and every token of the chain stops working.
      await expect(oidc.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      expect((await me(third.access_token)).status).toBe(401);
      await expect(oidc.refreshTokenGrant(config, third.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });

    it('refuses a wrong PKCE verifier, and a person removed from the organization loses access at once', async () => {
      const client = await createClient(adminKeyA, {
        name: 'Quita',
        role: 'viewer',
        redirectUris: [REDIRECT],
      });
      const config = await configFor(client.clientId, client.clientSecret);
      const wrong = await consent(config);
      await expect(
        oidc.authorizationCodeGrant(config, wrong.redirectTo, {
          pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
          expectedState: wrong.state,
        }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });

      const other = await server.ctx.services.tenants.addUser(
        a.tenantId,
        { email: 'carla@a.mx', password: PASSWORD, role: 'member' },
        { type: 'system', label: 'test' },
      );
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'carla@a.mx', password: PASSWORD }),
      });
      const jar = new Map(
        login.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
      );
      const saved = { cookie, csrf };
      cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      csrf = jar.get('boveda_csrf')!;
      const { redirectTo, verifier, state } = await consent(config);
      ({ cookie, csrf } = saved);
      const tokens = await oidc.authorizationCodeGrant(config, redirectTo, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      expect((await json(me(tokens.access_token))).user.email).toBe('carla@a.mx');
      await server.ctx.database.pool.query('DELETE FROM memberships WHERE user_id = $1', [other.id]);
      expect((await me(tokens.access_token)).status).toBe(401);
      await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });
  });
  it('never writes a client secret, token or code to the logs', () => {
    const text = logLines.join('');
    expect(text).toContain('/oauth/token');
    expect(issued.length).toBeGreaterThan(10);
    expect(issued.filter((secret) => text.includes(secret))).toEqual([]);
    expect(text).not.toMatch(/bov_(?:cs|at|rt|ac)_[A-Za-z0-9_-]{20,}/);
  });
});
