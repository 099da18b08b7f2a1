import { afterEach, describe, expect, it } from 'vitest';
import { type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { keepAliveClient } from './support/keep-alive.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

// The connector benchmark's sizes, for correctness at volume (each record once, 10,000 keys kept).
// Tests never assert on time (repository rule): bench/scale.ts prints the numbers; the test timeout
// is the only bound here (locally ~3 s + ~5 s).
describe('volume', () => {
  it('walks 100,000 records in cursor pages of 500, each exactly once', async () => {
    sim = await startErpSimulator({
      seed: 'volume',
      counts: { customers: 100_000, suppliers: 0, purchaseOrders: 0 },
    });
    const client = keepAliveClient(sim.url, 1);
    const ids = new Set<string>();
    let cursor = '';
    do {
      const reply = await client.request('GET', `/api/customers?cursor=${cursor}&limit=500`);
      const body = JSON.parse(reply.body) as { data: { id: string }[]; next_cursor: string | null };
      for (const record of body.data) ids.add(record.id);
      cursor = body.next_cursor ?? '';
    } while (cursor);
    client.close();
    expect(ids.size).toBe(100_000);
  }, 60_000);

  it('accepts 10,000 pushes with distinct Idempotency-Keys, 8 in flight', async () => {
    sim = await startErpSimulator({ counts: { customers: 0, suppliers: 0, purchaseOrders: 0 } });
    const client = keepAliveClient(sim.url);
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        const n = next++;
        const body = JSON.stringify({ uuid: `u-${n}`, rfc_emisor: 'A', rfc_receptor: 'B', total: '1.00' });
        const reply = await client.request(
          'POST',
          '/api/invoices',
          { 'content-type': 'application/json', 'idempotency-key': `k-${n}` },
          body,
        );
        expect(reply.status).toBe(201);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    client.close();
    expect(sim.received()).toHaveLength(10_000);
  }, 60_000);
});
