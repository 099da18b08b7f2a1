// node --import tsx packages/erp-simulator/bench/scale.ts [records] [pushes]
// Seeds `records` customers (default 100,000), walks them in pages of 500 in each pagination style,
// then pushes `pushes` invoices (default 10,000) with Idempotency-Keys, 8 in flight on a keep-alive
// node:http agent (fetch on Node 20 adds ~1 ms a request of its own).
import { startErpSimulator } from '../src/index.js';
import { keepAliveClient } from '../test/support/keep-alive.js';

const records = Number(process.argv[2] ?? 100_000);
const pushes = Number(process.argv[3] ?? 10_000);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

async function getJson(url: string) {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as { data: unknown[]; next_cursor?: string | null; total_pages?: number };
}

const sim = await timed(`start with ${records} customers`, () =>
  startErpSimulator({ seed: 'bench', counts: { customers: records, suppliers: 0, purchaseOrders: 0 } }),
);
try {
  await timed('page walk (per_page=500)', async () => {
    let seen = 0;
    for (let page = 1; ; page += 1) {
      const body = await getJson(`${sim.url}/api/customers?page=${page}&per_page=500`);
      seen += body.data.length;
      if (page >= (body.total_pages ?? 0)) break;
    }
    if (seen !== records) throw new Error(`page walk saw ${seen}`);
  });
  await timed('offset walk (limit=500)', async () => {
    let seen = 0;
    for (let offset = 0; offset < records; offset += 500)
      seen += (await getJson(`${sim.url}/api/customers?offset=${offset}&limit=500`)).data.length;
    if (seen !== records) throw new Error(`offset walk saw ${seen}`);
  });
  await timed('cursor walk (limit=500)', async () => {
    let seen = 0;
    let cursor = '';
    do {
      const body = await getJson(`${sim.url}/api/customers?cursor=${cursor}&limit=500`);
      seen += body.data.length;
      cursor = body.next_cursor ?? '';
    } while (cursor);
    if (seen !== records) throw new Error(`cursor walk saw ${seen}`);
  });
  await timed(`${pushes} pushes (8 in flight)`, async () => {
    const client = keepAliveClient(sim.url);
    let next = 0;
    const worker = async () => {
      while (next < pushes) {
        const n = next++;
        const body = JSON.stringify({
          uuid: `uuid-${n}`,
          rfc_emisor: 'EKU9003173C9',
          rfc_receptor: 'XAXX010101000',
          total: '1160.00',
        });
        const headers = { 'content-type': 'application/json', 'idempotency-key': `bench-${n}` };
        const response = await client.request('POST', '/api/invoices', headers, body);
        if (response.status !== 201) throw new Error(`push ${n}: ${response.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    client.close();
    if (sim.received().length !== pushes) throw new Error(`received ${sim.received().length}`);
  });
} finally {
  await sim.close();
}
