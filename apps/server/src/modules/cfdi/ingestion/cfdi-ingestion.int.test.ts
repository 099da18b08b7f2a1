import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCfdi } from '../parsing/index.js';
import { fixturePath, readFixture } from '../parsing/testing/fixtures.js';
import { buildZip } from '../parsing/testing/zip-builder.js';
import { createIngestionKit, type IngestionKit } from './testing/kit.js';

const fixtureFiles = readdirSync(fixturePath('cfdi')).filter((f) => f.endsWith('.xml'));

/** What the parser makes of each fixture: the rows a package of all of them must produce. */
function expectations() {
  const byUuid = new Map<string, { total: string | null; emisor: string | null; files: string[] }>();
  let parsed = 0;
  const refused: string[] = [];
  for (const file of fixtureFiles) {
    try {
      const cfdi = parseCfdi(readFixture(`cfdi/${file}`));
      parsed++;
      const seen = byUuid.get(cfdi.uuid!);
      if (seen) seen.files.push(file);
      else byUuid.set(cfdi.uuid!, { total: cfdi.total, emisor: cfdi.emisor.rfc, files: [file] });
    } catch {
      refused.push(file);
    }
  }
  return { byUuid, parsed, refused };
}

const fixturesZip = () => buildZip(fixtureFiles.map((f) => ({ name: f, data: readFixture(`cfdi/${f}`) })));

let kit: IngestionKit;
beforeAll(async () => {
  kit = await createIngestionKit();
});
afterAll(async () => {
  await kit?.close();
});

async function documents(tenantId: string) {
  const { rows } = await kit.db.pool.query(
    `SELECT uuid, total, emisor_rfc, receptor_rfc, tipo, status, cancelled_at::text, source_entry,
            source_object_key, ingestion_id, document
     FROM cfdi_documents WHERE tenant_id = $1 ORDER BY uuid`,
    [tenantId],
  );
  return rows;
}

