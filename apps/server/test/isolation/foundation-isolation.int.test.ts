import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/modules/auth/index.js';
import { json } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Every tenant-owned resource of the foundation (API keys, users, audit events, sessions):
 * a caller of another tenant can neither read, list, change nor delete it, and gets 404.
 */
describe('tenant isolation: foundation resources', () => {
  let server: TestServer;
  let a: { key: string; id: string; slug: string; signingSecret: string };
  let b: { key: string; id: string; slug: string; userId: string; signingSecret: string };

  beforeAll(async () => {
    server = await startTestServer();
    const ta = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'a@a.mx',
      password: 'password-aaaa',
      role: 'owner',
    });
    const tb = await server.seedUser({
      tenantName: 'Despacho B',
      email: 'b@b.mx',
      password: 'password-bbbb',
      role: 'owner',
    });
    a = { ...(await server.createApiKey(ta.tenantSlug, 'owner')), slug: ta.tenantSlug };
    b = { ...(await server.createApiKey(tb.tenantSlug, 'owner')), slug: tb.tenantSlug, userId: tb.userId };
  });
  afterAll(() => server.close());

  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it("lists only the caller's own API keys", async () => {
    const list = await json(fetch(`${server.url}/api/v1/api-keys`, { headers: as(a.key) }));
    const ids = list.items.map((k: { id: string }) => k.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
  });

  it("answers 404 when reading or revoking another tenant's key, and the key keeps working", async () => {
    const read = await fetch(`${server.url}/api/v1/api-keys/${b.id}`, { headers: as(a.key) });
    expect(read.status).toBe(404);
    expect((await json(read)).code).toBe('NOT_FOUND');
    const del = await fetch(`${server.url}/api/v1/api-keys/${b.id}`, {
      method: 'DELETE',
      headers: as(a.key),
    });
    expect(del.status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: as(b.key) })).status).toBe(200);
  });

  it("answers 404 when rotating another tenant's signing secret, and its secret keeps signing", async () => {
    const rotate = await fetch(`${server.url}/api/v1/api-keys/${b.id}/signing-secret`, {
      method: 'POST',
      headers: as(a.key),
    });
    expect(rotate.status).toBe(404);
    expect((await json(rotate)).code).toBe('NOT_FOUND');
    const headers = {
      ...as(b.key),
      ...signRequest({ secret: b.signingSecret, method: 'GET', pathWithQuery: '/api/v1/me' }),
    };
    expect((await fetch(`${server.url}/api/v1/me`, { headers })).status).toBe(200);
  });

  it("changes only the caller's organization settings", async () => {
    const patch = await fetch(`${server.url}/api/v1/organization/settings`, {
      method: 'PATCH',
      headers: { ...as(a.key), 'content-type': 'application/json' },
      body: JSON.stringify({ requireSignedRequests: true }),
    });
    expect(await json(patch)).toEqual({ requireSignedRequests: true });
    expect(await json(fetch(`${server.url}/api/v1/organization/settings`, { headers: as(b.key) }))).toEqual({
      requireSignedRequests: false,
    });
    // B's unsigned key still works; A's now needs a signature.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: as(b.key) })).status).toBe(200);
    const unsigned = await fetch(`${server.url}/api/v1/me`, { headers: as(a.key) });
    expect((await json(unsigned)).code).toBe('REQUEST_SIGNATURE_REQUIRED');
    const { rows } = await server.ctx.database.pool.query(
      "SELECT tenant_id FROM audit_events WHERE action = 'organization.settings.changed'",
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([
      (await server.ctx.services.tenants.tenantBySlug(a.slug)).id,
    ]);
    // Back off, so the tests below use A's key unsigned.
    await server.ctx.services.tenants.updateSettings(
      rows[0].tenant_id,
      { requireSignedRequests: false },
      { type: 'system', label: 'test' },
    );
  });

  it("never shows another tenant's audit events or users", async () => {
    const events = await json(fetch(`${server.url}/api/v1/audit-events?limit=200`, { headers: as(a.key) }));
    expect(events.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(b.id);
    expect(JSON.stringify(events)).not.toContain('b@b.mx');
    const { rows } = await server.ctx.database.pool.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1',
      [b.id],
    );
    expect(rows[0].n).toBeGreaterThan(0);

    const users = await json(fetch(`${server.url}/api/v1/users`, { headers: as(a.key) }));
    expect(users.items.map((u: { email: string }) => u.email)).toEqual(['a@a.mx']);
  });

  it('cannot sign in to another tenant through the tenant field', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@a.mx', password: 'password-aaaa', tenant: b.slug }),
    });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('NOT_A_MEMBER');
  });
});
