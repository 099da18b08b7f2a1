import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/support/http.js';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';

/** Idempotency-Key on the real app, with POST /api/v1/api-keys as the write whose effects we count. */
describe('Idempotency-Key', () => {
  let server: TestServer;
  let tenantA: { tenantId: string; tenantSlug: string };
  let tenantB: { tenantId: string; tenantSlug: string };
  let keyA: string;
  let keyA2: string;
  let keyB: string;

  beforeAll(async () => {
    server = await startTestServer();
    tenantA = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'a@a.mx',
      password: 'pw-aaaaaaaaaa',
      role: 'owner',
    });
    tenantB = await server.seedUser({
      tenantName: 'Despacho B',
      email: 'b@b.mx',
      password: 'pw-bbbbbbbbbb',
      role: 'owner',
    });
    keyA = (await server.createApiKey(tenantA.tenantSlug, 'owner')).key;
    keyA2 = (await server.createApiKey(tenantA.tenantSlug, 'owner')).key;
    keyB = (await server.createApiKey(tenantB.tenantSlug, 'owner')).key;
  });
  afterAll(() => server.close());

  const createKey = (apiKey: string, body: unknown, idempotencyKey?: string) =>
    fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      body: JSON.stringify(body),
    });

  const keysNamed = async (name: string) =>
    Number(
      (
        await server.ctx.database.pool.query('SELECT count(*)::int AS n FROM api_keys WHERE name = $1', [
          name,
        ])
      ).rows[0].n,
    );

  it('runs the handler once and replays its answer, status and body, with Idempotent-Replayed', async () => {
    const key = randomUUID();
    const first = await createKey(keyA, { name: 'replayed', role: 'viewer' }, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await json(first);

    // Same body, other key order and spacing: the same request.
    const again = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keyA}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: '{ "role": "viewer",  "name": "replayed" }',
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(await json(again)).toEqual(created);
    expect(await keysNamed('replayed')).toBe(1);

    // The stored answer holds the new key: it is sealed, never in clear in the table.
    const { rows } = await server.ctx.database.pool.query(
      'SELECT response_body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(rows[0].response_body.toString('latin1')).not.toContain(created.key);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const key = randomUUID();
    expect((await createKey(keyA, { name: 'first body', role: 'viewer' }, key)).status).toBe(201);
    const reused = await createKey(keyA, { name: 'second body', role: 'viewer' }, key);
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(await json(reused)).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await keysNamed('second body')).toBe(0);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS to a second request while the first runs', async () => {
    const pool = server.ctx.database.pool;
    // Slow down the insert the handler makes, so the second request surely arrives during the first.
    await pool.query(`CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN PERFORM pg_sleep(0.4); RETURN NEW; END $$`);
    await pool.query(
      'CREATE TRIGGER slow_insert BEFORE INSERT ON api_keys FOR EACH ROW EXECUTE FUNCTION slow_insert()',
    );
    try {
      const key = randomUUID();
      const body = { name: 'concurrent', role: 'viewer' };
      const first = createKey(keyA, body, key);
      await new Promise((r) => setTimeout(r, 100));
      const second = await createKey(keyA, body, key);
      expect(second.status).toBe(409);
      expect(await json(second)).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
      expect((await first).status).toBe(201);
      // After the first answered, the same request is a replay.
      const third = await createKey(keyA, body, key);
      expect(third.status).toBe(201);
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect(await keysNamed('concurrent')).toBe(1);
    } finally {
      await pool.query('DROP TRIGGER slow_insert ON api_keys');
      await pool.query('DROP FUNCTION slow_insert()');
    }
  });

  it('creates exactly one key when the same request races itself', async () => {
    const key = randomUUID();
    const body = { name: 'raced', role: 'viewer' };
    const answers = await Promise.all([1, 2, 3, 4].map(() => createKey(keyA, body, key)));
    for (const res of answers) expect([201, 409]).toContain(res.status);
    expect(answers.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'))).toHaveLength(1);
    expect(await keysNamed('raced')).toBe(1);
  });

  it('does not store a 5xx: the key can be retried and then runs', async () => {
    const pool = server.ctx.database.pool;
    await pool.query(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await pool.query(
      'CREATE TRIGGER fail_insert BEFORE INSERT ON api_keys FOR EACH ROW EXECUTE FUNCTION fail_insert()',
    );
    const key = randomUUID();
    const body = { name: 'after a 500', role: 'viewer' };
    try {
      const failed = await createKey(keyA, body, key);
      expect(failed.status).toBe(500);
    } finally {
      await pool.query('DROP TRIGGER fail_insert ON api_keys');
      await pool.query('DROP FUNCTION fail_insert()');
    }
    const { rows } = await pool.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);
    expect(rows).toHaveLength(0);
    const retried = await createKey(keyA, body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await keysNamed('after a 500')).toBe(1);
  });

  it('stores a 4xx and replays it', async () => {
    const key = randomUUID();
    // A viewer key may not create keys at all: 403 from the guard runs before the key is looked at.
    // A role above one's own is a 403 from the service: stored.
    const admin = (await server.createApiKey(tenantA.tenantSlug, 'admin')).key;
    const first = await createKey(admin, { name: 'too high', role: 'owner' }, key);
    expect(first.status).toBe(403);
    const body = await json(first);
    const again = await createKey(admin, { name: 'too high', role: 'owner' }, key);
    expect(again.status).toBe(403);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).code).toBe(body.code);
  });

  it('keeps keys apart per organization and per client', async () => {
    const key = randomUUID();
    const a = await createKey(keyA, { name: 'shared key', role: 'viewer' }, key);
    const b = await createKey(keyB, { name: 'shared key', role: 'viewer' }, key);
    const a2 = await createKey(keyA2, { name: 'shared key', role: 'viewer' }, key);
    for (const res of [a, b, a2]) {
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
    }
    const [bodyA, bodyB] = [await json(a), await json(b)];
    expect(bodyA.id).not.toBe(bodyB.id);
    // Each replays its own answer, never the other organization's.
    const replayB = await createKey(keyB, { name: 'shared key', role: 'viewer' }, key);
    expect((await json(replayB)).id).toBe(bodyB.id);
    const inB = await server.ctx.database.pool.query(
      "SELECT tenant_id FROM api_keys WHERE name = 'shared key' ORDER BY tenant_id",
    );
    expect(inB.rows.map((r) => r.tenant_id).sort()).toEqual(
      [tenantA.tenantId, tenantA.tenantId, tenantB.tenantId].sort(),
    );
  });

  it('refuses a malformed key, and ignores none when absent', async () => {
    const long = await createKey(keyA, { name: 'bad key', role: 'viewer' }, 'x'.repeat(256));
    expect(long.status).toBe(400);
    expect(await json(long)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const spaced = await createKey(keyA, { name: 'bad key', role: 'viewer' }, 'has space');
    expect(spaced.status).toBe(400);
    expect(await keysNamed('bad key')).toBe(0);
    // Without a key nothing is stored and every request runs.
    await createKey(keyA, { name: 'no key', role: 'viewer' });
    await createKey(keyA, { name: 'no key', role: 'viewer' });
    expect(await keysNamed('no key')).toBe(2);
  });

  it('lets the same request take over a key whose first request died, and nobody else', async () => {
    const key = randomUUID();
    expect((await createKey(keyA, { name: 'orphaned', role: 'viewer' }, key)).status).toBe(201);
    // As a process killed mid-request leaves it: in progress, its lease over.
    await server.ctx.database.pool.query(
      `UPDATE idempotency_keys SET state = 'in_progress', response_status = NULL, response_body = NULL,
         locked_until = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const other = await createKey(keyA, { name: 'not the same', role: 'viewer' }, key);
    expect(other.status).toBe(422);
    const retried = await createKey(keyA, { name: 'orphaned', role: 'viewer' }, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await keysNamed('orphaned')).toBe(2);
  });

  it('takes over an expired key', async () => {
    const key = randomUUID();
    expect((await createKey(keyA, { name: 'expiring', role: 'viewer' }, key)).status).toBe(201);
    await server.ctx.database.pool.query(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
      [key],
    );
    const later = await createKey(keyA, { name: 'expiring', role: 'viewer' }, key);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await keysNamed('expiring')).toBe(2);
  });
});