describe('CFDI package ingestion', () => {
  const key = (t: string) => `tenants/${t}/clientes/EKU9003173C9/2025/paquetes/cfdi/fixtures_01.zip`;

  it('stores every parseable fixture once, by UUID, and records what it refused', async () => {
    const { byUuid, parsed, refused } = expectations();
    expect(refused.length).toBeGreaterThan(0); // the templates without a TFD
    await kit.storage.put(key(kit.tenantA), fixturesZip());
    const result = await kit
      .ingestion()
      .ingestPackage({ tenantId: kit.tenantA, objectKey: key(kit.tenantA), kind: 'cfdi' });

    expect(result).toMatchObject({
      state: 'completed',
      read: fixtureFiles.length,
      stored: byUuid.size,
      duplicates: parsed - byUuid.size,
      rejected: refused.length,
      skippedEntries: 0,
    });
    expect(result.rejections.map((r) => r.file).sort()).toEqual([...refused].sort());
    expect(new Set(result.rejections.map((r) => r.code))).toEqual(new Set(['MISSING_UUID']));

    const rows = await documents(kit.tenantA);
    expect(rows.map((r) => r.uuid).sort()).toEqual([...byUuid.keys()].sort());
    for (const row of rows) {
      const want = byUuid.get(row.uuid)!;
      expect(want.files).toContain(row.source_entry);
      expect(row.source_object_key).toBe(key(kit.tenantA));
      expect(row.status).toBe('unknown');
    }
    // Read by hand from cfdiutils-cfdi40-real.xml.
    const real = rows.find((r) => r.uuid === 'c2832671-da6d-11ef-a83d-00155d012007')!;
    expect(real).toMatchObject({ total: '1000.000000', emisor_rfc: 'ISD950921HE5', tipo: 'I' });
    expect(real.document['cfdi:Comprobante']['@Total']).toBe('1000.00');

    const row = await kit.ingestion().repo.findIngestion(kit.tenantA, result.ingestionId);
    expect(row).toMatchObject({ state: 'completed', complete: true, stored: byUuid.size, error: null });
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('running the same package again changes nothing and counts duplicates', async () => {
    const before = await documents(kit.tenantA);
    const { parsed } = expectations();
    const again = await kit
      .ingestion()
      .ingestPackage({ tenantId: kit.tenantA, objectKey: key(kit.tenantA), kind: 'cfdi' });
    expect(again).toMatchObject({ state: 'completed', stored: 0, duplicates: parsed });
    expect(await documents(kit.tenantA)).toEqual(before);
  });

  it('keeps tenants apart: the same UUIDs in another tenant are new rows, the first tenant is untouched', async () => {
    const before = await documents(kit.tenantA);
    await kit.storage.put(key(kit.tenantB), fixturesZip());
    const { byUuid } = expectations();
    // Parse workers and tiny batches: the same outcome through the threaded, pipelined path.
    const threaded = kit.ingestion({
      cfdi: { workers: 2, inlineBelowBytes: 0, batchRows: 3 },
    });
    const result = await threaded.ingestPackage({
      tenantId: kit.tenantB,
      objectKey: key(kit.tenantB),
      kind: 'cfdi',
    });
    expect(result).toMatchObject({ state: 'completed', stored: byUuid.size });
    expect((await documents(kit.tenantB)).map((r) => r.uuid)).toEqual(before.map((r) => r.uuid));
    expect(await documents(kit.tenantA)).toEqual(before);
  });

  it('a package with junk and bad files stores the rest and says why each file was refused', async () => {
    const good = readFixture('cfdi/satcfdi-stamped-finkok.xml');
    const zip = buildZip([
      { name: 'good.xml', data: good },
      { name: 'billion-laughs.xml', data: readFixture('hostile/billion-laughs.xml') },
      { name: 'truncated.xml', data: good.subarray(0, 900) },
      { name: 'not-xml.xml', data: 'PK garbage' },
      { name: '__MACOSX/._good.xml', data: 'x' },
      { name: 'readme.txt', data: 'hello' },
      { name: 'empty.xml', data: '' },
    ]);
    const objectKey = `tenants/${kit.tenantB}/clientes/EKU9003173C9/2025/paquetes/cfdi/junk_01.zip`;
    await kit.storage.put(objectKey, zip);
    const tenant = kit.tenantB;
    await kit.db.pool.query('DELETE FROM cfdi_documents WHERE tenant_id = $1', [tenant]);
    const result = await kit.ingestion().ingestPackage({ tenantId: tenant, objectKey, kind: 'cfdi' });
    expect(result).toMatchObject({ state: 'completed', read: 4, stored: 1, rejected: 3 });
    expect(result.skippedEntries).toBe(3);
    expect(Object.fromEntries(result.rejections.map((r) => [r.file, r.code]))).toEqual({
      'billion-laughs.xml': 'DTD_FORBIDDEN',
      'truncated.xml': 'XML_MALFORMED',
      'not-xml.xml': 'XML_MALFORMED',
    });
    expect((await documents(tenant)).map((r) => r.uuid)).toEqual(['f08a8b8c-26db-5385-86af-2a1d354c5cc3']);
  });

  it('an unreadable package fails visibly without retry; a missing one too', async () => {
    const objectKey = `tenants/${kit.tenantA}/clientes/EKU9003173C9/2025/paquetes/cfdi/broken_01.zip`;
    await kit.storage.put(objectKey, Buffer.from('this is not a zip at all, just text'));
    const broken = await kit.ingestion().ingestPackage({ tenantId: kit.tenantA, objectKey, kind: 'cfdi' });
    expect(broken).toMatchObject({ state: 'failed', retryable: false, stored: 0 });
    expect(broken.error).toMatch(/^ZIP_CORRUPT/);
    const row = await kit.ingestion().repo.findIngestion(kit.tenantA, broken.ingestionId);
    expect(row).toMatchObject({ state: 'failed', complete: false });
    expect(row!.error).toMatch(/ZIP_CORRUPT/);

    const missing = await kit.ingestion().ingestPackage({
      tenantId: kit.tenantA,
      objectKey: `${objectKey}.nope`,
      kind: 'cfdi',
    });
    expect(missing).toMatchObject({
      state: 'failed',
      retryable: false,
      error: 'package not found in object storage',
    });
  });
});

describe('metadata package ingestion', () => {
  it('stores the fixture rows exactly, skips junk, and is idempotent', async () => {
    const objectKey = `tenants/${kit.tenantA}/clientes/EKU9003173C9/2019/paquetes/metadata/45C5C344_01.zip`;
    await kit.storage.put(objectKey, readFixture('metadata/metadata.zip'));
    const first = await kit.ingestion().ingestPackage({ tenantId: kit.tenantA, objectKey, kind: 'metadata' });
    const expected = JSON.parse(readFixture('metadata/metadata.json').toString()) as Record<
      string,
      Record<string, string>
    >;
    const want = Object.values(expected);
    expect(first).toMatchObject({ state: 'completed', read: want.length, stored: want.length, rejected: 0 });
    expect(first.skippedEntries).toBeGreaterThan(0);
    const { rows } = await kit.db.pool.query(
      `SELECT uuid, emisor_rfc, emisor_nombre, receptor_rfc, receptor_nombre, rfc_pac, issued_at::text,
              certified_at::text, monto::text, efecto, status
       FROM cfdi_metadata WHERE tenant_id = $1 ORDER BY uuid`,
      [kit.tenantA],
    );
    expect(rows).toEqual(
      want
        .map((w) => ({
          uuid: w.uuid!.toLowerCase(),
          emisor_rfc: w.rfcEmisor,
          emisor_nombre: w.nombreEmisor,
          receptor_rfc: w.rfcReceptor,
          receptor_nombre: w.nombreReceptor,
          rfc_pac: w.rfcPac,
          issued_at: w.fechaEmision,
          certified_at: w.fechaCertificacionSat,
          monto: Number(w.monto).toFixed(6),
          efecto: w.efectoComprobante,
          status: w.estatus === '1' ? 'vigente' : 'cancelado',
        }))
        .sort((a, b) => a.uuid.localeCompare(b.uuid)),
    );
    const again = await kit.ingestion().ingestPackage({ tenantId: kit.tenantA, objectKey, kind: 'metadata' });
    expect(again).toMatchObject({ state: 'completed', stored: 0, duplicates: want.length });
  });

  it('joins the _tercero file into the rows (metadata worker, 2-row batches)', async () => {
    const objectKey = `tenants/${kit.tenantB}/clientes/EKU9003173C9/2019/paquetes/metadata/terceros_01.zip`;
    await kit.storage.put(objectKey, readFixture('metadata/metadata-terceros.zip'));
    const viaWorker = kit.ingestion({ metadata: { inlineBelowBytes: 0, batchRows: 2 } });
    const result = await viaWorker.ingestPackage({ tenantId: kit.tenantB, objectKey, kind: 'metadata' });
    expect(result).toMatchObject({ state: 'completed', stored: 5 });
    const { rows } = await kit.db.pool.query(
      'SELECT count(*)::int AS n FROM cfdi_metadata WHERE tenant_id = $1 AND tercero_rfc IS NOT NULL',
      [kit.tenantB],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

const HEADER =
  'Uuid~RfcEmisor~NombreEmisor~RfcReceptor~NombreReceptor~RfcPac~FechaEmision~FechaCertificacionSat~Monto~EfectoComprobante~Estatus~FechaCancelacion';
const metadataZip = (lines: string[]) =>
  buildZip([{ name: 'REQ_01.txt', data: [HEADER, ...lines].join('\r\n') }]);
const line = (uuid: string, estatus: '0' | '1', cancelled = '') =>
  `${uuid}~AAA010101AAA~EMISOR~XAXX010101000~RECEPTOR~SAT970701NN3~2025-01-24 10:10:41~2025-01-24 10:10:42~1000.00~I~${estatus}~${cancelled}`;

describe('metadata and CFDI of the same UUID', () => {
  it('a cancellation in metadata cancels the stored CFDI, and an older "vigente" never undoes it', async () => {
    const tenant = kit.tenantA;
    const uuid = 'C2832671-DA6D-11EF-A83D-00155D012007';
    const put = async (name: string, lines: string[]) => {
      const objectKey = `tenants/${tenant}/clientes/ISD950921HE5/2025/paquetes/metadata/${name}.zip`;
      await kit.storage.put(objectKey, metadataZip(lines));
      return kit.ingestion().ingestPackage({ tenantId: tenant, objectKey, kind: 'metadata' });
    };
    expect((await put('vigente_01', [line(uuid, '1')])).stored).toBe(1);
    const status = async () =>
      (
        await kit.db.pool.query(
          'SELECT status, cancelled_at::text FROM cfdi_documents WHERE tenant_id = $1 AND uuid = $2',
          [tenant, uuid.toLowerCase()],
        )
      ).rows[0];
    expect(await status()).toEqual({ status: 'vigente', cancelled_at: null });
    await put('cancelado_01', [line(uuid, '0', '2025-02-01 09:00:00')]);
    expect(await status()).toEqual({ status: 'cancelado', cancelled_at: '2025-02-01 09:00:00' });
    await put('stale_01', [line(uuid, '1')]);
    expect(await status()).toEqual({ status: 'cancelado', cancelled_at: '2025-02-01 09:00:00' });
  });

  it('lines of one UUID in one file fold: the last line wins, but never over a cancellation', async () => {
    const { rows } = await kit.db.pool.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('tenant-fold', 'Fold') RETURNING id",
    );
    const tenant = rows[0]!.id;
    const cancelled = 'aaaaaaaa-0000-4000-8000-000000000001';
    const renamed = 'aaaaaaaa-0000-4000-8000-000000000002';
    const lines = [
      line(cancelled, '1'),
      line(renamed, '1').replace('~EMISOR~', '~PRIMER NOMBRE~'),
      line(cancelled, '0', '2025-02-01 09:00:00'),
      line(renamed, '1').replace('~EMISOR~', '~NOMBRE CORREGIDO~'),
      line(cancelled, '1'),
    ];
    const names = async () =>
      (
        await kit.db.pool.query(
          'SELECT uuid, emisor_nombre, status, cancelled_at::text FROM cfdi_metadata WHERE tenant_id = $1 ORDER BY uuid',
          [tenant],
        )
      ).rows;
    // On the main thread and through the metadata worker; one batch each (across concurrent
    // batches only the cancellation rule is guaranteed, see the README).
    for (const [name, tuning] of [
      ['inline', {}],
      ['worker', { inlineBelowBytes: 0, batchRows: 10 }],
    ] as const) {
      await kit.db.pool.query('DELETE FROM cfdi_metadata WHERE tenant_id = $1', [tenant]);
      const objectKey = `tenants/${tenant}/clientes/ISD950921HE5/2025/paquetes/metadata/fold_${name}_01.zip`;
      await kit.storage.put(objectKey, metadataZip(lines));
      const result = await kit
        .ingestion({ metadata: tuning })
        .ingestPackage({ tenantId: tenant, objectKey, kind: 'metadata' });
      expect(result).toMatchObject({ state: 'completed', read: 5, stored: 2, duplicates: 3, rejected: 0 });
      expect(await names()).toEqual([
        {
          uuid: cancelled,
          emisor_nombre: 'EMISOR',
          status: 'cancelado',
          cancelled_at: '2025-02-01 09:00:00',
        },
        { uuid: renamed, emisor_nombre: 'NOMBRE CORREGIDO', status: 'vigente', cancelled_at: null },
      ]);
    }
  });

  it('metadata belongs to an existing tenant: a batch for a missing one writes nothing, deleting a tenant deletes its rows', async () => {
    const { rows } = await kit.db.pool.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('tenant-gone', 'Gone') RETURNING id",
    );
    const tenant = rows[0]!.id;
    const objectKey = `tenants/${tenant}/clientes/ISD950921HE5/2025/paquetes/metadata/gone_01.zip`;
    await kit.storage.put(objectKey, metadataZip([line('aaaaaaaa-0000-4000-8000-0000000000f1', '1')]));
    const ingestion = kit.ingestion();
    expect(await ingestion.ingestPackage({ tenantId: tenant, objectKey, kind: 'metadata' })).toMatchObject({
      state: 'completed',
      stored: 1,
    });
    const count = async (t: string) =>
      (await kit.db.pool.query('SELECT count(*)::int AS n FROM cfdi_metadata WHERE tenant_id = $1', [t]))
        .rows[0].n;
    expect(await count(tenant)).toBe(1);

    await kit.db.pool.query('DELETE FROM cfdi_ingestions WHERE tenant_id = $1', [tenant]);
    await kit.db.pool.query('DELETE FROM tenants WHERE id = $1', [tenant]);
    expect(await count(tenant)).toBe(0);

    // The writer itself refuses a tenant that does not exist (what the foreign key did per row).
    const writer = await ingestion.repo.openWriter();
    try {
      const { BinaryTextArrayBuilder } = await import('./binary-text-array.js');
      const { METADATA_COLUMNS } = await import('./metadata-row.js');
      const columns = METADATA_COLUMNS.map(([name]) => {
        const b = new BinaryTextArrayBuilder();
        b.push(
          name === 'uuid' ? 'aaaaaaaa-0000-4000-8000-0000000000f2' : name === 'status' ? 'vigente' : null,
        );
        return b.finish();
      });
      await expect(
        writer.upsertMetadata({ tenantId: tenant, ingestionId: tenant }, columns, 1, false),
      ).rejects.toThrow(/does not exist/);
    } finally {
      await writer.release();
    }
    expect(await count(tenant)).toBe(0);
  });

  it('a CFDI stored after its metadata takes the status from it', async () => {
    const { rows } = await kit.db.pool.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('tenant-c', 'C') RETURNING id",
    );
    const tenant = rows[0]!.id;
    const uuid = 'f08a8b8c-26db-5385-86af-2a1d354c5cc3';
    const metaKey = `tenants/${tenant}/clientes/EKU9003173C9/2025/paquetes/metadata/m_01.zip`;
    await kit.storage.put(metaKey, metadataZip([line(uuid, '0', '2025-03-03 12:00:00')]));
    await kit.ingestion().ingestPackage({ tenantId: tenant, objectKey: metaKey, kind: 'metadata' });
    const cfdiKey = `tenants/${tenant}/clientes/EKU9003173C9/2025/paquetes/cfdi/c_01.zip`;
    await kit.storage.put(
      cfdiKey,
      buildZip([{ name: `${uuid}.xml`, data: readFixture('cfdi/satcfdi-stamped-finkok.xml') }]),
    );
    await kit.ingestion().ingestPackage({ tenantId: tenant, objectKey: cfdiKey, kind: 'cfdi' });
    const docs = await documents(tenant);
    expect(docs.map((d) => [d.uuid, d.status, d.cancelled_at])).toEqual([
      [uuid, 'cancelado', '2025-03-03 12:00:00'],
    ]);
  });
});

describe('rows PostgreSQL refuses', () => {
  it('are rejected one by one; the rest of the batch is stored', async () => {
    const { rows } = await kit.db.pool.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('tenant-d', 'D') RETURNING id",
    );
    const tenant = rows[0]!.id;
    // numeric(24,6) holds 18 integer digits; the parser accepts any xs:decimal.
    const huge = '1234567890123456789012345.00';
    const real = readFixture('cfdi/cfdiutils-cfdi40-real.xml').toString('utf8');
    const cfdiKey = `tenants/${tenant}/clientes/ISD950921HE5/2025/paquetes/cfdi/huge_01.zip`;
    await kit.storage.put(
      cfdiKey,
      buildZip([
        { name: 'huge.xml', data: real.replace('Total="1000.00"', `Total="${huge}"`) },
        { name: 'finkok.xml', data: readFixture('cfdi/satcfdi-stamped-finkok.xml') },
      ]),
    );
    const cfdi = await kit.ingestion().ingestPackage({ tenantId: tenant, objectKey: cfdiKey, kind: 'cfdi' });
    expect(cfdi).toMatchObject({ state: 'completed', read: 2, stored: 1, rejected: 1, duplicates: 0 });
    expect(cfdi.rejections[0]).toMatchObject({ file: 'huge.xml', code: 'STORE_REJECTED' });

    const metaKey = `tenants/${tenant}/clientes/ISD950921HE5/2025/paquetes/metadata/huge_01.zip`;
    const ok = line('c2832671-da6d-11ef-a83d-00155d012007', '1');
    const bad = line('f08a8b8c-26db-5385-86af-2a1d354c5cc3', '1').replace('~1000.00~', `~${huge}~`);
    await kit.storage.put(metaKey, metadataZip([ok, bad]));
    const meta = await kit
      .ingestion()
      .ingestPackage({ tenantId: tenant, objectKey: metaKey, kind: 'metadata' });
    expect(meta).toMatchObject({ state: 'completed', read: 2, stored: 1, rejected: 1 });
    expect(meta.rejections[0]).toMatchObject({
      file: 'uuid f08a8b8c-26db-5385-86af-2a1d354c5cc3',
      code: 'STORE_REJECTED',
    });
  });
});

describe('the cfdi.ingest-package job', () => {
  it('runs a queued package and records it', async () => {
    await kit.jobs.start();
    try {
      const ingestion = kit.ingestion();
      await ingestion.registerWorker();
      const objectKey = `tenants/${kit.tenantB}/clientes/EKU9003173C9/2019/paquetes/metadata/job_01.zip`;
      await kit.storage.put(objectKey, readFixture('metadata/metadata.zip'));
      const jobId = await ingestion.enqueuePackage({
        tenantId: kit.tenantB,
        objectKey,
        kind: 'metadata',
        satPackageId: 'REQ_01',
      });
      expect(jobId).toBeTruthy();
      let state: string | undefined;
      for (let i = 0; i < 100 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const { rows } = await kit.db.pool.query(
          'SELECT state FROM cfdi_ingestions WHERE tenant_id = $1 AND source_object_key = $2',
          [kit.tenantB, objectKey],
        );
        state = rows[0]?.state;
      }
      expect(state).toBe('completed');
    } finally {
      await kit.jobs.stop();
    }
  });
});
