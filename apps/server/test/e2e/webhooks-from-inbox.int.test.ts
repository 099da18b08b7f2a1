import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixture,
  type InboxHarness,
  startInboxHarness,
} from '../../src/modules/inbox/testing/inbox-harness.js';
import { type Receiver, startReceiver } from '../../src/modules/webhooks/testing/receiver.js';
import { waitFor } from '../../src/modules/webhooks/testing/webhooks-harness.js';

const STAMPED = 'satcfdi-stamped-finkok.xml'; // emisor EKU9003173C9 (the test e.firma), stamped
const STAMPED_UUID = 'F08A8B8C-26DB-5385-86AF-2A1D354C5CC3';

/** The whole path: a person confirms an invoice in the inbox → `document.processed` at the ERP. */
describe('webhooks from the inbox', () => {
  let h: InboxHarness;
  let rx: Receiver;
  beforeAll(async () => {
    h = await startInboxHarness({ env: { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' } });
    await h.registerFiel();
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await h?.close();
  });

  it('announces a confirmed invoice with its number, date, total and counterpart, signed', async () => {
    const created = await h.call(
      'POST',
      '/api/v1/webhooks/endpoints',
      { url: rx.url('/erp'), eventTypes: ['document.processed'] },
      h.keys.admin,
    );
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const upload = await h.upload([{ name: 'factura.xml', bytes: await fixture('cfdi', STAMPED) }]);
    const { items } = (await upload.json()) as { items: { id: string }[] };
    const invoice = await h.settled(items[0]!.id);
    const confirmed = await h.call('POST', `/api/v1/invoices/${invoice.id}/confirm`, {
      version: invoice.version,
    });
    expect(confirmed.status).toBe(200);
    const got = await waitFor(() => rx.to('/erp')[0]);
    const event = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(event.type).toBe('document.processed');
    expect(event.data).toMatchObject({
      documentId: invoice.id,
      uuid: STAMPED_UUID,
      total: invoice.total,
      date: invoice.fecha,
      direction: 'issued',
      issuer: { rfc: 'EKU9003173C9' },
      counterpart: { rfc: invoice.receptorRfc },
      links: { self: `/api/v1/invoices/${invoice.id}` },
    });
    expect(event.data.number).toBe(
      invoice.serie && invoice.folio ? `${invoice.serie}-${invoice.folio}` : (invoice.folio ?? invoice.serie),
    );
  });
});
