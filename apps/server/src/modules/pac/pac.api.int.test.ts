import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

const INSTANCE = { apiKey: 'instance-key-0001', apiSecret: 'instance-secret-0001' };

/** The PAC account and the four token endpoints kept from the original, on the real app. */
describe('PAC account and Facturify token endpoints', () => {
  let sim: RunningFacturifySimulator;
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  let serviceKey: string;
  beforeAll(async () => {
    sim = await startFacturifySimulator({ ...INSTANCE, expiresInUnit: 'seconds', tokenTtlSeconds: 900 });
    server = await startTestServer({
      env: {
        FACTURIFY_BASE_URL: sim.url,
        FACTURIFY_SANDBOX_URL: sim.url,
        FACTURIFY_API_KEY: INSTANCE.apiKey,
        FACTURIFY_API_SECRET: INSTANCE.apiSecret,
        FACTURIFY_RETRY_BASE_MS: '10',
      },
    });
    h = await seedTwoOrganizations(server);
    const [a] = await server.ctx.services.tenants.membershipsOfUser(
      (await server.ctx.services.tenants.findUserByEmail('a@example.com'))!.id,
    );
    serviceKey = (await server.createApiKey(a!.tenant.slug, 'member', ['pac:token'])).key;
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  it('uses the instance account by default, and shows the raw token only to a pac:token key', async () => {
    const account = await h.call('GET', '/api/v1/pac/account', undefined, h.keys.member);
    expect(account.body).toMatchObject({ provider: 'facturify', source: 'instance', keyHint: '0001' });
    const before = await h.call('GET', '/api/v1/facturify/auth/token/status', undefined, h.keys.member);
    expect(before.body).toMatchObject({ has_token: false, ttl: 0, generation: 0, breaker_open_until: null });

    const issued = await h.call('POST', '/api/v1/facturify/auth/token', undefined, h.keys.admin);
    expect(issued.status).toBe(200);
    expect(issued.body.message).toBeTruthy();
    expect(issued.body.jwt.token).toMatch(/^••••.{4}$/);
    expect(issued.body.jwt.expires_in).toBeGreaterThan(800);

    const raw = await h.call('GET', '/api/v1/facturify/auth/token', undefined, serviceKey);
    // The JWT the simulator issued last (its jti in the claims).
    const claims = JSON.parse(Buffer.from(raw.body.token.split('.')[1], 'base64url').toString()) as {
      jti: string;
    };
    expect(claims.jti).toBe(sim.tokens().at(-1)!.jti);
    expect(raw.body.ttl).toBeGreaterThan(800);
    const masked = await h.call('GET', '/api/v1/facturify/auth/token', undefined, h.keys.member);
    expect(masked.body.token).toBe(`••••${raw.body.token.slice(-4)}`);
    expect(sim.calls()).toMatchObject({ auth: 1 });

    const refreshed = await h.call('POST', '/api/v1/facturify/auth/token/refresh', undefined, serviceKey);
    expect(refreshed.status).toBe(403); // forcing a token is for admins, whatever the scope
    const byAdmin = await h.call('POST', '/api/v1/facturify/auth/token/refresh', undefined, h.keys.admin);
    expect(byAdmin.body.message).toBe('Token renovado');
    expect(sim.calls()).toMatchObject({ auth: 1, refresh: 1 });
    const status = await h.call('GET', '/api/v1/facturify/auth/token/status', undefined, h.keys.viewer);
    expect(status.status).toBe(403);
    const ok = await h.call('GET', '/api/v1/facturify/auth/token/status', undefined, h.keys.member);
    expect(ok.body).toMatchObject({ has_token: true, source: 'refresh', generation: 2, last_error: null });
    expect(ok.body.ttl).toBeGreaterThan(800);
    for (const res of [issued, masked, status, ok]) expect(res.text).not.toContain(INSTANCE.apiSecret);
  });

  it("keeps an organization's own account apart, and opens the breaker on refused credentials", async () => {
    const bad = await h.call(
      'PUT',
      '/api/v1/pac/account',
      { environment: 'sandbox', apiKey: INSTANCE.apiKey, apiSecret: 'org-b-wrong-secret' },
      h.keys.otherAdmin,
    );
    expect(bad.body).toMatchObject({ source: 'organization', environment: 'sandbox', keyHint: '0001' });
    expect(bad.text).not.toContain('org-b-wrong-secret');
    const authBefore = sim.calls().auth;
    const first = await h.call('POST', '/api/v1/facturify/auth/token', undefined, h.keys.otherAdmin);
    expect(first.status).toBe(409);
    expect(first.body.code).toBe('PAC_CREDENTIALS_REJECTED');
    const second = await h.call('GET', '/api/v1/facturify/auth/token', undefined, h.keys.otherAdmin);
    expect(second.body.code).toBe('PAC_CREDENTIALS_REJECTED');
    expect(sim.calls().auth).toBe(authBefore + 1);
    const status = await h.call('GET', '/api/v1/facturify/auth/token/status', undefined, h.keys.otherAdmin);
    expect(status.body.breaker_open_until).toBeTruthy();
    expect(status.body.last_error).toMatch(/rechazó/);
    // Organization A still stamps with the instance account.
    const a = await h.call('GET', '/api/v1/facturify/auth/token/status', undefined, h.keys.member);
    expect(a.body).toMatchObject({ has_token: true, breaker_open_until: null });
    // The sealed secret is not in the table in clear.
    const [row] = (await server.ctx.database.pool.query('SELECT api_secret FROM pac_accounts')).rows as {
      api_secret: Buffer;
    }[];
    expect(row!.api_secret.toString('latin1')).not.toContain('org-b-wrong-secret');
    // The right secret for the same key starts clean: no breaker left by the wrong one, and the
    // wrong secret never reached the token the instance account holds for the same key.
    const fixed = await h.call(
      'PUT',
      '/api/v1/pac/account',
      { environment: 'sandbox', apiKey: INSTANCE.apiKey, apiSecret: INSTANCE.apiSecret },
      h.keys.otherAdmin,
    );
    expect(fixed.status).toBe(200);
    const works = await h.call('POST', '/api/v1/facturify/auth/token', undefined, h.keys.otherAdmin);
    expect(works.status).toBe(200);
    // Disconnected, B is back on the instance account.
    expect((await h.call('DELETE', '/api/v1/pac/account', undefined, h.keys.otherAdmin)).status).toBe(204);
    const back = await h.call('GET', '/api/v1/pac/account', undefined, h.keys.otherAdmin);
    expect(back.body.source).toBe('instance');
  });

  it('refuses a member changing the account and bad input, with clear codes', async () => {
    const body = { environment: 'sandbox', apiKey: 'some-key-1234', apiSecret: 'some-secret-1234' };
    expect((await h.call('PUT', '/api/v1/pac/account', body, h.keys.member)).status).toBe(403);
    const invalid = await h.call('PUT', '/api/v1/pac/account', { ...body, environment: 'staging' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });
});
