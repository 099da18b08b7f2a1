import { type Role, roles } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { createTenantsRepository, createTenantsService } from './index.js';

const PASSWORD = 'correct horse battery';

/** A signed-in browser: session cookie plus the CSRF header on writes. */
async function signIn(url: string, email: string, password: string, tenant?: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(tenant ? { tenant } : {}) }),
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
  return { res, call };
}

describe('inviting people: nobody joins an organization without consenting', () => {
  let server: TestServer;
  const org = {} as Record<'a' | 'b', { slug: string; id: string; keys: Record<Role, string> }>;

  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['a', 'b'] as const) {
      const seeded = await server.seedUser({
        tenantName: `Despacho ${name.toUpperCase()}`,
        email: `owner-${name}@despacho.mx`,
        password: PASSWORD,
        role: 'owner',
      });
      const keys = {} as Record<Role, string>;
      for (const r of roles) keys[r] = (await server.createApiKey(seeded.tenantSlug, r)).key;
      org[name] = { slug: seeded.tenantSlug, id: seeded.tenantId, keys };
    }
  });
  afterAll(() => server?.close());

  const api = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const invite = (key: string, email: string, role: Role = 'member', password = 'initial-password-1') =>
    api(key, 'POST', '/api/v1/users', { email, password, role, name: 'Someone' });

  it('answers the same whether or not the email already has an account elsewhere', async () => {
    const existing = await invite(org.a.keys.admin, 'owner-b@despacho.mx');
    const fresh = await invite(org.a.keys.admin, 'nueva@correo.mx');
    expect(existing.status).toBe(202);
    expect(fresh.status).toBe(202);
    const [a, b] = [await json(existing), await json(fresh)];
    const shape = (o: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'email' ? 'email' : typeof v]));
    expect(shape(a)).toEqual(shape(b));
    expect(a).toMatchObject({ email: 'owner-b@despacho.mx', role: 'member', status: 'pending' });
    expect(b).toMatchObject({ email: 'nueva@correo.mx', role: 'member', status: 'pending' });
    // Nothing about the person comes back: not their id, not the name their own organization knows.
    const ownerB = await server.ctx.services.tenants.findUserByEmail('owner-b@despacho.mx');
    expect(JSON.stringify(a)).not.toContain(ownerB!.id);
    expect(JSON.stringify(a)).not.toContain('Someone');
    // Both wait in the organization's list alike; neither is a member yet.
    const pending = await json(api(org.a.keys.admin, 'GET', '/api/v1/invitations'));
    expect(pending.items.map((i: { email: string; status: string }) => [i.email, i.status]).sort()).toEqual([
      ['nueva@correo.mx', 'pending'],
      ['owner-b@despacho.mx', 'pending'],
    ]);
    const members = await json(api(org.a.keys.admin, 'GET', '/api/v1/users'));
    expect(members.items.map((m: { email: string }) => m.email)).toEqual(['owner-a@despacho.mx']);
  });

  it('keeps an invited person out of the organization until they accept', async () => {
    const refused = await signIn(server.url, 'owner-b@despacho.mx', PASSWORD, org.a.slug);
    expect(refused.res.status).toBe(403);
    expect((await json(refused.res)).code).toBe('NOT_A_MEMBER');

    const person = await signIn(server.url, 'owner-b@despacho.mx', PASSWORD);
    expect(person.res.status).toBe(200);
    const mine = await json(person.call('GET', '/api/v1/me/invitations'));
    expect(mine.items).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ slug: org.a.slug }),
        role: 'member',
      }),
    ]);
    const accepted = await person.call('POST', `/api/v1/me/invitations/${mine.items[0].id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toMatchObject({ organization: { slug: org.a.slug }, role: 'member' });

    expect((await json(person.call('GET', '/api/v1/me/invitations'))).items).toEqual([]);
    // Now a member: the web session moves there, and a sign-in naming it works.
    const switched = await person.call('POST', '/api/v1/auth/switch', { tenant: org.a.slug });
    expect(switched.status).toBe(200);
    expect(await json(switched)).toMatchObject({ tenant: { slug: org.a.slug }, role: 'member' });
    expect((await signIn(server.url, 'owner-b@despacho.mx', PASSWORD, org.a.slug)).res.status).toBe(200);
    const members = await json(api(org.a.keys.admin, 'GET', '/api/v1/users'));
    expect(members.items.map((m: { email: string }) => m.email)).toContain('owner-b@despacho.mx');
    // The first session was replaced by the switch.
    expect((await person.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('lets a person decline, and then they stay out', async () => {
    await invite(org.b.keys.owner, 'owner-a@despacho.mx', 'viewer');
    const person = await signIn(server.url, 'owner-a@despacho.mx', PASSWORD);
    const [invitation] = (await json(person.call('GET', '/api/v1/me/invitations'))).items;
    expect(invitation.organization.slug).toBe(org.b.slug);
    expect((await person.call('POST', `/api/v1/me/invitations/${invitation.id}/decline`)).status).toBe(204);
    expect((await person.call('POST', `/api/v1/me/invitations/${invitation.id}/accept`)).status).toBe(404);
    expect((await signIn(server.url, 'owner-a@despacho.mx', PASSWORD, org.b.slug)).res.status).toBe(403);
    expect((await json(api(org.b.keys.admin, 'GET', '/api/v1/invitations'))).items).toEqual([]);
  });

  it('gives a new email its account with the password the admin set; its first sign-in joins', async () => {
    const first = await signIn(server.url, 'nueva@correo.mx', 'initial-password-1');
    expect(first.res.status).toBe(200);
    expect(await json(first.res)).toMatchObject({ tenant: { slug: org.a.slug }, role: 'member' });
    expect((await json(api(org.a.keys.admin, 'GET', '/api/v1/invitations'))).items).toEqual([]);
  });

  it('refreshes an open invitation instead of piling up another', async () => {
    await invite(org.b.keys.admin, 'otra@correo.mx', 'viewer');
    await invite(org.b.keys.admin, 'otra@correo.mx', 'member');
    const items = (await json(api(org.b.keys.admin, 'GET', '/api/v1/invitations'))).items;
    expect(items.filter((i: { email: string }) => i.email === 'otra@correo.mx')).toEqual([
      expect.objectContaining({ role: 'member', status: 'pending' }),
    ]);
    const again = await invite(org.a.keys.admin, 'owner-a@despacho.mx');
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('USER_ALREADY_MEMBER');
  });

  it('keeps invitations inside their organization and addressed to their person', async () => {
    const created = await json(invite(org.a.keys.admin, 'solo-a@correo.mx'));
    expect((await api(org.b.keys.admin, 'DELETE', `/api/v1/invitations/${created.id}`)).status).toBe(404);
    const bList = (await json(api(org.b.keys.admin, 'GET', '/api/v1/invitations'))).items;
    expect(bList.map((i: { id: string }) => i.id)).not.toContain(created.id);
    // Someone else signed in cannot accept it.
    const intruder = await signIn(server.url, 'owner-b@despacho.mx', PASSWORD);
    expect((await intruder.call('POST', `/api/v1/me/invitations/${created.id}/accept`)).status).toBe(404);
    // API keys have no invitations of their own.
    expect((await api(org.a.keys.viewer, 'GET', '/api/v1/me/invitations')).status).toBe(403);
    expect((await api(org.a.keys.admin, 'DELETE', `/api/v1/invitations/${created.id}`)).status).toBe(204);
    expect((await api(org.a.keys.admin, 'DELETE', `/api/v1/invitations/${created.id}`)).status).toBe(404);
  });

  it('does not let an expired invitation be accepted', async () => {
    const later = createTenantsService({
      repo: createTenantsRepository(server.ctx.database.db),
      audit: server.ctx.services.audit,
      now: () => new Date(Date.now() + 15 * 24 * 3600_000),
    });
    const created = await json(invite(org.b.keys.admin, 'owner-a@despacho.mx', 'member'));
    const person = await server.ctx.services.tenants.findUserByEmail('owner-a@despacho.mx');
    const actor = { type: 'user' as const, id: person!.id, label: 'owner-a@despacho.mx' };
    await expect(later.acceptInvitation(person!.id, created.id, actor)).rejects.toMatchObject({
      code: 'INVITATION_EXPIRED',
    });
    expect(await later.invitationsFor(person!.id)).toEqual([]);
    expect((await later.listInvitations(org.b.id)).find((i) => i.id === created.id)?.status).toBe('expired');
  });

  it('records every step in the audit trail of the organization it concerns', async () => {
    const actions = async (tenantId: string) =>
      new Set(
        (
          await server.ctx.database.pool.query(
            "SELECT action FROM audit_events WHERE tenant_id = $1 AND (action LIKE 'invitation.%' OR action = 'user.invited')",
            [tenantId],
          )
        ).rows.map((r) => r.action),
      );
    expect(await actions(org.a.id)).toEqual(
      new Set(['user.invited', 'invitation.accepted', 'invitation.revoked']),
    );
    expect(await actions(org.b.id)).toEqual(new Set(['user.invited', 'invitation.declined']));
  });
});

describe('nobody acts on a key, person or invitation of a higher role', () => {
  let server: TestServer;
  let keys: Record<Role, string>;
  let ownerKey: string;

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Despacho Roles',
      email: 'owner@roles.mx',
      password: PASSWORD,
      role: 'owner',
    });
    keys = {} as Record<Role, string>;
    for (const r of roles) keys[r] = (await server.createApiKey(seeded.tenantSlug, r)).key;
    ownerKey = keys.owner;
  });
  afterAll(() => server?.close());

  const api = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
  // Managing keys and people needs admin; within that, the target's role decides.
  const expected = (actor: Role, target: Role) =>
    rank[actor] < rank.admin
      ? [403, 'FORBIDDEN']
      : rank[target] > rank[actor]
        ? [403, 'ROLE_ABOVE_OWN']
        : null;

  for (const actor of roles) {
    for (const target of roles) {
      it(`${actor} acting on ${target}: API key create and revoke, invitation create and revoke`, async () => {
        const refusal = expected(actor, target);
        const outcome = async (res: Response, ok: number) => {
          if (!refusal) return expect(res.status).toBe(ok);
          expect(res.status).toBe(refusal[0]);
          expect((await json(res)).code).toBe(refusal[1]);
        };
        await outcome(await api(keys[actor], 'POST', '/api/v1/api-keys', { name: 'k', role: target }), 201);
        const victim = await json(api(ownerKey, 'POST', '/api/v1/api-keys', { name: 'v', role: target }));
        await outcome(await api(keys[actor], 'DELETE', `/api/v1/api-keys/${victim.id}`), 204);

        const email = `${actor}-${target}@roles.mx`;
        await outcome(
          await api(keys[actor], 'POST', '/api/v1/users', {
            email,
            password: 'initial-password-1',
            role: target,
          }),
          202,
        );
        const invitation = await json(
          api(ownerKey, 'POST', '/api/v1/users', {
            email: `v-${email}`,
            password: 'initial-password-1',
            role: target,
          }),
        );
        await outcome(await api(keys[actor], 'DELETE', `/api/v1/invitations/${invitation.id}`), 204);
      });
    }
  }
});
