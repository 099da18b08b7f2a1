import type { TestServer } from './test-server.js';

// biome-ignore lint/suspicious/noExplicitAny: tests assert on parsed bodies
type Body = any;

/**
 * Two organizations on a test server: A (`a@example.com`, owner) with an API key of each role, and
 * B with an admin key, for tenant-isolation tests. `call` sends JSON with a key (A's admin by
 * default) and answers the status and the parsed body.
 */
export async function seedTwoOrganizations(server: TestServer) {
  const a = await server.seedUser({
    tenantName: 'Despacho A',
    email: 'a@example.com',
    password: 'long-password-a',
    role: 'owner',
  });
  const b = await server.seedUser({
    tenantName: 'Despacho B',
    email: 'b@example.com',
    password: 'long-password-b',
    role: 'owner',
  });
  const keys = {
    admin: (await server.createApiKey(a.tenantSlug, 'admin')).key,
    member: (await server.createApiKey(a.tenantSlug, 'member')).key,
    viewer: (await server.createApiKey(a.tenantSlug, 'viewer')).key,
    otherAdmin: (await server.createApiKey(b.tenantSlug, 'admin')).key,
  };
  async function call(method: string, path: string, body?: unknown, key: string = keys.admin) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Body, text };
  }
  return { tenantA: a.tenantId, tenantB: b.tenantId, keys, call };
}
