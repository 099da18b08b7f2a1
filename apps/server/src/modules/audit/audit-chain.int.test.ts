import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createDatabase, type Database } from '../../platform/db/client.js';
import { createAuditRepository } from './audit.repository.js';
import { auditEvents } from './audit.schema.js';
import { type AuditInput, createAuditService } from './audit.service.js';
import { chainHash } from './audit-chain.js';
import { createDecryptionAuditLog } from './decryption-log.js';

const actor = {
  type: 'user' as const,
  id: 'u-1',
  label: 'ana@despacho.mx',
  ip: '10.0.0.1',
  userAgent: 'vitest',
};
const event = (tenantId: string | null, i: number): AuditInput => ({
  tenantId,
  actor,
  action: 'test.recorded',
  target: { type: 'thing', id: `thing-${i}` },
  metadata: { i, nested: { b: [1, 'dos', null], a: true } },
});

describe('audit hash chain (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let second: Database;
  /** Small batches, so verification pages through several of them. */
  const audit = () => createAuditService(createAuditRepository(database.db), { verifyBatch: 7 });

  beforeAll(async () => {
    database = await createTestDatabase();
    // A second pool stands in for a second process writing the same chains.
    second = createDatabase(database.url, 5);
  });
  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  /** As a superuser who bypasses the append-only trigger: what the chain must reveal. */
  async function tamper(sql: string, values: unknown[] = []) {
    const client = await database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(sql, values);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
  }

  async function rowsOf(tenantId: string) {
    const { rows } = await database.pool.query<{ id: string; seq: string }>(
      'SELECT id, seq FROM audit_events WHERE tenant_id = $1 ORDER BY seq',
      [tenantId],
    );
    return rows.map((r) => ({ id: r.id, seq: Number(r.seq) }));
  }

  async function chainOf(tenantId: string, n: number) {
    const service = audit();
    for (let i = 1; i <= n; i++) await service.record(event(tenantId, i));
    return rowsOf(tenantId);
  }

  it('serializes concurrent writers per tenant across pools: every chain verifies', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const one = audit();
    const two = createAuditService(createAuditRepository(second.db));
    await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).record(event(a, i))),
      ...Array.from({ length: 20 }, (_, i) => (i % 2 ? two : one).record(event(b, i))),
      ...Array.from({ length: 5 }, (_, i) => one.record(event(null, i))),
    ]);
    expect((await rowsOf(a)).map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await one.verifyChain(a)).toEqual({ ok: true, checked: 50, unchained: 0, headSeq: 50 });
    expect(await one.verifyChain(b)).toEqual({ ok: true, checked: 20, unchained: 0, headSeq: 20 });
    expect(await one.verifyChain(null)).toMatchObject({ ok: true, checked: 5 });
    expect(await one.chains()).toEqual(expect.arrayContaining([a, b, null]));
  });

  it('hashes metadata as jsonb gives it back: odd numbers, key order, unicode, dates, NUL', async () => {
    const tenant = randomUUID();
    const service = audit();
    await service.record({
      tenantId: tenant.toUpperCase(),
      actor: { type: 'api_key', id: 'k', userAgent: `${'x'.repeat(511)}😀` },
      action: 'test.odd',
      metadata: {
        z: 1e21,
        a: 0.1,
        tiny: 1e-7,
        negZero: -0,
        big: 2 ** 64 + 2 ** 12,
        text: 'Ñandú “comillas” \u2028 \ud800 fin\u0000',
        when: new Date('2026-12-06T01:02:03.004Z'),
        gone: undefined,
        list: [{ y: 2, x: 1 }],
        'clave\ud800': 'v',
      },
    });
    expect(await service.verifyChain(tenant)).toMatchObject({ ok: true, checked: 1 });
  });

  it('reports rows written before the chain as unchained, not broken', async () => {
    const tenant = randomUUID();
    await database.pool.query(
      "INSERT INTO audit_events (tenant_id, actor_type, action) VALUES ($1, 'system', 'test.old'), ($1, 'system', 'test.old')",
      [tenant],
    );
    const service = audit();
    expect(await service.verifyChain(tenant)).toEqual({ ok: true, checked: 0, unchained: 2, headSeq: 0 });
    await service.record(event(tenant, 1));
    expect(await service.verifyChain(tenant)).toEqual({ ok: true, checked: 1, unchained: 2, headSeq: 1 });
  });

  it('names an edited row', async () => {
    const tenant = randomUUID();
    const rows = await chainOf(tenant, 12);
    await tamper(`UPDATE audit_events SET metadata = '{"i": 999}' WHERE id = $1`, [rows[8]!.id]);
    expect(await audit().verifyChain(tenant)).toMatchObject({
      ok: false,
      firstBroken: { id: rows[8]!.id, seq: 9, reason: 'hash_mismatch' },
    });
  });

  it('names the next row when an edited row was re-hashed to match', async () => {
    const tenant = randomUUID();
    const rows = await chainOf(tenant, 4);
    const [row] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.id, Number(rows[1]!.id)));
    const forged = { ...row!, seq: row!.seq!, action: 'test.forged' };
    await tamper('UPDATE audit_events SET action = $2, hash = $3 WHERE id = $1', [
      rows[1]!.id,
      forged.action,
      chainHash(row!.prevHash!, forged),
    ]);
    expect((await audit().verifyChain(tenant)).firstBroken).toEqual({
      id: rows[2]!.id,
      seq: 3,
      reason: 'prev_mismatch',
    });
  });

  it('names the row after a deleted one (gap), and a deleted tail (head)', async () => {
    const middle = randomUUID();
    const rows = await chainOf(middle, 10);
    await tamper('DELETE FROM audit_events WHERE id = $1', [rows[4]!.id]);
    expect(await audit().verifyChain(middle)).toMatchObject({
      ok: false,
      checked: 5,
      firstBroken: { id: rows[5]!.id, seq: 6, reason: 'gap', expectedSeq: 5 },
    });

    const tail = randomUUID();
    const tailRows = await chainOf(tail, 9);
    await tamper('DELETE FROM audit_events WHERE id = ANY($1)', [[tailRows[7]!.id, tailRows[8]!.id]]);
    expect(await audit().verifyChain(tail)).toEqual({
      ok: false,
      checked: 7,
      unchained: 0,
      headSeq: 9,
      firstBroken: { id: null, seq: 9, reason: 'head_mismatch', expectedSeq: 8 },
    });
    // Writing on after the truncation leaves a gap where the tail was.
    await audit().record(event(tail, 10));
    expect((await audit().verifyChain(tail)).firstBroken).toMatchObject({
      seq: 10,
      reason: 'gap',
      expectedSeq: 8,
    });
  });

  it('notices a head deleted or rewound with its chain, and a replaced row (prev mismatch)', async () => {
    const tenant = randomUUID();
    const rows = await chainOf(tenant, 3);
    await tamper('DELETE FROM audit_chain_heads WHERE chain_key = $1', [`tenant:${tenant}`]);
    expect((await audit().verifyChain(tenant)).firstBroken).toMatchObject({
      id: rows[2]!.id,
      seq: 3,
      reason: 'head_mismatch',
    });

    const other = randomUUID();
    const otherRows = await chainOf(other, 3);
    await tamper('UPDATE audit_events SET prev_hash = sha256(prev_hash) WHERE id = $1', [otherRows[1]!.id]);
    expect((await audit().verifyChain(other)).firstBroken).toMatchObject({
      id: otherRows[1]!.id,
      reason: 'prev_mismatch',
    });
  });

  it('the chain head table refuses to move back, skip or be deleted without a superuser', async () => {
    const tenant = randomUUID();
    await chainOf(tenant, 2);
    const key = `tenant:${tenant}`;
    for (const sql of [
      'UPDATE audit_chain_heads SET seq = 1 WHERE chain_key = $1',
      'UPDATE audit_chain_heads SET seq = 5 WHERE chain_key = $1',
      'DELETE FROM audit_chain_heads WHERE chain_key = $1',
    ]) {
      await expect(database.pool.query(sql, [key])).rejects.toThrow(/only move forward/);
    }
  });

  it('records a decryption batch as one chained event listing its records', async () => {
    const tenant = randomUUID();
    const service = audit();
    const log = createDecryptionAuditLog(service);
    const reader = { type: 'job' as const, job: 'clients.export', jobId: 'j-1' };
    const aads = Array.from({ length: 150 }, (_, i) => `column:clients.email:${i}`);
    await log.recordDecryption({ tenantId: tenant, aad: aads[0]!, aads, reader });
    await log.recordDecryption({ tenantId: tenant, aad: 'taxpayer:1:efirma-key', reader });
    const { rows } = await database.pool.query(
      'SELECT target_id, metadata FROM audit_events WHERE tenant_id = $1 ORDER BY seq',
      [tenant],
    );
    expect(rows).toEqual([
      {
        target_id: aads[0],
        metadata: { job: 'clients.export', jobId: 'j-1', count: 150, records: aads },
      },
      { target_id: 'taxpayer:1:efirma-key', metadata: { job: 'clients.export', jobId: 'j-1' } },
    ]);
    expect(await service.verifyChain(tenant)).toMatchObject({ ok: true, checked: 2 });
  });
});
