import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUniverse,
  type UniverseFilter,
} from '../../../../../../packages/sat-simulator/src/universe/index.js';
import { createIngestionKit, type IngestionKit } from './testing/kit.js';

/**
 * Packages shipped by the SAT simulator must land in PostgreSQL as exactly the simulator's ground
 * truth: the same UUIDs, amounts, parties and (after the metadata) statuses.
 */
const RFC = 'EKU9003173C9';
const universe = createUniverse({
  seed: 'ingestion-int-test',
  volumes: { [RFC]: { issuedPerMonth: 90, receivedPerMonth: 40 } },
  cfdiPerPackage: 70,
  metadataRowsPerPackage: 50,
});
const filter = (kind: 'cfdi' | 'metadata', direction: 'issued' | 'received'): UniverseFilter => ({
  requesterRfc: RFC,
  direction,
  kind,
  from: '2025-01-01T00:00:00',
  to: '2025-02-28T23:59:59',
  status: 'Todos',
});

const cents = (amount: string) => {
  const [int, frac = ''] = amount.split('.');
  return BigInt(int!) * 100n + BigInt(`${frac}00`.slice(0, 2)) * (amount.startsWith('-') ? -1n : 1n);
};
const local = (t: string | undefined) => (t ? t.replace('T', ' ') : null);

let kit: IngestionKit;
beforeAll(async () => {
  kit = await createIngestionKit();
});
afterAll(async () => {
  await kit?.close();
});

async function ingestAll(kind: 'cfdi' | 'metadata', direction: 'issued' | 'received') {
  const plans = universe.planPackages(`REQ-${kind}-${direction}`, filter(kind, direction));
  expect(plans.length).toBeGreaterThan(1); // several packages per request
  const results = [];
  for (const plan of plans) {
    const objectKey = `tenants/${kit.tenantA}/clientes/${RFC}/2025/paquetes/${kind}/${plan.id}.zip`;
    await kit.storage.put(objectKey, universe.packageZip(plan));
    results.push(
      await kit.ingestion().ingestPackage({ tenantId: kit.tenantA, objectKey, kind, satPackageId: plan.id }),
    );
  }
  return results;
}

describe('simulator packages → PostgreSQL', () => {
  it('CFDI and metadata packages ingest to exactly the ground truth', async () => {
    for (const direction of ['issued', 'received'] as const) {
      const cfdi = await ingestAll('cfdi', direction);
      expect(cfdi.every((r) => r.state === 'completed' && r.rejected === 0 && r.duplicates === 0)).toBe(true);
      const meta = await ingestAll('metadata', direction);
      expect(meta.every((r) => r.state === 'completed' && r.rejected === 0)).toBe(true);
    }
    const expected = [
      ...universe.select(filter('cfdi', 'issued')),
      ...universe.select(filter('cfdi', 'received')),
    ];
    const truth = [
      ...universe.truth(filter('cfdi', 'issued')),
      ...universe.truth(filter('cfdi', 'received')),
    ].sort();

    const { rows } = await kit.db.pool.query(
      `SELECT upper(uuid::text) AS uuid, total::text, emisor_rfc, receptor_rfc, tipo, version,
              to_char(issued_at, 'YYYY-MM-DD HH24:MI:SS') AS issued_at, status,
              to_char(cancelled_at, 'YYYY-MM-DD HH24:MI:SS') AS cancelled_at, complementos
       FROM cfdi_documents WHERE tenant_id = $1 ORDER BY 1`,
      [kit.tenantA],
    );
    expect(rows.map((r) => r.uuid)).toEqual(truth);
    expect(rows.length).toBe(expected.length);

    const byUuid = new Map(rows.map((r) => [r.uuid as string, r]));
    for (const doc of expected) {
      const row = byUuid.get(doc.uuid)!;
      expect(row).toMatchObject({
        emisor_rfc: doc.issuerRfc,
        receptor_rfc: doc.receiverRfc,
        tipo: doc.documentType,
        version: doc.version,
        issued_at: local(doc.issuedAt),
        status: doc.status,
        cancelled_at: local(doc.cancelledAt),
      });
      expect(cents(row.total)).toBe(cents(doc.total));
      for (const c of doc.complementos) expect(row.complementos).toContain(c);
    }
    const sumTruth = expected.reduce((n, d) => n + cents(d.total), 0n);
    const { rows: sums } = await kit.db.pool.query(
      'SELECT sum(total)::text AS total, count(*) FILTER (WHERE status = $2)::int AS cancelled FROM cfdi_documents WHERE tenant_id = $1',
      [kit.tenantA, 'cancelado'],
    );
    expect(cents(sums[0].total)).toBe(sumTruth);
    expect(sums[0].cancelled).toBe(expected.filter((d) => d.status === 'cancelado').length);

    const { rows: metaRows } = await kit.db.pool.query(
      'SELECT count(*)::int AS n, sum(monto)::text AS monto FROM cfdi_metadata WHERE tenant_id = $1',
      [kit.tenantA],
    );
    expect(metaRows[0].n).toBe(expected.length);
    expect(cents(metaRows[0].monto)).toBe(sumTruth);
  });
});
