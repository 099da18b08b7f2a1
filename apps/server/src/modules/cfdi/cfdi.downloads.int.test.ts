import { readdirSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments } from './cfdi.search.test-support.js';
import { entryBaseName } from './export/xml-zip.js';
import { createCfdiIngestion } from './ingestion/index.js';
import { type ParsedCfdi, parseCfdi } from './parsing/index.js';
import { fixturePath, readFixture } from './parsing/testing/fixtures.js';
import { buildZip } from './parsing/testing/zip-builder.js';

type Json = Record<string, unknown>;

/** Every fixture that parses, kept only when one file holds that UUID (as the ingestion test). */
function fixtures() {
  const byUuid = new Map<string, { file: string; xml: Buffer; cfdi: ParsedCfdi } | null>();
  for (const file of readdirSync(fixturePath('cfdi')).filter((f) => f.endsWith('.xml'))) {
    const xml = readFixture(`cfdi/${file}`);
    try {
      const cfdi = parseCfdi(xml);
      byUuid.set(cfdi.uuid!, byUuid.has(cfdi.uuid!) ? null : { file, xml, cfdi });
    } catch {
      // Templates without a timbre are refused by ingestion too.
    }
  }
  return [...byUuid.values()].filter((v) => v !== null);
}

const AAA = 'AAA010101AAA';
const BULK = 'BULK800101AB1';
// No stamped egreso among the fixtures: CfdiUtils' valid 4.0 ingreso turned into one (the PDF
// layout reads TipoDeComprobante; seals are not checked by the vault).
const EGRESO_UUID = 'eeeeeeee-3651-5370-bc2c-14cdbe384cd7';
const egresoXml = Buffer.from(
  readFixture('cfdi/cfdiutils-cfdi40-valid.xml')
    .toString('utf8')
    .replace('TipoDeComprobante="I"', 'TipoDeComprobante="E"')
    .replace('6F35D3B5-3651-5370-BC2C-14CDBE384CD7', EGRESO_UUID.toUpperCase()),
);

