import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTestEfirma } from '../../../test/support/test-efirma.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';
import { registerWorkers } from '../../app/workers.js';

const CREDS = { apiKey: 'orders-test-key', apiSecret: 'orders-test-secret' };
const LINES = [
  {
    sku: 'MART-01',
    description: 'Martillo de uña 16 oz',
    quantity: 4,
    unitPrice: '250.00',
    productCode: '27111602',
  },
  { sku: 'CLAV-02', description: 'Clavos 2" (caja)', quantity: 10, unitPrice: '12.50' },
];

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Orders invoiced and returns credited through the Facturify simulator, on the real app and workers. */
describe('orders: invoices and credit notes through the PAC', () => {
  let sim: RunningFacturifySimulator;
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  let clientId: string;
  let n = 0;
  async function delivered() {
    const number = `F-${++n}`;
    expect(
      (await h.call('POST', '/api/v1/orders', { number, clientId, lines: LINES }, h.keys.member)).status,
    ).toBe(201);
    for (const status of ['picking', 'packing', 'shipped', 'delivered'])
      expect((await h.call('PATCH', `/api/v1/orders/${number}`, { status }, h.keys.member)).status).toBe(200);
    return number;
  }
  const invoice = (number: string) =>
    h.call(
      'POST',
      `/api/v1/orders/${number}/invoice`,
      { issuerRfc: 'EKU9003173C9', formaPago: '03' },
      h.keys.member,
    );
  const stamped = (number: string) =>
    waitFor(async () => {
      const o = (await h.call('GET', `/api/v1/orders/${number}`)).body;
      return o.invoice?.status === 'stamped' ? o : null;
    });

  beforeAll(async () => {
    sim = await startFacturifySimulator(CREDS);
    server = await startTestServer({
      env: {
        FACTURIFY_BASE_URL: sim.url,
        FACTURIFY_API_KEY: CREDS.apiKey,
        FACTURIFY_API_SECRET: CREDS.apiSecret,
        FACTURIFY_TIMEOUT: '2',
        FACTURIFY_RETRY_BASE_MS: '10',
        PAC_STAMP_RETRY_SCHEDULE: '1,1',
        PAC_STATUS_CHECK_SCHEDULE: '1,1,1,1',
      },
    });
    await registerWorkers(server.ctx);
    h = await seedTwoOrganizations(server);
    expect(await registerTestEfirma(server.url, h.keys.admin)).toBe(201);
    const c = await h.call('POST', '/api/v1/clients', {
      name: 'XENON INDUSTRIAL ARTICLES',
      rfc: 'XIA190128J61',
      email: 'cxp@xenon.mx',
      fiscalRegime: '601',
      postalCode: '76343',
      cfdiUse: 'G01',
    });
    clientId = c.body.id;
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  it('invoices an order, links its UUID, and credits a partial return with relation 03', async () => {
    const number = await delivered();
    const requested = await invoice(number);
    expect(requested.status, requested.text).toBe(202);
    expect(requested.body.invoice).toMatchObject({ status: 'draft', uuid: null });
    expect((await invoice(number)).body.code).toBe('ORDER_ALREADY_INVOICED');
    const order = await stamped(number);
    const pacInvoice = (await h.call('GET', `/api/v1/pac/invoices/${order.invoice.invoiceId}`)).body;
    expect(pacInvoice).toMatchObject({ uuid: order.invoice.uuid, total: order.total, tipo: 'I' });
    expect(pacInvoice.receptor).toEqual({ rfc: 'XIA190128J61', nombre: 'XENON INDUSTRIAL ARTICLES' });

    const ret = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'defective', note: 'Un martillo defectuoso', items: [{ sku: 'MART-01', quantity: 1 }] },
      h.keys.member,
    );
    expect(ret.status, ret.text).toBe(201);
    expect(ret.body.creditNote).toMatchObject({ status: 'draft' });
    const credited = await waitFor(async () => {
      const r = (await h.call('GET', `/api/v1/orders/${number}/returns`)).body.items[0];
      return r.creditNote?.status === 'stamped' ? r : null;
    });
    const note = (await h.call('GET', `/api/v1/pac/invoices/${credited.creditNote.invoiceId}`)).body;
    expect(note).toMatchObject({
      tipo: 'E',
      uuid: credited.creditNote.uuid,
      total: '290.00', // 250.00 + IVA 40.00
      relacionados: { tipoRelacion: '03', uuids: [order.invoice.uuid] },
    });
    // Both are in the vault, and the order's events say so.
    expect((await h.call('GET', `/api/v1/cfdi/${credited.creditNote.uuid}`)).body).toMatchObject({
      tipo: 'E',
    });
    const { rows } = await server.ctx.database.pool.query(
      `SELECT payload->>'tipo' AS tipo FROM domain_events WHERE type = 'orders.order.invoiced' AND payload->>'number' = $1 ORDER BY id`,
      [number],
    );
    expect(rows.map((r) => r.tipo)).toEqual(['I', 'E']);
  });

  it('issues the credit note of a return made while the invoice was being stamped, once it is', async () => {
    const number = await delivered();
    sim.addFault({ operation: 'factura.create', kind: 'async', count: 1 });
    await invoice(number);
    await waitFor(async () => sim.invoices().some((i) => !i.cfdi_uuid && i.job_id));
    const ret = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'damaged', note: 'Caja de clavos mojada', items: [{ sku: 'CLAV-02', quantity: 2 }] },
      h.keys.member,
    );
    expect(ret.body).toMatchObject({ creditNote: null, creditNotePending: true });
    await sim.completeJobs();
    const order = await stamped(number);
    const credited = await waitFor(async () => {
      const r = (await h.call('GET', `/api/v1/orders/${number}/returns`)).body.items[0];
      return r.creditNote?.status === 'stamped' ? r : null;
    });
    expect(credited.creditNotePending).toBe(false);
    const note = (await h.call('GET', `/api/v1/pac/invoices/${credited.creditNote.invoiceId}`)).body;
    expect(note).toMatchObject({
      tipo: 'E',
      total: '29.00',
      relacionados: { tipoRelacion: '03', uuids: [order.invoice.uuid] },
    });
  });

  it('refuses to invoice without fiscal data, a cancelled order, or for a viewer', async () => {
    const bare = await h.call('POST', '/api/v1/clients', { name: 'Sin datos', email: 'sin@datos.mx' });
    await h.call(
      'POST',
      '/api/v1/orders',
      { number: 'SD-1', clientId: bare.body.id, lines: LINES },
      h.keys.member,
    );
    const missing = await invoice('SD-1');
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      code: 'CLIENT_FISCAL_DATA_MISSING',
      params: { missing: ['rfc', 'fiscalRegime', 'postalCode'] },
    });
    await h.call('POST', '/api/v1/orders', { number: 'CX-1', clientId, lines: LINES }, h.keys.member);
    await h.call('PATCH', '/api/v1/orders/CX-1', { status: 'cancelled' }, h.keys.member);
    expect((await invoice('CX-1')).body.code).toBe('ORDER_NOT_INVOICEABLE');
    const viewer = await h.call(
      'POST',
      '/api/v1/orders/SD-1/invoice',
      { issuerRfc: 'EKU9003173C9', formaPago: '03' },
      h.keys.viewer,
    );
    expect(viewer.status).toBe(403);
    const other = await h.call(
      'POST',
      '/api/v1/orders/SD-1/invoice',
      { issuerRfc: 'EKU9003173C9', formaPago: '03' },
      h.keys.otherAdmin,
    );
    expect(other.status).toBe(404);
  });
});
