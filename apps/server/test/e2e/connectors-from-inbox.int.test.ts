import { type RunningErpSimulator, startErpSimulator } from '@boveda/erp-simulator';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/modules/connectors/testing/connectors-harness.js';
import {
  fixture,
  type InboxHarness,
  startInboxHarness,
} from '../../src/modules/inbox/testing/inbox-harness.js';
import { type Receiver, startReceiver } from '../../src/modules/webhooks/testing/receiver.js';

const STAMPED = 'satcfdi-stamped-finkok.xml'; // emisor EKU9003173C9 (the test e.firma), stamped
const TOKEN = 'erp-bearer-token-91';

/** A person confirms an invoice → "Exportar a ERP" → the ERP has it → `document.exported` is signed out. */
describe('connectors from the inbox', () => {
  let h: InboxHarness;
  let erp: RunningErpSimulator;
  let rx: Receiver;
  beforeAll(async () => {
    h = await startInboxHarness({
      env: { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1', CONNECTOR_CALL_RETRY_SCHEDULE: '0.1' },
    });
    await h.registerFiel();
    erp = await startErpSimulator({ port: 0, auth: { type: 'bearer', token: TOKEN }, idLocation: 'data.id' });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await erp?.close();
    await h?.close();
  });

  it('exports a confirmed invoice with its confirmed values and announces it', async () => {
    const hook = await h.call(
      'POST',
      '/api/v1/webhooks/endpoints',
      { url: rx.url('/erp'), eventTypes: ['document.exported', 'export.completed'] },
      h.keys.admin,
    );
    const { secret } = (await hook.json()) as { secret: string };
    const upload = await h.upload([{ name: 'factura.xml', bytes: await fixture('cfdi', STAMPED) }]);
    const { items } = (await upload.json()) as { items: { id: string }[] };
    const invoice = await h.settled(items[0]!.id);
    expect(
      (await h.call('POST', `/api/v1/invoices/${invoice.id}/confirm`, { version: invoice.version })).status,
    ).toBe(200);

    const created = await h.call(
      'POST',
      '/api/v1/connectors',
      {
        name: 'Contpaq',
        direction: 'push',
        baseUrl: `${erp.url}/api`,
        auth: { type: 'bearer', token: TOKEN },
        push: {
          source: 'inbox',
          path: '/invoices',
          body: {
            uuid: '{{uuid}}',
            rfc_emisor: '{{emisor.rfc}}',
            rfc_receptor: '{{receptor.rfc}}',
            total: '{{total}}',
            archivo: '{{fileName}}',
            confirmado_por: '{{processedBy}}',
          },
          externalIdPath: 'data.id',
        },
      },
      h.keys.admin,
    );
    expect(created.status).toBe(201);
    const connector = (await created.json()) as { id: string };
    // What "Exportar a Contpaq" sends from the inbox: the selected documents.
    const queued = await h.call('POST', `/api/v1/connectors/${connector.id}/push`, {
      documents: [{ kind: 'invoice', id: invoice.id }],
    });
    expect(queued.status).toBe(202);
    const { runId } = (await queued.json()) as { runId: string };
    const run = await waitFor(async () => {
      const r = await h.json(`/api/v1/connectors/${connector.id}/runs/${runId}`);
      return r.finishedAt ? r : null;
    });
    expect(run).toMatchObject({ status: 'success', counts: { exported: 1 } });
    const [received] = erp.received('invoices');
    expect(received!.document).toMatchObject({
      uuid: invoice.uuid,
      rfc_emisor: 'EKU9003173C9',
      total: invoice.total,
      archivo: 'factura.xml',
    });
    const where = await h.json(`/api/v1/connectors/exports?kind=invoice&ids=${invoice.id}`, h.keys.viewer);
    expect(where.items).toEqual([
      expect.objectContaining({ connectorName: 'Contpaq', status: 'exported', externalId: received!.id }),
    ]);

    const got = await waitFor(() =>
      rx.to('/erp').find((r) => JSON.parse(r.body).type === 'document.exported'),
    );
    const event = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as {
      data: Record<string, unknown>;
    };
    expect(event.data).toMatchObject({
      connectorName: 'Contpaq',
      documentKind: 'invoice',
      documentId: invoice.id,
      externalId: received!.id,
      forced: false,
      links: { self: `/api/v1/invoices/${invoice.id}`, connector: `/api/v1/connectors/${connector.id}` },
    });
    await waitFor(() => rx.to('/erp').find((r) => JSON.parse(r.body).type === 'export.completed'));
  });
});
