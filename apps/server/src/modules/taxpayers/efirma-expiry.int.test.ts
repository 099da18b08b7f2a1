import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { createEfirmaChecks, createEfirmaVault, createTaxpayersService, loadSatTrust } from './index.js';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../test-fixtures/efirma',
);
const file = (name: string) => readFileSync(path.join(fixtures, name));

/** The SAT test e.firma ends 2027-05-17T04:37:14Z; the service's clock is set around it. */
describe('an e.firma about to expire is announced once per threshold', () => {
  let server: TestServer;
  let tenantId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Expira',
      email: 'e@x.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    tenantId = seeded.tenantId;
    await server.ctx.services.taxpayers.addTaxpayer(
      tenantId,
      {
        certificate: file('fiel-EKU9003173C9.cer'),
        privateKey: file('fiel-EKU9003173C9.key'),
        password: '12345678a',
      },
      { type: 'system', label: 'test' },
    );
  });
  afterAll(() => server?.close());

  const at = (iso: string) =>
    createTaxpayersService({
      db: server.ctx.database.db,
      transaction: server.ctx.database.transaction,
      events: server.ctx.events,
      vault: createEfirmaVault({ storage: server.ctx.storage, secretBox: server.ctx.secretBox }),
      audit: server.ctx.services.audit,
      checks: createEfirmaChecks({ trust: loadSatTrust({ trustTestCa: true, extraCaFiles: [] }) }),
      now: () => new Date(iso),
    });
  const announced = async () =>
    (
      await server.ctx.database.pool.query(
        "SELECT payload FROM domain_events WHERE type = 'taxpayers.efirma.expiring' AND tenant_id = $1 ORDER BY id",
        [tenantId],
      )
    ).rows.map((r) => [r.payload.threshold, r.payload.daysLeft]);

  it('says nothing while more than 30 days are left, then announces 30, 7 and 1 days once each', async () => {
    expect(await at('2027-04-01T00:00:00Z').announceExpiring()).toBe(0);
    expect(await at('2027-04-20T00:00:00Z').announceExpiring()).toBe(1);
    // Run again the same day, and the next: nothing new.
    expect(await at('2027-04-20T12:00:00Z').announceExpiring()).toBe(0);
    expect(await at('2027-04-21T00:00:00Z').announceExpiring()).toBe(0);
    expect(await at('2027-05-12T00:00:00Z').announceExpiring()).toBe(1);
    expect(await at('2027-05-16T12:00:00Z').announceExpiring()).toBe(1);
    expect(await at('2027-05-17T00:00:00Z').announceExpiring()).toBe(0);
    expect(await announced()).toEqual([
      [30, 27],
      [7, 5],
      [1, 0],
    ]);
    // Expired: nothing to announce any more.
    expect(await at('2027-06-01T00:00:00Z').announceExpiring()).toBe(0);
  });

  it('catches up with the nearest threshold only, after a server that was off for weeks', async () => {
    await server.ctx.database.pool.query(
      'UPDATE taxpayers SET expiry_announced_days = NULL WHERE tenant_id = $1',
      [tenantId],
    );
    await server.ctx.database.pool.query(
      "DELETE FROM domain_events WHERE type = 'taxpayers.efirma.expiring'",
    );
    expect(await at('2027-05-14T00:00:00Z').announceExpiring()).toBe(1);
    expect(await announced()).toEqual([[7, 3]]);
  });

  it('announces once when several workers run the check at the same moment', async () => {
    await server.ctx.database.pool.query(
      'UPDATE taxpayers SET expiry_announced_days = NULL WHERE tenant_id = $1',
      [tenantId],
    );
    await server.ctx.database.pool.query(
      "DELETE FROM domain_events WHERE type = 'taxpayers.efirma.expiring'",
    );
    const runs = await Promise.all([1, 2, 3, 4].map(() => at('2027-05-12T00:00:00Z').announceExpiring()));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await announced()).toEqual([[7, 5]]);
  });

  it('says nothing about a removed e.firma', async () => {
    await server.ctx.database.pool.query(
      'UPDATE taxpayers SET expiry_announced_days = NULL WHERE tenant_id = $1',
      [tenantId],
    );
    await server.ctx.database.pool.query(
      "DELETE FROM domain_events WHERE type = 'taxpayers.efirma.expiring'",
    );
    await server.ctx.services.taxpayers.removeTaxpayer(tenantId, 'EKU9003173C9', {
      type: 'system',
      label: 'test',
    });
    expect(await at('2027-05-12T00:00:00Z').announceExpiring()).toBe(0);
    expect(await announced()).toEqual([]);
  });
});
