import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments } from './cfdi.search.test-support.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, their shapes are the assertions
type Json = Record<string, any>;

const ME = 'MEMO800101AB1';
const UUID = 'c2832671-da6d-11ef-a83d-00155d012007';
const OTHER_TENANT_UUID = '9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

describe('the CFDI search box (q): UUID, serie-folio, RFC or name', () => {
  let server: TestServer;
  let auth: { authorization: string };
  let otherAuth: { authorization: string };
  let folioOnly: string;
  let lettersInFolio: string;

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
    await seedDocuments(pool, a.tenantId, [
      {
        uuid: UUID,
        serie: 'A',
        folio: '123',
        issuedAt: '2025-01-10T10:00:00',
        emisorRfc: ME,
        emisorNombre: 'Mi Empresa',
        receptorRfc: 'PEGJ800101AA1',
        receptorNombre: 'JOSÉ PÉREZ GÓMEZ',
        total: '1160.00',
      },
      // Same folio in another serie: `A-123` must not find it, a bare `123` must.
      {
        serie: 'B',
        folio: '123',
        issuedAt: '2025-01-11T10:00:00',
        emisorRfc: 'OTR010101AAA',
        emisorNombre: 'Otra Proveedora',
        receptorRfc: ME,
        total: '10.00',
      },
      {
        folio: 'F-77',
        issuedAt: '2025-01-12T10:00:00',
        emisorRfc: 'OTR010101AAA',
        receptorRfc: 'XAXX010101000',
      },
    ]);
    [folioOnly, lettersInFolio] = (await seedDocuments(pool, a.tenantId, [
      { folio: '99', issuedAt: '2025-01-13T10:00:00' },
      { folio: 'A555', issuedAt: '2025-01-14T10:00:00', emisorNombre: 'Tienda 3' },
    ])) as [string, string];
    await seedDocuments(pool, b.tenantId, [
      { uuid: OTHER_TENANT_UUID, serie: 'A', folio: '123', emisorRfc: ME },
    ]);
    await pool.query(
      `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, emisor_nombre, receptor_rfc, receptor_nombre, monto, efecto, status)
       VALUES ($1, $2, $3, 'Mi Empresa', 'PEGJ800101AA1', 'JOSÉ PÉREZ GÓMEZ', 1160, 'I', 'vigente')`,
      [a.tenantId, UUID, ME],
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  const search = async (q: string, path = '/api/v1/cfdi', headers = auth) => {
    const res = await fetch(`${server.url}${path}?limit=500&q=${encodeURIComponent(q)}`, { headers });
    expect(res.status).toBe(200);
    return ((await res.json()) as Json).items.map((i: Json) => i.uuid as string).sort();
  };

  it('finds a CFDI by its UUID in any case, with or without dashes, pasted with spaces', async () => {
    for (const q of [
      UUID,
      UUID.toUpperCase(),
      UUID.replaceAll('-', ''),
      UUID.replaceAll('-', '').toUpperCase(),
      '  c2832671da6d11efa83d00155d012007 ',
      `\t${UUID.toUpperCase()}\n`,
    ]) {
      expect(await search(q), q).toEqual([UUID]);
    }
  });

  it("does not find another tenant's UUID", async () => {
    expect(await search(OTHER_TENANT_UUID)).toEqual([]);
    expect(await search(OTHER_TENANT_UUID.replaceAll('-', ''))).toEqual([]);
    expect(await search(UUID, '/api/v1/cfdi', otherAuth)).toEqual([]);
    expect(await search('A-123', '/api/v1/cfdi', otherAuth)).toEqual([OTHER_TENANT_UUID]);
  });

  it('finds a CFDI by serie-folio, with a dash, a space, together or in lower case', async () => {
    for (const q of ['A-123', 'A 123', 'A123', 'a-123', ' a123 ']) expect(await search(q), q).toEqual([UUID]);
  });

  it('finds every CFDI with a bare folio, whatever the serie', async () => {
    const both = await search('123');
    expect(both).toHaveLength(2);
    expect(both).toContain(UUID);
    expect(await search('99')).toEqual([folioOnly]);
    // A folio that holds letters itself, and a folio that is not there.
    expect(await search('A555')).toEqual([lettersInFolio]);
    expect(await search('F-77')).toHaveLength(1);
    expect(await search('124')).toEqual([]);
  });

  it('finds CFDI by RFC as emisor or receptor', async () => {
    expect(await search(ME)).toHaveLength(2);
    expect(await search(ME.toLowerCase())).toHaveLength(2);
    expect(await search('PEGJ800101AA1')).toEqual([UUID]);
    expect(await search('OTR010101AAA')).toHaveLength(2);
  });

  it('finds CFDI by part of a name, ignoring case and accents', async () => {
    expect(await search('pÉrez gÓmez')).toEqual([UUID]);
    expect(await search('jos')).toEqual([UUID]);
    // Typed without accents, as people do (and with other accents than the SAT wrote).
    expect(await search('PEREZ')).toEqual([UUID]);
    expect(await search('jose perez gomez')).toEqual([UUID]);
    expect(await search('péréz')).toEqual([UUID]);
    // `%` and `_` stay literal after folding.
    expect(await search('p_rez')).toEqual([]);
    expect(await search('proveedora')).toHaveLength(1);
    // A name with a number reads as a serie-folio (kept to the folio index); the name alone finds it.
    expect(await search('Tienda 3')).toEqual([]);
    expect(await search('tienda')).toEqual([lettersInFolio]);
    expect(await search('nadie')).toEqual([]);
  });

  it('applies the same q to metadata and to the CSV export', async () => {
    expect(await search(UUID.replaceAll('-', '').toUpperCase(), '/api/v1/metadata')).toEqual([UUID]);
    expect(await search(ME, '/api/v1/metadata')).toEqual([UUID]);
    expect(await search('PÉREZ', '/api/v1/metadata')).toEqual([UUID]);
    expect(await search('perez gomez', '/api/v1/metadata')).toEqual([UUID]);
    // Metadata has no serie or folio: a folio finds nothing there.
    expect(await search('A-123', '/api/v1/metadata')).toEqual([]);
    const res = await fetch(
      `${server.url}/api/v1/cfdi/export.csv?q=${encodeURIComponent(`  ${UUID.replaceAll('-', '')} `)}`,
      { headers: auth },
    );
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(UUID);
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });
});
