import { afterEach, describe, expect, it } from 'vitest';
import { type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { call, INVOICE } from './support/client.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

const none = { customers: 0, suppliers: 0, purchaseOrders: 0 };

describe('PUSH /api/invoices and /api/documents', () => {
  it('201 with the external id, Location, and the document kept as received', async () => {
    sim = await startErpSimulator({ counts: none });
    const created = await call(sim, '/api/invoices', { json: INVOICE });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'INV-000001', object: 'invoice', status: 'received' });
    expect(created.headers.get('location')).toBe('/api/invoices/INV-000001');
    const stored = await call(sim, '/api/invoices/INV-000001');
    expect(stored.body).toMatchObject({ id: 'INV-000001', document: INVOICE, idempotency_key: null });
    const list = await call(sim, '/api/invoices');
    expect(list.body).toMatchObject({ total: 1, data: [{ id: 'INV-000001' }] });
    expect((await call(sim, '/api/invoices/INV-999999')).status).toBe(404);
    const doc = await call(sim, '/api/documents', { json: { anything: { nested: [1, 2] } } });
    expect(doc.body.id).toBe('DOC-000001');
    expect(sim.received('documents')).toHaveLength(1);
  });

  it('the id can live elsewhere in the body (idLocation)', async () => {
    sim = await startErpSimulator({ counts: none, idLocation: 'data.id' });
    const created = await call(sim, '/api/invoices', { json: INVOICE });
    expect(created.body).toEqual({
      data: { id: 'INV-000001', object: 'invoice', status: 'received', received_at: expect.any(String) },
    });
    await sim.close();
    sim = await startErpSimulator({ counts: none, idLocation: 'result.invoice.external_id' });
    expect((await call(sim, '/api/invoices', { json: INVOICE })).body.result.invoice.external_id).toBe(
      'INV-000001',
    );
  });

  it('missing required fields → 422 with one detail per field (nested paths too)', async () => {
    sim = await startErpSimulator({
      counts: none,
      requiredFields: { invoices: ['uuid', 'emisor.rfc', 'total'] },
    });
    const missing = await call(sim, '/api/invoices', { json: { uuid: 'u', emisor: {}, total: '' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({
      code: 'validation_failed',
      details: [
        { field: 'emisor.rfc', message: 'is required' },
        { field: 'total', message: 'is required' },
      ],
    });
    expect(sim.received()).toHaveLength(0);
    const ok = await call(sim, '/api/invoices', { json: { uuid: 'u', emisor: { rfc: 'X' }, total: '1.00' } });
    expect(ok.status).toBe(201);
  });

  it('the default invoice schema requires uuid, rfc_emisor, rfc_receptor and total; documents nothing', async () => {
    sim = await startErpSimulator({ counts: none });
    const missing = await call(sim, '/api/invoices', { json: { uuid: 'u' } });
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'rfc_emisor',
      'rfc_receptor',
      'total',
    ]);
    expect((await call(sim, '/api/documents', { json: {} })).status).toBe(201);
  });

  it('Idempotency-Key: same key and body → the same answer and one record; another body → 422', async () => {
    sim = await startErpSimulator({ counts: none });
    const headers = { 'Idempotency-Key': 'boveda-tenant1-uuid1-v1' };
    const first = await call(sim, '/api/invoices', { json: INVOICE, headers });
    // Same document, other key order: the same body.
    const reordered = Object.fromEntries(Object.entries(INVOICE).reverse());
    const second = await call(sim, '/api/invoices', { json: reordered, headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(sim.received()).toHaveLength(1);
    const other = await call(sim, '/api/invoices', { json: { ...INVOICE, total: '999.00' }, headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(sim.received()).toHaveLength(1);
    // Keys are per collection, and another key is another document.
    expect((await call(sim, '/api/documents', { json: INVOICE, headers })).status).toBe(201);
    expect(
      (await call(sim, '/api/invoices', { json: INVOICE, headers: { 'Idempotency-Key': 'k2' } })).body.id,
    ).toBe('INV-000002');
  });

  it('a 422 for missing fields is not remembered under the key: the corrected body may reuse it', async () => {
    sim = await startErpSimulator({ counts: none });
    const headers = { 'Idempotency-Key': 'k' };
    expect((await call(sim, '/api/invoices', { json: { uuid: 'u' }, headers })).status).toBe(422);
    expect((await call(sim, '/api/invoices', { json: INVOICE, headers })).status).toBe(201);
  });

  it('refuses non-JSON (415), malformed JSON (400), non-objects (400)', async () => {
    sim = await startErpSimulator({ counts: none });
    expect(
      (await call(sim, '/api/invoices', { json: INVOICE, headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    const broken = await fetch(`${sim.url}/api/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"uuid":',
    });
    expect(broken.status).toBe(400);
    expect((await call(sim, '/api/invoices', { json: [INVOICE] })).status).toBe(400);
  });
});
