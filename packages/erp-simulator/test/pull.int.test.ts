import { afterEach, describe, expect, it } from 'vitest';
import { type ErpRecord, type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { call } from './support/client.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

const counts = { customers: 137, suppliers: 20, purchaseOrders: 61 };

async function walkPages(resource: string, perPage: number, extra = ''): Promise<ErpRecord[]> {
  const seen: ErpRecord[] = [];
  for (let page = 1; ; page += 1) {
    const reply = await call(sim, `/api/${resource}?page=${page}&per_page=${perPage}${extra}`);
    expect(reply.status).toBe(200);
    seen.push(...reply.body.data);
    if (page >= reply.body.total_pages) return seen;
  }
}

async function walkOffsets(resource: string, limit: number, extra = ''): Promise<ErpRecord[]> {
  const seen: ErpRecord[] = [];
  for (let offset = 0; ; offset += limit) {
    const reply = await call(sim, `/api/${resource}?offset=${offset}&limit=${limit}${extra}`);
    seen.push(...reply.body.data);
    if (offset + limit >= reply.body.total) return seen;
  }
}

async function walkCursor(resource: string, limit: number, extra = ''): Promise<ErpRecord[]> {
  const seen: ErpRecord[] = [];
  let cursor = '';
  for (;;) {
    const reply = await call(sim, `/api/${resource}?cursor=${cursor}&limit=${limit}${extra}`);
    seen.push(...reply.body.data);
    if (!reply.body.next_cursor) return seen;
    cursor = reply.body.next_cursor;
  }
}

const ids = (records: ErpRecord[]) => records.map((r) => r.id);

describe('PULL pagination', () => {
  it('page, offset and cursor each walk every record exactly once, in (updated_at, id) order', async () => {
    sim = await startErpSimulator({ seed: 'pull', counts });
    const truth = ids([...sim.records('customers')]);
    expect(truth).toHaveLength(137);
    expect(new Set(truth).size).toBe(137);
    expect(ids(await walkPages('customers', 25))).toEqual(truth);
    expect(ids(await walkOffsets('customers', 40))).toEqual(truth);
    expect(ids(await walkCursor('customers', 30))).toEqual(truth);
    expect(ids(await walkCursor('purchase-orders', 7))).toEqual(ids([...sim.records('purchase-orders')]));
    const sorted = [...sim.records('customers')].map((r) => `${r.updated_at} ${r.id}`);
    expect([...sorted].sort()).toEqual(sorted);
  });

  it('page style reports totals and a Link to the next page; sizes above 1000 are clamped', async () => {
    sim = await startErpSimulator({ counts });
    const first = await call(sim, '/api/customers?per_page=50');
    expect(first.body).toMatchObject({ page: 1, per_page: 50, total: 137, total_pages: 3 });
    expect(first.headers.get('link')).toBe(`<${sim.url}/api/customers?per_page=50&page=2>; rel="next"`);
    const last = await call(sim, '/api/customers?page=3&per_page=50');
    expect(last.body.data).toHaveLength(37);
    expect(last.headers.get('link')).toBeNull();
    expect((await call(sim, '/api/customers?per_page=5000')).body.per_page).toBe(1000);
    expect((await call(sim, '/api/customers')).body.per_page).toBe(50);
    const bad = await call(sim, '/api/customers?page=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameter');
    expect((await call(sim, '/api/customers?cursor=garbage')).status).toBe(400);
  });

  it('records carry id, updated_at and Mexican fields; orders have lines and decimal-string totals', async () => {
    sim = await startErpSimulator({ seed: 'fields', counts });
    const customer = (await call(sim, '/api/customers/CUS-000001')).body;
    expect(customer).toMatchObject({
      id: 'CUS-000001',
      rfc: expect.stringMatching(/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/),
      razon_social: expect.any(String),
      email: expect.stringContaining('@'),
      direccion: { codigo_postal: expect.stringMatching(/^\d{5}$/), pais: 'MEX' },
    });
    const order = (await call(sim, '/api/purchase-orders/PO-000001')).body;
    expect(order.supplier_id).toMatch(/^SUP-\d{6}$/);
    expect(order.total).toMatch(/^\d+\.\d{2}$/);
    const cents = (s: string) => Math.round(Number(s) * 100);
    const lines = order.lines as { total: string }[];
    expect(lines.reduce((sum, l) => sum + cents(l.total), 0)).toBe(cents(order.total));
    expect((await call(sim, '/api/customers/CUS-999999')).status).toBe(404);
  });

  it('the same seed gives the same records; another seed other records', async () => {
    sim = await startErpSimulator({ seed: 'a', counts });
    const a = (await call(sim, '/api/suppliers?per_page=20')).body.data;
    await sim.close();
    sim = await startErpSimulator({ seed: 'a', counts });
    expect((await call(sim, '/api/suppliers?per_page=20')).body.data).toEqual(a);
    await sim.close();
    sim = await startErpSimulator({ seed: 'b', counts });
    expect((await call(sim, '/api/suppliers?per_page=20')).body.data).not.toEqual(a);
  });
});

describe('incremental: updated_since after admin changes', () => {
  it('after a touch, every style with updated_since returns exactly the changed records', async () => {
    sim = await startErpSimulator({ counts });
    const since = new Date().toISOString();
    const touched = await call(sim, '/__admin/touch/customers', { json: { count: 9 } });
    expect(touched.body.touched).toHaveLength(9);
    const changed = [...touched.body.touched].sort();
    const q = `&updated_since=${encodeURIComponent(since)}`;
    expect(ids(await walkPages('customers', 4, q)).sort()).toEqual(changed);
    expect(ids(await walkOffsets('customers', 4, q)).sort()).toEqual(changed);
    expect(ids(await walkCursor('customers', 4, q)).sort()).toEqual(changed);
    const page = (await call(sim, `/api/customers?per_page=100${q}`)).body;
    expect(page.total).toBe(9);
    expect(page.data.every((r: ErpRecord) => r.updated_at >= since)).toBe(true);
  });

  it('upsert adds and changes records; a back-dated updated_at is kept as given', async () => {
    sim = await startErpSimulator({ counts });
    const since = new Date().toISOString();
    const upserted = await call(sim, '/__admin/records/suppliers', {
      json: [
        { rfc: 'EKU9003173C9', razon_social: 'ESCUELA KEMPER URGATE' },
        { id: 'SUP-000003', email: 'nuevo@proveedor.mx' },
        { id: 'SUP-000004', email: 'tarde@proveedor.mx', updated_at: '2020-01-01T00:00:00Z' },
      ],
    });
    expect(upserted.status).toBe(200);
    const [added, changed, backdated] = upserted.body.records;
    expect(added.id).toBe('SUP-000021');
    expect(changed).toMatchObject({ id: 'SUP-000003', email: 'nuevo@proveedor.mx' });
    expect(changed.rfc).toEqual(expect.any(String));
    expect(backdated.updated_at).toBe('2020-01-01T00:00:00.000Z');
    const recent = await call(sim, `/api/suppliers?per_page=100&updated_since=${encodeURIComponent(since)}`);
    expect(ids(recent.body.data).sort()).toEqual(['SUP-000003', 'SUP-000021']);
    expect((await call(sim, '/api/suppliers')).body.total).toBe(21);
    expect((await call(sim, '/__admin/records/suppliers/SUP-000021', { method: 'DELETE' })).status).toBe(200);
    expect((await call(sim, '/api/suppliers')).body.total).toBe(20);
  });

  it('a cursor walk sees a record changed mid-walk again at the end instead of skipping it', async () => {
    sim = await startErpSimulator({ counts });
    const first = await call(sim, '/api/customers?style=cursor&limit=10');
    const alreadySeen = first.body.data[0].id;
    sim.touch('customers', { ids: [alreadySeen] });
    const rest = await walkCursor('customers', 50, '');
    expect(rest.at(-1)!.id).toBe(alreadySeen);
  });

  it('reset restores the seeded records', async () => {
    sim = await startErpSimulator({ counts });
    const before = ids([...sim.records('customers')]);
    sim.touch('customers', { count: 5 });
    expect(ids([...sim.records('customers')])).not.toEqual(before);
    expect((await call(sim, '/__admin/reset', { method: 'POST' })).status).toBe(200);
    expect(ids([...sim.records('customers')])).toEqual(before);
  });
});
