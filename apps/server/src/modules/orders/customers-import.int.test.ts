import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The connectors module's harness (real app, workers, ERP simulator): this is its consumer's test.
import {
  type ConnectorsHarness,
  startConnectorsHarness,
  waitFor,
} from '../connectors/testing/connectors-harness.js';

/** Customers pulled from the ERP simulator and accepted in staging become clients. */
describe('orders: customers accepted from an ERP connector', () => {
  let h: ConnectorsHarness;
  beforeAll(async () => {
    h = await startConnectorsHarness({ counts: { customers: 12, suppliers: 0, purchaseOrders: 0 } });
  });
  afterAll(async () => h?.close());

  it('creates a client per accepted customer with its fiscal data, and records the batch', async () => {
    const connector = await h.createConnector({
      name: 'ERP Clientes',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: { type: 'none' },
      pull: {
        resources: [
          {
            name: 'customers',
            kind: 'customers',
            path: '/api/customers',
            pagination: { style: 'cursor', pageSize: 50 },
          },
        ],
      },
    });
    const run = await h.call('POST', `/api/v1/connectors/${connector.id}/pull`, {}, h.keys.member);
    await h.finished(connector.id, run.body.runId);
    const staged = (await h.call('GET', `/api/v1/connectors/${connector.id}/records?limit=200`)).body
      .items as {
      id: string;
      payload: { razon_social: string; email: string };
    }[];
    expect(staged).toHaveLength(12);
    const accept = (ids: string[]) =>
      h.call(
        'POST',
        `/api/v1/connectors/${connector.id}/records/review`,
        { ids, action: 'accept' },
        h.keys.admin,
      );
    const accepted = staged.slice(0, 5);
    // Two ERP customers may share an email (the seed's companies write to contacto@<name>): the
    // second refreshes the first's client.
    const emails = [...new Set(accepted.map((r) => r.payload.email.toLowerCase()))].sort();
    expect((await accept(accepted.map((r) => r.id))).status).toBe(200);
    const clients = await waitFor(async () => {
      const list = (await h.call('GET', '/api/v1/clients?limit=50', undefined, h.keys.viewer)).body.items;
      return list.length === emails.length ? list : null;
    });
    expect(clients.map((c: { email: string }) => c.email.toLowerCase()).sort()).toEqual(emails);
    const detail = (await h.call('GET', `/api/v1/clients/${clients[0].id}`)).body;
    expect(detail.address).toMatch(/C\.P\. \d{5}$/);
    expect(detail.rfc).toMatch(/^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/);
    const audit = await waitFor(async () => {
      const { rows } = await h.server.ctx.database.pool.query(
        "SELECT actor_label, metadata FROM audit_events WHERE action = 'client.imported'",
      );
      return rows.length ? rows : null;
    });
    expect(audit[0]).toMatchObject({
      actor_label: 'connector:ERP Clientes',
      metadata: { created: emails.length, updated: 5 - emails.length, skipped: 0 },
    });
    // Another organization gets none of them.
    expect((await h.call('GET', '/api/v1/clients', undefined, h.keys.otherAdmin)).body.items).toEqual([]);
  });
});
