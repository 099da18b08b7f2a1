import { crc32, inflateRawSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments } from './cfdi.search.test-support.js';

const ME = 'MEMO800101AB1';
const BULK = 'BULK800101AB1';
const BULK_ROWS = 4_500; // more than two export batches

type Json = Record<string, unknown>;

/** An independent reader (central directory → local headers → inflate, CRC checked) for the XLSX. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, csize, size] = [
      zip.readUInt32LE(at + 16),
      zip.readUInt32LE(at + 20),
      zip.readUInt32LE(at + 24),
    ];
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(start, start + csize));
    expect([data.length, crc32(data)]).toEqual([size, crc]);
    parts.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

describe('taxpayer summary, metadata search and CSV/XLSX export', () => {
  let server: TestServer;
  let auth: { authorization: string };
  let otherAuth: { authorization: string };
  let metaUuids: string[];

  beforeAll(async () => {
    server = await startTestServer();
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
    auth = { authorization: `Bearer ${(await server.createApiKey(a.tenantSlug, 'viewer')).key}` };
    otherAuth = { authorization: `Bearer ${(await server.createApiKey(b.tenantSlug, 'viewer')).key}` };
    const pool = server.ctx.database.pool;
    const issued = { emisorRfc: ME, receptorRfc: 'BBB010101BBB' };
    const received = { emisorRfc: 'DDD010101DDD', emisorNombre: 'Proveedora Delta', receptorRfc: ME };
    const [firstUuid] = await seedDocuments(pool, a.tenantId, [
      {
        ...issued,
        issuedAt: '2025-01-02T10:00:00',
        receptorNombre: 'Comercial "Beta", S.A.',
        subtotal: '1000.00',
        trasladosIva: '160.00',
        total: '1160.00',
      },
      {
        ...issued,
        issuedAt: '2025-01-31T23:59:59',
        receptorNombre: '=HYPERLINK("http://x")',
        subtotal: '500.50',
        trasladosIva: '80.08',
        total: '580.58',
      },
      {
        ...issued,
        issuedAt: '2025-01-15T10:00:00',
        subtotal: '300.00',
        trasladosIva: '48.00',
        total: '348.00',
        status: 'cancelado',
      },
      {
        ...issued,
        issuedAt: '2025-02-01T00:00:00',
        moneda: 'USD',
        tipoCambio: '17.5',
        subtotal: '100.00',
        trasladosIva: '16.00',
        total: '116.00',
      },
      {
        ...issued,
        issuedAt: '2025-02-03T00:00:00',
        tipo: 'E',
        subtotal: '0.10',
        trasladosIva: '0.016',
        total: '0.116',
      },
      {
        ...issued,
        issuedAt: '2025-02-04T00:00:00',
        tipo: 'E',
        subtotal: '0.20',
        trasladosIva: '0.032',
        total: '0.232',
      },
      { ...issued, issuedAt: '2026-01-01T00:00:00', total: '999.00' },
      {
        ...received,
        issuedAt: '2025-01-20T08:00:00',
        subtotal: '2000.00',
        trasladosIva: '320.00',
        retencionesIsr: '200.00',
        retencionesIva: '213.33',
        total: '1906.67',
      },
      { ...received, issuedAt: '2025-03-05T08:00:00', tipo: 'P', moneda: 'XXX', subtotal: '0', total: '0' },
      { ...received, issuedAt: '2024-12-31T23:59:59', total: '5.00' },
    ]);
    await seedDocuments(pool, b.tenantId, [{ ...issued, issuedAt: '2025-01-05T00:00:00', total: '7.00' }]);
    await pool.query(
      `INSERT INTO cfdi_documents (tenant_id, uuid, kind, version, tipo, issued_at, emisor_rfc, receptor_rfc, total, document)
       SELECT $1, gen_random_uuid(), 'cfdi', '4.0', 'I', '2025-01-01'::timestamp + i * interval '1 minute',
              $2, 'XAXX010101000', ((i % 997) || '.' || lpad((i % 100)::text, 2, '0'))::numeric, '{}'::jsonb
       FROM generate_series(1, $3::int) AS i`,
      [a.tenantId, BULK, BULK_ROWS],
    );
    metaUuids = [firstUuid!, '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    for (const [i, uuid] of metaUuids.entries()) {
      await pool.query(
        `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, emisor_nombre, receptor_rfc, receptor_nombre, issued_at,
           monto, efecto, status)
         VALUES ($1, $2, $3, 'Mi Empresa', 'BBB010101BBB', 'Comercial, Beta', $4, $5, 'I', $6)`,
        [
          a.tenantId,
          uuid,
          ME,
          `2025-01-0${i + 1}T10:00:00`,
          ['1160.00', '20.50', '3.00'][i],
          i === 2 ? 'cancelado' : 'vigente',
        ],
      );
    }
  });
  afterAll(() => server?.close());

  const get = async (path: string, headers = auth) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const download = async (path: string, headers = auth) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    expect(res.status).toBe(200);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('sums each month exactly, by direction, tipo and currency, cancelled apart', async () => {
    const { status, body } = await get(`/api/v1/taxpayers/${ME.toLowerCase()}/summary?year=2025`);
    expect(status).toBe(200);
    const months = body.months as { month: number; issued: Json[]; received: Json[] }[];
    expect(months).toHaveLength(12);
    expect(months[0]!.issued).toEqual([
      {
        tipo: 'I',
        moneda: 'MXN',
        count: 2,
        cancelled: 1,
        subtotal: '1500.50',
        descuento: '0.00',
        traslados: { isr: '0.00', iva: '240.08', ieps: '0.00' },
        retenciones: { isr: '0.00', iva: '0.00', ieps: '0.00' },
        total: '1740.58',
        totalMxn: '1740.58',
      },
    ]);
    expect(
      months[1]!.issued.map((g) => [
        g.tipo,
        g.moneda,
        g.count,
        g.subtotal,
        (g.traslados as Json).iva,
        g.total,
        g.totalMxn,
      ]),
    ).toEqual([
      ['E', 'MXN', 2, '0.30', '0.048', '0.348', '0.348'],
      ['I', 'USD', 1, '100.00', '16.00', '116.00', '2030.00'],
    ]);
    expect(months[0]!.received).toEqual([
      expect.objectContaining({
        tipo: 'I',
        count: 1,
        subtotal: '2000.00',
        total: '1906.67',
        traslados: { isr: '0.00', iva: '320.00', ieps: '0.00' },
        retenciones: { isr: '200.00', iva: '213.33', ieps: '0.00' },
      }),
    ]);
    expect(months[2]!.received).toEqual([
      expect.objectContaining({ tipo: 'P', moneda: 'XXX', count: 1, total: '0.00' }),
    ]);
    expect(months.slice(3).every((m) => m.issued.length === 0 && m.received.length === 0)).toBe(true);
  });

  it('exports CSV with a BOM, CRLF, quoting and formula-safe names', async () => {
    const { res, bytes } = await download(
      `/api/v1/cfdi/export.csv?rfc=${ME}&direction=issued&from=2025-01-01&to=2025-01-31&sort=date&order=asc`,
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(
      `attachment; filename="CFDI_${ME}_emitidos_2025-01.csv"`,
    );
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFUUID,Estado,Tipo,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(5); // header, three rows, trailing empty
    expect(lines[1]).toContain(',"Comercial ""Beta"", S.A.",');
    expect(lines[1]).toContain(',1160.00,');
    expect(lines[3]).toContain(`,"'=HYPERLINK(""http://x"")",`);
    const { rows } = await server.ctx.database.pool.query(
      "SELECT actor_type, target_id, metadata FROM audit_events WHERE action = 'cfdi.exported'",
    );
    expect(rows[0]).toMatchObject({
      actor_type: 'api_key',
      target_id: 'csv',
      metadata: { filters: { rfc: ME, direction: 'issued' }, sort: 'date.asc' },
    });
  });

  it('streams large exports in batches, every row once', async () => {
    const { bytes } = await download(`/api/v1/cfdi/export.csv?rfc=${BULK}&sort=total&order=desc`);
    const rows = bytes.toString('utf8').slice(1).trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(BULK_ROWS);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(BULK_ROWS);
  });

  it('exports a valid XLSX whose sheet holds the rows', async () => {
    const { res, bytes } = await download(`/api/v1/cfdi/export.xlsx?rfc=${BULK}`);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const parts = unzip(bytes);
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const data of parts.values()) expect(XMLValidator.validate(data.toString('utf8'))).toBe(true);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet.match(/<row /g)).toHaveLength(BULK_ROWS + 1);
    expect(sheet).toContain(`<t xml:space="preserve">${BULK}</t>`);
    expect(sheet).toMatch(/<c s="2"><v>996\.96<\/v><\/c>/);
    // A spreadsheet a contador can work with: the header frozen with filters over every row, widths,
    // and dates as dates (Excel serials in the date-time style), not text.
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toMatch(/<cols><col min="1" max="1" width="38" customWidth="1"\/>/);
    const lastColumn = 'AC'; // 29 columns
    expect(sheet).toContain(`<autoFilter ref="A1:${lastColumn}${BULK_ROWS + 1}"/>`);
    expect(parts.get('xl/workbook.xml')!.toString('utf8')).toContain(
      `'CFDI'!$A$1:$${lastColumn}$${BULK_ROWS + 1}`,
    );
    expect(sheet).toMatch(/<c s="3"><v>\d{5}(\.\d+)?<\/v><\/c>/);
    expect(sheet).not.toMatch(/<t xml:space="preserve">\d{4}-\d{2}-\d{2}T/);
    expect(res.headers.get('content-disposition')).toContain(`filename="CFDI_${BULK}.xlsx"`);

    const small = await download(`/api/v1/cfdi/export.xlsx?rfc=${ME}&direction=issued&to=2025-01-31`);
    expect(unzip(small.bytes).get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain(
      'Comercial &quot;Beta&quot;, S.A.',
    );
  });

  it('searches metadata, links it to stored CFDI and exports it', async () => {
    const { body } = await get(`/api/v1/metadata?rfc=${ME}&direction=issued&sort=total&order=asc`);
    const items = body.items as Json[];
    expect(items.map((i) => i.monto)).toEqual(['3.00', '20.50', '1160.00']);
    expect(items.map((i) => i.hasCfdi)).toEqual([false, false, true]);
    expect(
      ((await get('/api/v1/metadata?status=cancelado')).body.items as Json[]).map((i) => i.uuid),
    ).toEqual([metaUuids[2]]);
    const page = await get('/api/v1/metadata?limit=2&sort=date&order=asc');
    const next = await get(`/api/v1/metadata?limit=2&sort=date&order=asc&cursor=${page.body.nextCursor}`);
    expect([...(page.body.items as Json[]), ...(next.body.items as Json[])].map((i) => i.uuid)).toEqual(
      metaUuids,
    );
    expect(next.body.nextCursor).toBeNull();
    const { bytes } = await download('/api/v1/metadata/export.csv?minTotal=20.50');
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',"Comercial, Beta",');
  });

  it('shows another tenant nothing', async () => {
    const summary = await get(`/api/v1/taxpayers/${ME}/summary?year=2025`, otherAuth);
    const months = summary.body.months as { issued: Json[] }[];
    expect(months[0]!.issued.map((g) => g.total)).toEqual(['7.00']);
    expect(months.slice(1).every((m) => m.issued.length === 0)).toBe(true);
    const { bytes } = await download(`/api/v1/cfdi/export.csv?rfc=${BULK}`, otherAuth);
    expect(bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1);
    expect((await get('/api/v1/metadata', otherAuth)).body.items).toEqual([]);
    const meta = await download('/api/v1/metadata/export.csv', otherAuth);
    expect(meta.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1);
  });
});
