import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

describe('GET /api/v1/audit-events/verify', () => {
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  beforeAll(async () => {
    server = await startTestServer();
    h = await seedTwoOrganizations(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** As a superuser past the append-only trigger. */
  async function tamper(sql: string, values: unknown[]) {
    const client = await server.ctx.database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(sql, values);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
  }

  it('answers admins and owners only, with their own chain', async () => {
    const ok = await h.call('GET', '/api/v1/audit-events/verify');
    expect(ok.status).toBe(200);
    // Seeding recorded the tenant, the owner and three API keys in A's chain.
    expect(ok.body).toEqual({ ok: true, checked: 5, unchained: 0, headSeq: 5 });
    for (const key of [h.keys.member, h.keys.viewer]) {
      const denied = await h.call('GET', '/api/v1/audit-events/verify', undefined, key);
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    const docs = (await fetch(`${server.url}/docs/json`).then((r) => r.json())) as {
      paths: Record<string, { get: { operationId: string } }>;
    };
    expect(docs.paths['/api/v1/audit-events/verify']?.get.operationId).toBe('verifyAuditChain');
  });

  it("names the first broken event of A's chain to A, never to B", async () => {
    const { rows } = await server.ctx.database.pool.query<{ id: string }>(
      'SELECT id FROM audit_events WHERE tenant_id = $1 ORDER BY seq',
      [h.tenantA],
    );
    await tamper(`UPDATE audit_events SET metadata = '{"role": "viewer"}' WHERE id = $1`, [rows[1]!.id]);
    const a = await h.call('GET', '/api/v1/audit-events/verify');
    expect(a.body).toMatchObject({
      ok: false,
      firstBroken: { id: rows[1]!.id, seq: 2, reason: 'hash_mismatch' },
    });
    const b = await h.call('GET', '/api/v1/audit-events/verify', undefined, h.keys.otherAdmin);
    expect(b.status).toBe(200);
    expect(b.body).toEqual({ ok: true, checked: 3, unchained: 0, headSeq: 3 });
  });
});