describe('downloads: the XML ZIP of a search, the PDF of a CFDI', () => {
  let server: TestServer;
  let tenantA: string;
  let auth: { authorization: string };
  let otherAuth: { authorization: string };
  let noXmlUuid: string;
  const docs = fixtures();
  const byFile = (file: string) => docs.find((d) => d.file === file)!.cfdi;

  beforeAll(async () => {
    server = await startTestServer({ env: { CFDI_ZIP_MAX_DOCUMENTS: '20', CFDI_ZIP_MAX_PDF: '5' } });
    const a = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'a@a.mx',
      password: 'pw-a-123456',
      role: 'owner',
    });
    const b = await server.seedUser({
      tenantName: 'Despacho B',
      email: 'b@b.mx',
      password: 'pw-b-123456',
      role: 'owner',
    });
    tenantA = a.tenantId;
    auth = { authorization: `Bearer ${(await server.createApiKey(a.tenantSlug, 'viewer')).key}` };
    otherAuth = { authorization: `Bearer ${(await server.createApiKey(b.tenantSlug, 'viewer')).key}` };
    const objectKey = `tenants/${a.tenantId}/clientes/${AAA}/2025/paquetes/cfdi/fixtures_01.zip`;
    await server.ctx.storage.put(objectKey, buildZip(docs.map((d) => ({ name: d.file, data: d.xml }))));
    const ingestion = createCfdiIngestion({
      pool: server.ctx.database.pool,
      transaction: server.ctx.database.transaction,
      events: server.ctx.events,
      storage: server.ctx.storage,
      jobs: server.ctx.jobs,
      logger: server.ctx.logger,
    });
    expect((await ingestion.ingestPackage({ tenantId: a.tenantId, kind: 'cfdi', objectKey })).state).toBe(
      'completed',
    );
    const egresoKey = `tenants/${a.tenantId}/uploads/egreso.xml`;
    await server.ctx.storage.put(egresoKey, egresoXml);
    await server.ctx.services.cfdiIngestion.registerDocument({
      tenantId: a.tenantId,
      xml: egresoXml,
      objectKey: egresoKey,
    });
    // Known from metadata only (no XML stored), issued by AAA like the fixtures.
    noXmlUuid = (
      await seedDocuments(server.ctx.database.pool, a.tenantId, [
        { emisorRfc: AAA, serie: 'Z', folio: '9', issuedAt: '2020-01-01T00:00:00' },
      ])
    )[0]!;
    await seedDocuments(
      server.ctx.database.pool,
      a.tenantId,
      Array.from({ length: 25 }, () => ({ emisorRfc: BULK, issuedAt: '2025-01-01T00:00:00' })),
    );
    // Tenant B has a copy of one of A's CFDI (same UUID, its own row): never mixed up.
    await seedDocuments(server.ctx.database.pool, b.tenantId, [
      { uuid: byFile('nodecfdi-cfdi40-nomina-valid.xml').uuid!, emisorRfc: AAA },
    ]);
  });
  afterAll(() => server?.close());

  const download = async (path: string, headers = auth) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const unzip = async (body: Buffer) => {
    const zip = await JSZip.loadAsync(body);
    const files = new Map<string, Buffer>();
    for (const entry of Object.values(zip.files)) files.set(entry.name, await entry.async('nodebuffer'));
    return files;
  };

  it('zips exactly the CFDI of the search, each with its original bytes, named by emisor, folio and UUID', async () => {
    const { res, body } = await download(`/api/v1/cfdi/export.zip?rfc=${AAA}&direction=issued`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(`filename="CFDI_${AAA}_emitidos.zip"`);
    const files = await unzip(body);
    const expected = docs.filter((d) => d.cfdi.emisor.rfc === AAA);
    expect(expected.length).toBeGreaterThan(4);
    const xmlNames = [...files.keys()].filter((n) => n.endsWith('.xml'));
    expect(xmlNames.sort()).toEqual(
      expected.map((d) => `${entryBaseName({ ...d.cfdi, uuid: d.cfdi.uuid!, emisorRfc: AAA })}.xml`).sort(),
    );
    for (const d of expected) {
      const name = `${entryBaseName({ ...d.cfdi, uuid: d.cfdi.uuid!, emisorRfc: AAA })}.xml`;
      expect(files.get(name)!.equals(d.xml), d.file).toBe(true);
    }
    expect(xmlNames).toContain(
      `${AAA}_A123ABC_${byFile('satcfdi-cfdv40-ejemplo-signed-tfd.xml').uuid!.toUpperCase()}.xml`,
    );
    // The one without a stored XML is named, not silently dropped.
    expect(files.get('NO_INCLUIDOS.txt')!.toString('utf8')).toContain(
      `${noXmlUuid.toUpperCase()}\tXML\tCFDI_XML_UNAVAILABLE`,
    );
    expect(res.headers.get('x-cfdi-count')).toBe(String(expected.length + 1));

    const audit = await server.ctx.database.pool.query(
      `SELECT metadata FROM audit_events WHERE tenant_id = $1 AND action = 'cfdi.exported' AND target_id = 'zip'`,
      [tenantA],
    );
    expect(audit.rows[0]?.metadata).toMatchObject({ format: 'zip', pdf: false, count: expected.length + 1 });
  });

  it('zips only the selected rows, never another organization’s, and refuses a bad selection', async () => {
    const pick = [byFile('satcfdi-stamped-pago20-HandE951128469.xml'), byFile('satcfdi-stamped-finkok.xml')];
    const uuids = pick.map((c) => c.uuid!.toUpperCase()).join(',');
    const { res, body } = await download(`/api/v1/cfdi/export.zip?uuids=${uuids}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="CFDI_seleccion.zip"');
    const files = await unzip(body);
    expect([...files.keys()].sort()).toEqual(
      pick.map((c) => `${entryBaseName({ ...c, uuid: c.uuid!, emisorRfc: c.emisor.rfc })}.xml`).sort(),
    );
    // The H&E RFC stays as written inside the ZIP.
    expect([...files.keys()].some((n) => n.startsWith('H&E951128469_A123456_'))).toBe(true);

    // Selection and filters combine: the pago is not issued by EKU9003173C9.
    const narrowed = await unzip(
      (await download(`/api/v1/cfdi/export.zip?uuids=${uuids}&rfc=EKU9003173C9`)).body,
    );
    expect([...narrowed.keys()]).toHaveLength(1);

    // Tenant B selecting A's UUIDs gets an empty ZIP (its own copy of the nómina has no XML).
    const nomina = byFile('nodecfdi-cfdi40-nomina-valid.xml').uuid!;
    const other = await download(`/api/v1/cfdi/export.zip?uuids=${uuids},${nomina}`, otherAuth);
    expect(other.res.status).toBe(200);
    expect([...(await unzip(other.body)).keys()]).toEqual(['NO_INCLUIDOS.txt']);

    for (const bad of ['not-a-uuid', Array.from({ length: 201 }, () => pick[0]!.uuid).join(',')]) {
      const r = await download(`/api/v1/cfdi/export.zip?uuids=${bad}`);
      expect(r.res.status).toBe(400);
      expect((JSON.parse(r.body.toString()) as Json).code).toBe('VALIDATION_FAILED');
    }
  });

  it('adds a PDF beside each XML with pdf=true', async () => {
    const pick = [
      byFile('cfdiutils-cfdi40-real.xml'),
      byFile('nodecfdi-cfdi40-nomina-complex-valid.xml'),
      byFile('satcfdi-cfdv40-ejemplo-signed-tfd.xml'),
    ];
    const { res, body } = await download(
      `/api/v1/cfdi/export.zip?pdf=true&uuids=${pick.map((c) => c.uuid).join(',')}`,
    );
    expect(res.status).toBe(200);
    const files = await unzip(body);
    expect(files.size).toBe(6);
    for (const c of pick) {
      const base = entryBaseName({ ...c, uuid: c.uuid!, emisorRfc: c.emisor.rfc });
      expect(files.get(`${base}.xml`)).toBeDefined();
      const pdf = files.get(`${base}.pdf`)!;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(1024);
    }
  });

  it('refuses a ZIP over the cap before sending a byte, with its code', async () => {
    const tooMany = await download(`/api/v1/cfdi/export.zip?rfc=${BULK}`);
    expect(tooMany.res.status).toBe(422);
    expect(tooMany.res.headers.get('content-type')).toContain('application/problem+json');
    const problem = JSON.parse(tooMany.body.toString()) as Json;
    expect(problem).toMatchObject({ code: 'CFDI_ZIP_TOO_LARGE' });
    expect(problem.detail).toContain('25 CFDI');
    // With PDFs the cap is lower: the 7+ CFDI issued by AAA fit without, not with.
    expect((await download(`/api/v1/cfdi/export.zip?rfc=${AAA}&direction=issued`)).res.status).toBe(200);
    const withPdf = await download(`/api/v1/cfdi/export.zip?rfc=${AAA}&direction=issued&pdf=true`);
    expect(withPdf.res.status).toBe(422);
    expect((JSON.parse(withPdf.body.toString()) as Json).code).toBe('CFDI_ZIP_TOO_LARGE');
    expect((await fetch(`${server.url}/api/v1/cfdi/export.zip`)).status).toBe(401);
  });

  it('renders the PDF of an ingreso, egreso, pago, nómina, 3.2 and Retenciones, then serves it from storage', async () => {
    const uuids = [
      byFile('satcfdi-stamped-finkok.xml').uuid!, // ingreso
      EGRESO_UUID,
      byFile('satcfdi-stamped-pago20-HandE951128469.xml').uuid!,
      byFile('satcfdi-cfdv40-ejemplo-signed-tfd.xml').uuid!, // pago with a BOM
      byFile('nodecfdi-cfdi40-nomina-valid.xml').uuid!,
      byFile('phpcfdi-cfdi32-aerolineas.xml').uuid!,
      byFile('nodecfdi-retenciones10-valid.xml').uuid!,
    ];
    for (const uuid of uuids) {
      const { res, body } = await download(`/api/v1/cfdi/${uuid.toUpperCase()}/pdf`);
      expect(res.status, uuid).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain(`${uuid}.pdf`);
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(body.length).toBeGreaterThan(1024);
      const cached = await server.ctx.storage.getBuffer(`tenants/${tenantA}/cfdi/pdf/v1/${uuid}.pdf`);
      expect(cached.equals(body)).toBe(true);
    }
    // A second request is the stored file (a marker put there proves it is not rendered again).
    const first = uuids[0]!;
    await server.ctx.storage.put(`tenants/${tenantA}/cfdi/pdf/v1/${first}.pdf`, Buffer.from('%PDF-cached'));
    expect((await download(`/api/v1/cfdi/${first}/pdf`)).body.toString()).toBe('%PDF-cached');
  });

  it('answers 404 for an unknown CFDI, another organization’s, and one without XML', async () => {
    const unknown = await download('/api/v1/cfdi/00000000-0000-4000-8000-000000000000/pdf');
    expect([unknown.res.status, (JSON.parse(unknown.body.toString()) as Json).code]).toEqual([
      404,
      'CFDI_NOT_FOUND',
    ]);
    const finkok = byFile('satcfdi-stamped-finkok.xml').uuid!;
    const other = await download(`/api/v1/cfdi/${finkok}/pdf`, otherAuth);
    expect([other.res.status, (JSON.parse(other.body.toString()) as Json).code]).toEqual([
      404,
      'CFDI_NOT_FOUND',
    ]);
    const bare = await download(`/api/v1/cfdi/${noXmlUuid}/pdf`);
    expect([bare.res.status, (JSON.parse(bare.body.toString()) as Json).code]).toEqual([
      404,
      'CFDI_XML_UNAVAILABLE',
    ]);
  });
});
