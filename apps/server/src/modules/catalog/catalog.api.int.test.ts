import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

/** The accounting catalogue on the real app: CRUD, CSV import, roles, audit, tenant isolation. */
describe('catalog API', () => {
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  beforeAll(async () => {
    server = await startTestServer();
    h = await seedTwoOrganizations(server);
  });
  afterAll(async () => server?.close());

  const importCsv = async (body: string | Buffer, key = h.keys.member, type = 'text/csv') => {
    const res = await fetch(`${server.url}/api/v1/catalog/entries/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on parsed bodies
    return { status: res.status, body: (await res.json()) as any };
  };

  let viaticos: string;

  it('creates, reads, renames, deactivates and lists entries, by kind then code', async () => {
    const created = await h.call(
      'POST',
      '/api/v1/catalog/entries',
      { kind: 'category', code: 'VIAT', name: 'Viáticos' },
      h.keys.member,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'category', code: 'VIAT', name: 'Viáticos', active: true });
    viaticos = created.body.id;
    const account = await h.call(
      'POST',
      '/api/v1/catalog/entries',
      {
        kind: 'account',
        code: '601.84.01',
        name: 'Gastos de viaje',
        satCode: '601.84',
        parentCode: '601.84',
      },
      h.keys.member,
    );
    expect(account.body).toMatchObject({ satCode: '601.84', parentCode: '601.84' });

    const read = await h.call('GET', `/api/v1/catalog/entries/${viaticos}`, undefined, h.keys.viewer);
    expect(read.body.name).toBe('Viáticos');
    const renamed = await h.call(
      'PATCH',
      `/api/v1/catalog/entries/${viaticos}`,
      { name: 'Viáticos y hospedaje' },
      h.keys.member,
    );
    expect(renamed.body).toMatchObject({ name: 'Viáticos y hospedaje', code: 'VIAT' });

    const list = await h.call('GET', '/api/v1/catalog/entries', undefined, h.keys.viewer);
    expect(list.body.items.map((e: { code: string }) => e.code)).toEqual(['601.84.01', 'VIAT']);
    const accounts = await h.call(
      'GET',
      '/api/v1/catalog/entries?kind=account&q=viaje',
      undefined,
      h.keys.viewer,
    );
    expect(accounts.body.items.map((e: { code: string }) => e.code)).toEqual(['601.84.01']);

    const off = await h.call(
      'PATCH',
      `/api/v1/catalog/entries/${viaticos}`,
      { active: false },
      h.keys.member,
    );
    expect(off.body.active).toBe(false);
    const active = await h.call('GET', '/api/v1/catalog/entries?kind=category', undefined, h.keys.viewer);
    expect(active.body.items).toEqual([]);
    const all = await h.call(
      'GET',
      '/api/v1/catalog/entries?kind=category&active=all',
      undefined,
      h.keys.viewer,
    );
    expect(all.body.items).toHaveLength(1);
    await h.call('PATCH', `/api/v1/catalog/entries/${viaticos}`, { active: true }, h.keys.member);

    const audit = await server.ctx.database.pool.query(
      "SELECT action FROM audit_events WHERE action LIKE 'catalog_entry.%' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'catalog_entry.created',
      'catalog_entry.created',
      'catalog_entry.updated',
      'catalog_entry.updated',
      'catalog_entry.updated',
    ]);
  });

  it('refuses a taken code and bad input with catalogued problems', async () => {
    const again = await h.call('POST', '/api/v1/catalog/entries', {
      kind: 'category',
      code: 'VIAT',
      name: 'Otra',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CATALOG_CODE_TAKEN');
    // The same code as another kind is another entry.
    const asAccount = await h.call('POST', '/api/v1/catalog/entries', {
      kind: 'account',
      code: 'VIAT',
      name: 'Cuenta',
    });
    expect(asAccount.status).toBe(201);
    for (const bad of [
      { kind: 'other', code: 'X', name: 'X' },
      { kind: 'category', code: 'con espacio', name: 'X' },
      { kind: 'category', code: 'OK', name: '' },
      { kind: 'account', code: 'A1', name: 'X', satCode: 'abc' },
    ]) {
      const res = await h.call('POST', '/api/v1/catalog/entries', bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const missing = await h.call('PATCH', '/api/v1/catalog/entries/00000000-0000-4000-8000-000000000000', {
      name: 'X',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('CATALOG_ENTRY_NOT_FOUND');
  });

  it('imports a CSV: creates, updates, reports bad and duplicate lines with their numbers', async () => {
    const csv = [
      'tipo,clave,nombre,codigo_agrupador,activo',
      'categoria,PAPEL,Papelería,,sí',
      'cuenta,601.84.01,Gastos de viaje nacionales,601.84,si',
      'categoria,VIAT,Viáticos y hospedaje,,',
      'proveedor,X1,Algo,,',
      'categoria,,Sin clave,,',
      'cuenta,602.01,Sueldos,abc,',
      'categoria,PAPEL,Otra vez,,',
      'categoria,"COMB","Combustible, lubricantes",,no',
      '',
    ].join('\r\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 1,
      unchanged: 1,
      rejected: [
        { line: 5, code: 'INVALID_KIND', message: expect.any(String) },
        { line: 6, code: 'MISSING_COLUMN_VALUE', message: expect.any(String) },
        { line: 7, code: 'INVALID_SAT_CODE', message: expect.any(String) },
        { line: 8, code: 'DUPLICATE_IN_FILE', message: expect.any(String) },
      ],
    });
    const comb = await h.call('GET', '/api/v1/catalog/entries?active=all&q=COMB', undefined, h.keys.viewer);
    expect(comb.body.items).toEqual([
      expect.objectContaining({ code: 'COMB', name: 'Combustible, lubricantes', active: false }),
    ]);
    const imported = await server.ctx.database.pool.query(
      "SELECT metadata FROM audit_events WHERE action = 'catalog_entry.imported'",
    );
    expect(imported.rows[0].metadata).toMatchObject({ created: 2, updated: 1, unchanged: 1, rejected: 4 });
  });

  it('reads UTF-8 with a BOM and semicolons (as Excel saves it), with English headers', async () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Kind;Code;Name\ncategory;HOSP;Hospedaje\naccount;"601.01";"Sueldos; salarios"\n'),
    ]);
    const res = await importCsv(bom);
    expect(res.body).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    const hosp = await h.call('GET', '/api/v1/catalog/entries?q=HOSP', undefined, h.keys.viewer);
    expect(hosp.body.items[0]).toMatchObject({ kind: 'category', code: 'HOSP', name: 'Hospedaje' });
    const sueldos = await h.call('GET', '/api/v1/catalog/entries?q=601.01', undefined, h.keys.viewer);
    expect(sueldos.body.items[0]).toMatchObject({ name: 'Sueldos; salarios' });
  });

  it('refuses a file without the needed columns, empty or not UTF-8, as a whole', async () => {
    for (const body of ['clave,nombre\nA,B\n', '', Buffer.from([0x63, 0x6c, 0xe1, 0x76, 0x65, 0x0a, 0xff])]) {
      const res = await importCsv(body);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CATALOG_IMPORT_INVALID');
    }
  });

  it('lets viewers read only; members write', async () => {
    const create = await h.call(
      'POST',
      '/api/v1/catalog/entries',
      { kind: 'category', code: 'V1', name: 'X' },
      h.keys.viewer,
    );
    expect(create.status).toBe(403);
    const patch = await h.call('PATCH', `/api/v1/catalog/entries/${viaticos}`, { name: 'X' }, h.keys.viewer);
    expect(patch.status).toBe(403);
    expect((await importCsv('tipo,clave,nombre\ncategoria,V2,X\n', h.keys.viewer)).status).toBe(403);
  });

  it('keeps each organization’s catalogue to itself', async () => {
    const other = h.keys.otherAdmin;
    expect((await h.call('GET', `/api/v1/catalog/entries/${viaticos}`, undefined, other)).status).toBe(404);
    expect(
      (await h.call('PATCH', `/api/v1/catalog/entries/${viaticos}`, { active: false }, other)).status,
    ).toBe(404);
    expect((await h.call('GET', '/api/v1/catalog/entries?active=all', undefined, other)).body.items).toEqual(
      [],
    );
    // The same code in another organization is its own entry; an import there touches only it.
    const theirs = await h.call(
      'POST',
      '/api/v1/catalog/entries',
      { kind: 'category', code: 'VIAT', name: 'Suyo' },
      other,
    );
    expect(theirs.status).toBe(201);
    expect((await importCsv('tipo,clave,nombre\ncategoria,VIAT,Cambiado\n', other)).body.updated).toBe(1);
    const mine = await h.call('GET', `/api/v1/catalog/entries/${viaticos}`, undefined, h.keys.viewer);
    expect(mine.body.name).toBe('Viáticos y hospedaje');
  });

  it('pages with a cursor', async () => {
    const first = await h.call('GET', '/api/v1/catalog/entries?active=all&limit=2', undefined, h.keys.viewer);
    expect(first.body.items).toHaveLength(2);
    const second = await h.call(
      'GET',
      `/api/v1/catalog/entries?active=all&limit=100&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      undefined,
      h.keys.viewer,
    );
    const all = await h.call('GET', '/api/v1/catalog/entries?active=all&limit=100', undefined, h.keys.viewer);
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items);
    const bad = await h.call('GET', '/api/v1/catalog/entries?cursor=nonsense', undefined, h.keys.viewer);
    expect(bad.status).toBe(400);
  });
});
