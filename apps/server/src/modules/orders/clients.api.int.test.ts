import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';
import { createLogger } from '../../platform/logging/index.js';

const client = (over: Record<string, unknown> = {}) => ({
  name: 'Ferretería La Tuerca',
  rfc: 'XIA190128J61',
  email: 'compras@latuerca.mx',
  phone: '+52 55 1234 5678',
  address: 'Av. Juárez 100, Centro, CDMX',
  fiscalRegime: '601',
  postalCode: '06000',
  cfdiUse: 'G01',
  ...over,
});

/** Clients on the real app: sealed personal data, unique email, archive, audit, roles, isolation. */
describe('clients API', () => {
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  // Every log line at debug level: no personal value may be written.
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      logger: createLogger({
        level: 'debug',
        destination: { write: (line: string) => void logLines.push(line) },
      }),
    });
    h = await seedTwoOrganizations(server);
  });
  afterAll(async () => server?.close());

  it('creates, reads, changes and lists a client, with its personal data sealed in the database', async () => {
    const created = await h.call('POST', '/api/v1/clients', client(), h.keys.member);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Ferretería La Tuerca',
      email: 'compras@latuerca.mx',
      phone: '+52 55 1234 5678',
      archived: false,
      orderCount: 0,
    });
    const id = created.body.id;
    const read = await h.call('GET', `/api/v1/clients/${id}`, undefined, h.keys.viewer);
    expect(read.body.address).toBe('Av. Juárez 100, Centro, CDMX');

    const changed = await h.call('PATCH', `/api/v1/clients/${id}`, { phone: '55 8765 4321' }, h.keys.member);
    expect(changed.body).toMatchObject({ phone: '55 8765 4321', email: 'compras@latuerca.mx' });
    const list = await h.call('GET', '/api/v1/clients?q=tuerca', undefined, h.keys.viewer);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, email: 'compras@latuerca.mx', orderCount: 0 }),
    ]);
    expect(list.body.items[0]).not.toHaveProperty('phone');
    const byEmail = await h.call(
      'GET',
      `/api/v1/clients?email=${encodeURIComponent(' COMPRAS@LaTuerca.mx ')}`,
      undefined,
      h.keys.viewer,
    );
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toEqual([id]);

    // Nothing personal in clear anywhere in the database.
    const dump = await server.ctx.database.pool.query(
      "SELECT string_agg(t::text, ' ') AS all FROM (SELECT * FROM clients) t",
    );
    const audit = await server.ctx.database.pool.query(
      "SELECT string_agg(a::text, ' ') AS all FROM audit_events a",
    );
    expect(logLines.some((l) => l.includes('/api/v1/clients?email='))).toBe(true);
    // One line per request, at debug (LOG_LEVEL=info stays readable).
    const requestLines = logLines.filter((l) => l.includes('"msg":"request completed"'));
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((l) => l.includes('"level":20') && l.includes('"statusCode"'))).toBe(true);
    expect(logLines.some((l) => l.includes('incoming request'))).toBe(false);
    for (const text of [dump.rows[0].all, audit.rows[0].all, logLines.join('\n')])
      for (const secret of ['latuerca', '1234 5678', '1234%205678', '8765 4321', 'juárez', 'ju%c3%a1rez'])
        expect(text.toLowerCase()).not.toContain(secret);
  });

  it('refuses a second client with the same email in another case or with spaces, also when concurrent', async () => {
    const first = await h.call(
      'POST',
      '/api/v1/clients',
      client({ email: 'ventas@norte.mx' }),
      h.keys.member,
    );
    expect(first.status).toBe(201);
    const again = await h.call(
      'POST',
      '/api/v1/clients',
      client({ email: '  VENTAS@Norte.MX ' }),
      h.keys.member,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CLIENT_EMAIL_TAKEN');
    const [a, b] = await Promise.all([
      h.call('POST', '/api/v1/clients', client({ email: 'Race@Sur.mx' }), h.keys.member),
      h.call('POST', '/api/v1/clients', client({ email: 'race@sur.MX ' }), h.keys.member),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    // Changing an email to one taken is refused too; another organization may use it.
    const other = await h.call('POST', '/api/v1/clients', client({ email: 'otro@norte.mx' }), h.keys.member);
    const clash = await h.call(
      'PATCH',
      `/api/v1/clients/${other.body.id}`,
      { email: 'VENTAS@norte.mx' },
      h.keys.member,
    );
    expect(clash.body.code).toBe('CLIENT_EMAIL_TAKEN');
    expect(
      (await h.call('POST', '/api/v1/clients', client({ email: 'ventas@norte.mx' }), h.keys.otherAdmin))
        .status,
    ).toBe(201);
  });

  it('records who read personal data and what changed, masked', async () => {
    const created = await h.call('POST', '/api/v1/clients', client({ email: 'audit@x.mx' }), h.keys.member);
    await h.call('GET', `/api/v1/clients/${created.body.id}`, undefined, h.keys.viewer);
    await h.call(
      'PATCH',
      `/api/v1/clients/${created.body.id}`,
      { name: 'Otro nombre', address: 'Calle 2' },
      h.keys.member,
    );
    const reads = await server.ctx.database.pool.query(
      "SELECT actor_type, actor_label, target_id, metadata FROM audit_events WHERE action = 'secret.decrypted' AND target_id LIKE $1",
      [`%${created.body.id}%`],
    );
    expect(reads.rows.length).toBeGreaterThan(0);
    expect(reads.rows.every((r) => r.actor_type === 'api_key' && r.metadata.requestId)).toBe(true);
    // A list page is one recorded read naming every client whose email it showed.
    const before = await server.ctx.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'secret.decrypted'",
    );
    const page = await h.call('GET', '/api/v1/clients?limit=3', undefined, h.keys.viewer);
    const after = await server.ctx.database.pool.query(
      "SELECT metadata FROM audit_events WHERE action = 'secret.decrypted' ORDER BY id DESC LIMIT 1",
    );
    const count = await server.ctx.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'secret.decrypted'",
    );
    expect(count.rows[0].n - before.rows[0].n).toBe(1);
    expect(after.rows[0].metadata.records).toHaveLength(page.body.items.length);
    const change = await server.ctx.database.pool.query(
      "SELECT metadata FROM audit_events WHERE action = 'client.updated' AND target_id = $1",
      [created.body.id],
    );
    expect(change.rows[0].metadata.changes).toEqual({
      name: { before: 'Ferretería La Tuerca', after: 'Otro nombre' },
      address: { before: '•••', after: '•••' },
    });
  });

  it('archives a client with orders instead of deleting it', async () => {
    const c = await h.call('POST', '/api/v1/clients', client({ email: 'orders@x.mx' }), h.keys.member);
    const order = await h.call(
      'POST',
      '/api/v1/orders',
      {
        number: 'A-1',
        clientId: c.body.id,
        lines: [{ sku: 'T-1', description: 'Tornillo', quantity: 1, unitPrice: '10' }],
      },
      h.keys.member,
    );
    expect(order.status).toBe(201);
    expect((await h.call('GET', `/api/v1/clients/${c.body.id}`)).body.orderCount).toBe(1);
    const del = await h.call('DELETE', `/api/v1/clients/${c.body.id}`, undefined, h.keys.admin);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('CLIENT_HAS_ORDERS');
    const archived = await h.call('POST', `/api/v1/clients/${c.body.id}/archive`, undefined, h.keys.member);
    expect(archived.body.archived).toBe(true);
    const list = await h.call('GET', '/api/v1/clients', undefined, h.keys.viewer);
    expect(list.body.items.some((x: { id: string }) => x.id === c.body.id)).toBe(false);
    const refused = await h.call(
      'POST',
      '/api/v1/orders',
      {
        number: 'A-2',
        clientId: c.body.id,
        lines: [{ sku: 'T-1', description: 'Tornillo', quantity: 1, unitPrice: '10' }],
      },
      h.keys.member,
    );
    expect(refused.body.code).toBe('CLIENT_ARCHIVED');
    const fresh = await h.call('POST', '/api/v1/clients', client({ email: 'gone@x.mx' }), h.keys.member);
    expect(
      (await h.call('DELETE', `/api/v1/clients/${fresh.body.id}`, undefined, h.keys.member)).status,
    ).toBe(403);
    expect((await h.call('DELETE', `/api/v1/clients/${fresh.body.id}`, undefined, h.keys.admin)).status).toBe(
      204,
    );
    expect((await h.call('GET', `/api/v1/clients/${fresh.body.id}`)).status).toBe(404);
  });

  it('keeps roles and organizations apart, and answers bad input with problems', async () => {
    const c = await h.call('POST', '/api/v1/clients', client({ email: 'iso@x.mx' }), h.keys.member);
    expect((await h.call('POST', '/api/v1/clients', client({ email: 'v@x.mx' }), h.keys.viewer)).status).toBe(
      403,
    );
    for (const [method, path] of [
      ['GET', `/api/v1/clients/${c.body.id}`],
      ['PATCH', `/api/v1/clients/${c.body.id}`],
      ['DELETE', `/api/v1/clients/${c.body.id}`],
      ['POST', `/api/v1/clients/${c.body.id}/archive`],
    ] as const) {
      const res = await h.call(
        method,
        path,
        method === 'PATCH' ? { name: 'x' } : undefined,
        h.keys.otherAdmin,
      );
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const listB = await h.call('GET', '/api/v1/clients', undefined, h.keys.otherAdmin);
    expect(listB.body.items.some((x: { id: string }) => x.id === c.body.id)).toBe(false);
    const bad = await h.call(
      'POST',
      '/api/v1/clients',
      client({ email: 'no-es-correo', rfc: 'ABC' }),
      h.keys.member,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.rfc']);
    expect((await h.call('GET', '/api/v1/clients/not-a-uuid')).status).toBe(400);
    expect((await h.call('GET', '/api/v1/clients?cursor=zzz')).body.code).toBe('INVALID_CURSOR');
  });
});
