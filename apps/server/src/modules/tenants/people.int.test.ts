import { type Role, roles } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { registerWorkers } from '../../app/workers.js';
import { type SmtpSink, startSmtpSink } from '../../platform/email/smtp-sink.js';

const PASSWORD = 'correct horse battery';

/** A signed-in browser: session cookie plus the CSRF header on writes. */
async function signIn(url: string, email: string, password = PASSWORD) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': jar.get('boveda_csrf') ?? '',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { status: res.status, call };
}

describe('people: roles, deactivation, removal, passwords', () => {
  let server: TestServer;
  let sink: SmtpSink;
  const org = {} as Record<
    'a' | 'b',
    { slug: string; id: string; ownerId: string; keys: Record<Role, string> }
  >;
  let n = 0;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://boveda.example.mx', PASSWORD_RESET_TTL_MINUTES: '30' },
    });
    await registerWorkers(server.ctx);
    for (const name of ['a', 'b'] as const) {
      const seeded = await server.seedUser({
        tenantName: `Despacho ${name.toUpperCase()}`,
        email: `owner-${name}@despacho.mx`,
        password: PASSWORD,
        role: 'owner',
      });
      const keys = {} as Record<Role, string>;
      for (const r of roles) keys[r] = (await server.createApiKey(seeded.tenantSlug, r)).key;
      org[name] = { slug: seeded.tenantSlug, id: seeded.tenantId, ownerId: seeded.userId, keys };
    }
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  const api = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  /** A fresh member of organization A (added by the operator), with their own id. */
  async function member(role: Role = 'member', tenant: 'a' | 'b' = 'a') {
    const email = `persona-${++n}@despacho.mx`;
    const added = await server.ctx.services.tenants.addUser(
      org[tenant].id,
      { email, password: PASSWORD, role },
      { type: 'system' },
    );
    return { id: added.id, email };
  }
  const roleOf = async (tenant: 'a' | 'b', userId: string) =>
    (await server.ctx.services.tenants.listUsers(org[tenant].id)).find((m) => m.id === userId);
  const actions = async (tenant: 'a' | 'b') =>
    (await json(api(org[tenant].keys.owner, 'GET', '/api/v1/audit-events?limit=200'))).items as {
      action: string;
      targetId: string | null;
      metadata: Record<string, unknown> | null;
    }[];
  const tokenOf = (text: string) => /restablecer\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  it('changes a role under the role rules, audited with before and after', async () => {
    const p = await member('viewer');
    expect((await api(org.a.keys.admin, 'PATCH', `/api/v1/users/${p.id}`, { role: 'admin' })).status).toBe(
      204,
    );
    expect((await roleOf('a', p.id))?.role).toBe('admin');
    // An admin neither grants owner nor touches an owner; members cannot manage people at all.
    const grant = await api(org.a.keys.admin, 'PATCH', `/api/v1/users/${p.id}`, { role: 'owner' });
    expect(grant.status).toBe(403);
    expect((await json(grant)).code).toBe('ROLE_ABOVE_OWN');
    const demoteOwner = await api(org.a.keys.admin, 'PATCH', `/api/v1/users/${org.a.ownerId}`, {
      role: 'member',
    });
    expect((await json(demoteOwner)).code).toBe('ROLE_ABOVE_OWN');
    expect((await api(org.a.keys.member, 'PATCH', `/api/v1/users/${p.id}`, { role: 'viewer' })).status).toBe(
      403,
    );
    // An owner makes owners.
    expect((await api(org.a.keys.owner, 'PATCH', `/api/v1/users/${p.id}`, { role: 'owner' })).status).toBe(
      204,
    );
    expect((await roleOf('a', p.id))?.role).toBe('owner');
    const event = (await actions('a'))
      .filter((e) => e.action === 'user.role_changed' && e.targetId === p.id)
      .at(-1);
    expect(event?.metadata).toMatchObject({ changes: { role: { before: 'viewer', after: 'admin' } } });
    // Bad input is a problem with a code, never a 500.
    const bad = await api(org.a.keys.owner, 'PATCH', `/api/v1/users/${p.id}`, { role: 'boss' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe('VALIDATION_FAILED');
    const notUuid = await api(org.a.keys.owner, 'PATCH', '/api/v1/users/nope', { role: 'viewer' });
    expect(notUuid.status).toBe(400);
  });

  it('nobody changes their own membership, and the last active owner stays', async () => {
    const owner = await signIn(server.url, 'owner-a@despacho.mx');
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/users/${org.a.ownerId}`, { role: 'admin' }],
      ['POST', `/api/v1/users/${org.a.ownerId}/deactivate`, undefined],
      ['DELETE', `/api/v1/users/${org.a.ownerId}`, undefined],
    ] as const) {
      const res = await owner.call(method, path, body);
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('CANNOT_CHANGE_SELF');
    }
    // Organization B has one owner: an owner key cannot demote, deactivate or remove them.
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/users/${org.b.ownerId}`, { role: 'admin' }],
      ['POST', `/api/v1/users/${org.b.ownerId}/deactivate`, undefined],
      ['DELETE', `/api/v1/users/${org.b.ownerId}`, undefined],
    ] as const) {
      const res = await api(org.b.keys.owner, method, path, body);
      expect(res.status).toBe(409);
      expect((await json(res)).code).toBe('LAST_OWNER');
    }
    expect((await roleOf('b', org.b.ownerId))?.role).toBe('owner');
  });

  it('another organization cannot see, change, deactivate, remove or reset its people (404)', async () => {
    const p = await member('member', 'b');
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/users/${p.id}`, { role: 'viewer' }],
      ['POST', `/api/v1/users/${p.id}/deactivate`, undefined],
      ['POST', `/api/v1/users/${p.id}/reactivate`, undefined],
      ['DELETE', `/api/v1/users/${p.id}`, undefined],
      ['POST', `/api/v1/users/${p.id}/password-reset`, undefined],
    ] as const) {
      const res = await api(org.a.keys.owner, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json(res)).code).toBe('MEMBER_NOT_FOUND');
    }
    expect((await roleOf('b', p.id))?.role).toBe('member');
  });

  it('deactivating ends sessions, keys and OAuth tokens at once; reactivating brings none back', async () => {
    const p = await member('admin');
    const browser = await signIn(server.url, p.email);
    expect((await browser.call('GET', '/api/v1/me')).status).toBe(200);
    const created = await json(
      browser.call('POST', '/api/v1/api-keys', { name: 'su llave', role: 'member' }),
    );
    expect((await api(created.key, 'GET', '/api/v1/me')).status).toBe(200);

    expect((await api(org.a.keys.admin, 'POST', `/api/v1/users/${p.id}/deactivate`)).status).toBe(204);
    expect((await browser.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await api(created.key, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await signIn(server.url, p.email)).status).not.toBe(200);
    const listed = await json(api(org.a.keys.viewer, 'GET', '/api/v1/users'));
    expect(listed.items.find((u: { id: string }) => u.id === p.id)).toMatchObject({ status: 'deactivated' });
    // A deactivated member is still a member: inviting them again is refused.
    const again = await api(org.a.keys.admin, 'POST', '/api/v1/users', {
      email: p.email,
      password: 'x'.repeat(12),
      role: 'member',
    });
    expect((await json(again)).code).toBe('USER_ALREADY_MEMBER');
    // No reset link for a deactivated member.
    expect((await json(api(org.a.keys.admin, 'POST', `/api/v1/users/${p.id}/password-reset`))).code).toBe(
      'MEMBER_DEACTIVATED',
    );

    expect((await api(org.a.keys.admin, 'POST', `/api/v1/users/${p.id}/reactivate`)).status).toBe(204);
    expect((await browser.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await api(created.key, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await signIn(server.url, p.email)).status).toBe(200);
    const events = await actions('a');
    expect(
      events.find((e) => e.action === 'user.deactivated' && e.targetId === p.id)?.metadata,
    ).toMatchObject({
      ended: { sessions: 1, apiKeys: 1, oauthTokens: 0 },
    });
    expect(events.some((e) => e.action === 'user.reactivated' && e.targetId === p.id)).toBe(true);
  });

  it('removing ends access in that organization only; the account and other memberships stay', async () => {
    const p = await member('member');
    await server.ctx.services.tenants.addUser(
      org.b.id,
      { email: p.email, password: PASSWORD, role: 'viewer' },
      {
        type: 'system',
      },
    );
    const inA = await signIn(server.url, p.email);
    expect((await inA.call('GET', '/api/v1/me')).status).toBe(200);
    // An app holds a token acting for them in A (issued as the oauth module stores them).
    const sql = (text: string, values: unknown[]) => server.ctx.database.pool.query(text, values);
    const client = await sql(
      `INSERT INTO oauth_clients (tenant_id, name, client_id, role, type) VALUES ($1, 'App', $2, 'member', 'public') RETURNING id`,
      [org.a.id, `app-${p.id}`],
    );
    await sql(
      `INSERT INTO oauth_tokens (tenant_id, client_id, user_id, scopes, access_token_hash, access_token_expires_at, family_id)
       VALUES ($1, $2, $3, '{}', $4, now() + interval '1 hour', gen_random_uuid())`,
      [org.a.id, client.rows[0].id, p.id, `hash-${p.id}`],
    );
    expect((await api(org.a.keys.viewer, 'DELETE', `/api/v1/users/${p.id}`)).status).toBe(403);
    expect((await api(org.a.keys.admin, 'DELETE', `/api/v1/users/${p.id}`)).status).toBe(204);
    expect((await inA.call('GET', '/api/v1/me')).status).toBe(401);
    expect(await roleOf('a', p.id)).toBeUndefined();
    expect((await roleOf('b', p.id))?.role).toBe('viewer');
    expect((await signIn(server.url, p.email)).status).toBe(200); // into B now
    expect((await api(org.a.keys.admin, 'DELETE', `/api/v1/users/${p.id}`)).status).toBe(404);
    const removed = (await actions('a')).find((e) => e.action === 'user.removed' && e.targetId === p.id);
    expect(removed?.metadata).toMatchObject({
      role: 'member',
      ended: { sessions: 1, apiKeys: 0, oauthTokens: 1 },
    });
    const tokens = await sql('SELECT revoked_at FROM oauth_tokens WHERE user_id = $1', [p.id]);
    expect(tokens.rows[0].revoked_at).not.toBeNull();
  });

  it('changing one’s own password needs the current one and ends the other sessions only', async () => {
    const p = await member('viewer');
    const here = await signIn(server.url, p.email);
    const elsewhere = await signIn(server.url, p.email);
    const wrong = await here.call('POST', '/api/v1/me/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'otra contraseña larga',
    });
    expect(wrong.status).toBe(422);
    expect((await json(wrong)).code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await here.call('POST', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'corta',
    });
    // The rule travels as a code with its number, so the web can say it in Spanish.
    expect(await json(weak)).toMatchObject({
      code: 'WEAK_PASSWORD',
      params: { rule: 'too_short', minLength: 10 },
    });
    const ok = await here.call('POST', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'otra contraseña larga',
    });
    expect(ok.status).toBe(204);
    expect((await here.call('GET', '/api/v1/me')).status).toBe(200);
    expect((await elsewhere.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await signIn(server.url, p.email)).status).toBe(401);
    expect((await signIn(server.url, p.email, 'otra contraseña larga')).status).toBe(200);
    // API keys have no password.
    expect(
      (
        await api(org.a.keys.owner, 'POST', '/api/v1/me/password', {
          currentPassword: 'x',
          newPassword: 'y'.repeat(12),
        })
      ).status,
    ).toBe(403);
    expect(
      (await actions('a')).some((e) => e.action === 'user.password_changed' && e.targetId === p.id),
    ).toBe(true);
  });

  it('"¿Olvidaste tu contraseña?": 202 for any email; the mailed link works once and ends every session', async () => {
    const p = await member('member');
    const before = await signIn(server.url, p.email);
    const unknown = await fetch(`${server.url}/api/v1/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nadie@ningun-lado.mx' }),
    });
    const known = await fetch(`${server.url}/api/v1/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: p.email.toUpperCase() }),
    });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.text()).toBe(await known.text());
    const mail = await sink.waitFor((m) => m.to.includes(p.email), 10_000);
    expect(mail.subject).toBe('Restablece tu contraseña de Bóveda');
    expect(mail.text).toContain('https://boveda.example.mx/restablecer?token=');
    expect(mail.text).toContain('30 minutos');
    expect(sink.messages.some((m) => m.to.includes('nadie@ningun-lado.mx'))).toBe(false);
    const token = tokenOf(mail.text)!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    // Stored hashed: the token itself is nowhere in the table.
    const stored = await server.ctx.database.pool.query('SELECT token_hash FROM password_resets');
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const confirm = (body: unknown) =>
      fetch(`${server.url}/api/v1/auth/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await json(confirm({ token, password: 'corta' }))).code).toBe('WEAK_PASSWORD');
    expect((await confirm({ token, password: 'una nueva contraseña' })).status).toBe(204);
    expect((await before.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await signIn(server.url, p.email, 'una nueva contraseña')).status).toBe(200);
    const twice = await confirm({ token, password: 'y otra contraseña más' });
    expect(twice.status).toBe(400);
    expect((await json(twice)).code).toBe('PASSWORD_RESET_INVALID');
    expect((await json(confirm({ token: 'inventado', password: 'y otra contraseña más' }))).code).toBe(
      'PASSWORD_RESET_INVALID',
    );
    expect((await confirm({})).status).toBe(400);
    const events = await actions('a');
    expect(events.some((e) => e.action === 'user.password_reset_requested' && e.targetId === p.id)).toBe(
      true,
    );
    expect(events.some((e) => e.action === 'user.password_reset' && e.targetId === p.id)).toBe(true);
  });

  it('an expired link does not work; an admin sends a link without ever seeing a password', async () => {
    const p = await member('member');
    // Members and other organizations cannot send it; an admin can.
    expect((await api(org.a.keys.member, 'POST', `/api/v1/users/${p.id}/password-reset`)).status).toBe(403);
    const sent = await api(org.a.keys.admin, 'POST', `/api/v1/users/${p.id}/password-reset`);
    expect(sent.status).toBe(202);
    expect(await sent.text()).toBe('');
    const mail = await sink.waitFor((m) => m.to.includes(p.email), 10_000);
    expect(mail.text).toContain('Despacho A');
    // An admin's link for an owner is above their role.
    expect(
      (await json(api(org.a.keys.admin, 'POST', `/api/v1/users/${org.a.ownerId}/password-reset`))).code,
    ).toBe('ROLE_ABOVE_OWN');
    await server.ctx.database.pool.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [p.id],
    );
    const res = await fetch(`${server.url}/api/v1/auth/password-reset/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokenOf(mail.text), password: 'una nueva contraseña' }),
    });
    expect((await json(res)).code).toBe('PASSWORD_RESET_INVALID');
    expect((await signIn(server.url, p.email)).status).toBe(200);
  });

  it('the CLI service prints a one-time link for a member', async () => {
    const p = await member('viewer');
    const { link } = await server.ctx.services.people.resetLinkFor(org.a.id, p.email, {
      type: 'cli',
      label: 'cli:test',
    });
    expect(link).toMatch(/^https:\/\/boveda\.example\.mx\/restablecer\?token=/);
    await expect(
      server.ctx.services.people.resetLinkFor(org.b.id, p.email, { type: 'cli' }),
    ).rejects.toMatchObject({
      code: 'MEMBER_NOT_FOUND',
    });
  });
});
