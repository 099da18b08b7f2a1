import { afterEach, describe, expect, it } from 'vitest';
import { type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { call, INVOICE } from './support/client.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

const counts = { customers: 4, suppliers: 3, purchaseOrders: 2 };

describe('control API and odds and ends', () => {
  it('GET /__admin/state describes the instance', async () => {
    sim = await startErpSimulator({
      seed: 's',
      counts,
      auth: { type: 'bearer', token: 't' },
      idLocation: 'data.id',
    });
    await call(sim, '/api/invoices', { json: INVOICE, headers: { Authorization: 'Bearer t' } });
    expect((await call(sim, '/__admin/state')).body).toMatchObject({
      seed: 's',
      auth: 'bearer',
      records: { customers: 4, suppliers: 3, 'purchase-orders': 2 },
      received: { invoices: 1, documents: 0 },
      id_location: 'data.id',
      token_ttl_seconds: 3600,
      faults: [],
    });
    const received = (await call(sim, '/__admin/received/invoices')).body.data;
    expect(received).toEqual([expect.objectContaining({ id: 'INV-000001', document: INVOICE })]);
    expect((await call(sim, '/__admin/received/nope')).status).toBe(404);
    expect((await call(sim, '/__admin/nope')).status).toBe(404);
  });

  it('GET /api/company answers the ERP owner (a cheap "test connection") behind auth', async () => {
    sim = await startErpSimulator({
      seed: 's',
      counts,
      auth: { type: 'basic', username: 'u', password: 'p' },
    });
    expect((await call(sim, '/api/company')).status).toBe(401);
    const reply = await call(sim, '/api/company', {
      headers: { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
    });
    expect(reply.body).toMatchObject({
      rfc: expect.stringMatching(/^[A-Z&Ñ]{3}\d{6}[A-Z0-9]{3}$/),
      moneda: 'MXN',
    });
  });

  it('the request log blanks secret-looking query parameters and logs unknown routes', async () => {
    sim = await startErpSimulator({ counts });
    await call(sim, '/api/customers?api_key=abc&per_page=2');
    expect((await call(sim, '/api/nowhere')).status).toBe(404);
    const [first, second] = sim.requests();
    expect(first!.path).toBe('/api/customers?api_key=***&per_page=2');
    expect(second).toMatchObject({ operation: 'unknown', status: 404 });
  });

  it('a known path with the wrong method answers 405 with Allow', async () => {
    sim = await startErpSimulator({ counts });
    const put = await call(sim, '/api/invoices', { method: 'PUT', json: INVOICE });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(put.body.error.code).toBe('method_not_allowed');
    expect((await call(sim, '/api/customers', { method: 'POST', json: {} })).headers.get('allow')).toBe(
      'GET',
    );
    expect((await call(sim, '/oauth/token')).headers.get('allow')).toBe('POST');
  });

  it('refuses nonsense options', async () => {
    await expect(startErpSimulator({ counts: { customers: -1 } })).rejects.toThrow('counts.customers');
    await expect(startErpSimulator({ idLocation: 'data..id' })).rejects.toThrow('idLocation');
    await expect(startErpSimulator({ tokenTtlSeconds: 0 })).rejects.toThrow('tokenTtlSeconds');
  });
});
