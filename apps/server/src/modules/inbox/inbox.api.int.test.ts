import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type InboxHarness, startInboxHarness } from './testing/inbox-harness.js';

const STAMPED = 'satcfdi-stamped-finkok.xml'; // emisor EKU9003173C9 (the test e.firma), stamped
const STAMPED_UUID = 'F08A8B8C-26DB-5385-86AF-2A1D354C5CC3';

describe('invoice inbox API', () => {
  let h: InboxHarness;
  let xml: Buffer;
  beforeAll(async () => {
    h = await startInboxHarness();
    await h.registerFiel();
    xml = await fixture('cfdi', STAMPED);
  });
  afterAll(() => h?.close());

  const uploadOne = async (name: string, bytes: Buffer) => {
    const res = await h.upload([{ name, bytes }]);
    expect(res.status).toBe(202);
    return ((await res.json()) as { items: { id: string; duplicate: boolean; status: string }[] }).items[0]!;
  };
  const count = async (sql: string, values: unknown[] = []) =>
    Number((await h.sql<{ n: number }>(sql, values))[0]!.n);

  let xmlInvoiceId: string;

  it('reads a CFDI XML exactly: every value from the XML, direction from the organization’s RFCs', async () => {
    const created = await uploadOne('factura.xml', xml);
    expect(created).toMatchObject({ status: 'processing', duplicate: false });
    xmlInvoiceId = created.id;
    const d = await h.settled(created.id);
    expect(d.status).toBe('waiting_validation');
    expect(d.extraction).toBe('xml');
    expect(d.uuid).toBe(STAMPED_UUID);
    expect(d.emisorRfc).toBe('EKU9003173C9');
    expect(d.direction).toBe('issued');
    expect(d.preview?.fields.uuid).toMatchObject({ value: STAMPED_UUID, source: 'xml', confidence: 1 });
    expect(d.lowConfidenceFields).toEqual([]);
    expect(d.files).toHaveLength(1);
    expect(d.files[0]).toMatchObject({ kind: 'xml', name: 'factura.xml', size: xml.length });
  });

  it('answers the same bytes with the invoice that has them, storing nothing new', async () => {
    const objects = await count('SELECT count(*)::int AS n FROM invoice_files');
    const again = await uploadOne('otra-vez.xml', xml);
    expect(again).toMatchObject({ id: xmlInvoiceId, duplicate: true });
    expect(await count('SELECT count(*)::int AS n FROM invoice_files')).toBe(objects);
  });

  it('serves the original file byte for byte; an XML only as an attachment in a sandbox', async () => {
    const d = await h.detail(xmlInvoiceId);
    const res = await h.call('GET', `/api/v1/invoices/${xmlInvoiceId}/files/${d.files[0]!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await res.arrayBuffer()).equals(xml)).toBe(true);
  });

  it('records each edit with who and when, as source person; a stale version is a conflict', async () => {
    const before = await h.detail(xmlInvoiceId);
    const res = await h.call('PATCH', `/api/v1/invoices/${xmlInvoiceId}`, {
      version: before.version,
      fields: { folio: 'F-123' },
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as typeof before;
    expect(after.version).toBe(before.version + 1);
    expect(after.folio).toBe('F-123');
    expect(after.preview?.fields.folio).toMatchObject({ value: 'F-123', source: 'person', confidence: 1 });
    expect(after.edits.at(-1)).toMatchObject({
      field: 'folio',
      to: 'F-123',
      by: expect.stringMatching(/^test member/),
    });

    const stale = await h.call('PATCH', `/api/v1/invoices/${xmlInvoiceId}`, {
      version: before.version,
      fields: { serie: 'X' },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'INVOICE_EDIT_CONFLICT' });
  });

  it('confirms into processed with the final data and registers the CFDI in the vault', async () => {
    const d = await h.detail(xmlInvoiceId);
    const res = await h.call('POST', `/api/v1/invoices/${xmlInvoiceId}/confirm`, { version: d.version });
    expect(res.status).toBe(200);
    const confirmed = (await res.json()) as typeof d;
    expect(confirmed.status).toBe('processed');
    expect(confirmed.finalData?.fields).toMatchObject({ uuid: STAMPED_UUID, folio: 'F-123' });
    expect(confirmed.processedBy).toMatch(/^test member/);

    const deadline = Date.now() + 20_000;
    while (!(await h.detail(xmlInvoiceId)).registeredInVault) {
      if (Date.now() > deadline) throw new Error('never registered in the vault');
      await new Promise((r) => setTimeout(r, 100));
    }
    const vault = await h.call('GET', `/api/v1/cfdi/${STAMPED_UUID}`);
    expect(vault.status).toBe(200);
    // Processed is final.
    const edit = await h.call('PATCH', `/api/v1/invoices/${xmlInvoiceId}`, {
      version: confirmed.version,
      fields: { folio: 'changed' },
    });
    expect(edit.status).toBe(409);
    expect(await edit.json()).toMatchObject({ code: 'INVOICE_WRONG_STATE' });
  });

  it('lists with filters, counts by status and pages the confirmed data', async () => {
    const list = await h.json('/api/v1/invoices?status=processed');
    expect(list.items.map((i: { id: string }) => i.id)).toContain(xmlInvoiceId);
    const none = await h.json('/api/v1/invoices?status=failed&q=factura');
    expect(none.items).toEqual([]);
    const byRfc = await h.json('/api/v1/invoices?rfc=eku9003173c9');
    expect(byRfc.items.length).toBeGreaterThan(0);
    const summary = await h.json('/api/v1/invoices/summary');
    expect(summary.counts.processed).toBeGreaterThanOrEqual(1);
    expect(summary.total).toBe(
      Object.values(summary.counts as Record<string, number>).reduce((a, b) => a + b),
    );
    const data = await h.json('/api/v1/invoices/data?limit=1');
    expect(data.items[0]).toMatchObject({ id: xmlInvoiceId, direction: 'issued' });
    const csv = await h.call('GET', '/api/v1/invoices/export?format=csv&status=processed');
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('RFC emisor');
    expect(text).toContain(STAMPED_UUID);
    const xlsx = await h.call('GET', '/api/v1/invoices/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const bad = await h.call('GET', '/api/v1/invoices?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('refuses a file that is not what it claims, an empty one, or none at all, storing nothing', async () => {
    const rows = await count('SELECT count(*)::int AS n FROM invoices');
    const files = await count('SELECT count(*)::int AS n FROM invoice_files');
    const fake = await h.upload([
      { name: 'ok.xml', bytes: Buffer.from(xml.toString('utf8').replace('F08A8B8C', 'F08A8B8D')) },
      { name: 'factura.pdf', bytes: Buffer.from('MZ\x90\x00 this is an executable, not a PDF') },
    ]);
    expect(fake.status).toBe(415);
    expect(await fake.json()).toMatchObject({ code: 'INVOICE_UNSUPPORTED_TYPE' });
    const empty = await h.upload([{ name: 'vacia.pdf', bytes: Buffer.alloc(0) }]);
    expect(empty.status).toBe(415);
    const form = new FormData();
    form.append('other', 'x');
    const nothing = await fetch(`${h.server.url}/api/v1/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.keys.member}` },
      body: form,
    });
    expect(nothing.status).toBe(422);
    expect(await nothing.json()).toMatchObject({ code: 'INVOICE_NO_FILES' });
    expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(rows);
    expect(await count('SELECT count(*)::int AS n FROM invoice_files')).toBe(files);
    // Nothing left in object storage either: every stored object belongs to an invoice file.
    const stored: string[] = [];
    for await (const o of h.server.ctx.storage.list(`inbox/${h.tenantId}/`)) stored.push(o.key);
    expect(stored.length).toBe(files);
  });

  it('fails an XML that is not a stamped CFDI, saying why', async () => {
    const unstamped = await fixture('cfdi', 'satcfdi-cfdv40-min.xml');
    const created = await uploadOne('sin-timbre.xml', unstamped);
    const d = await h.settled(created.id);
    expect(d.status).toBe('failed');
    expect(d.failure?.code).toBe('XML_NOT_CFDI');
    expect(d.failure?.message).toContain('MISSING_UUID');
    const confirm = await h.call('POST', `/api/v1/invoices/${created.id}/confirm`, { version: d.version });
    expect(confirm.status).toBe(409);
    expect(await confirm.json()).toMatchObject({ code: 'INVOICE_WRONG_STATE' });
  });

  it('fails a damaged PDF with a reason, retries it on request, and lets a person reject it', async () => {
    const created = await uploadOne('danada.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'));
    const d = await h.settled(created.id);
    expect(d.status).toBe('failed');
    expect(d.failure?.code).toBe('PDF_UNREADABLE');
    const retry = await h.call('POST', `/api/v1/invoices/${created.id}/retry`);
    expect(retry.status).toBe(202);
    expect((await h.settled(created.id)).status).toBe('failed');
    const rejected = await h.call('POST', `/api/v1/invoices/${created.id}/reject`, {
      version: (await h.detail(created.id)).version,
      reason: 'No es una factura',
    });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'No es una factura' });
    const again = await h.call('POST', `/api/v1/invoices/${created.id}/reject`, {
      version: (await h.detail(created.id)).version,
      reason: 'otra vez',
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'INVOICE_WRONG_STATE' });
  });

  it('publishes every move as a domain event, in order', async () => {
    const rows = await h.sql<{ type: string; to: string }>(
      `SELECT type, payload->>'to' AS to FROM domain_events
       WHERE aggregate = $1 ORDER BY id`,
      [`invoice:${xmlInvoiceId}`],
    );
    // The SAT status check answers whenever the SAT does: its event is not part of the sequence.
    const moves = rows.filter((r) => r.type !== 'inbox.invoice.sat_status_checked');
    expect(moves.map((r) => r.type)).toEqual([
      'inbox.invoice.state_changed',
      'inbox.invoice.state_changed',
      'inbox.invoice.edited',
      'inbox.invoice.state_changed',
      'inbox.invoice.processed',
    ]);
    expect(moves.filter((r) => r.type === 'inbox.invoice.state_changed').map((r) => r.to)).toEqual([
      'processing',
      'waiting_validation',
      'processed',
    ]);
  });

  it('keeps each organization’s invoices to itself', async () => {
    const d = await h.detail(xmlInvoiceId);
    const other = h.otherKey;
    for (const [method, url, body] of [
      ['GET', `/api/v1/invoices/${xmlInvoiceId}`],
      ['GET', `/api/v1/invoices/${xmlInvoiceId}/files/${d.files[0]!.id}`],
      ['PATCH', `/api/v1/invoices/${xmlInvoiceId}`, { version: d.version, fields: { folio: 'x' } }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/confirm`, { version: d.version }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/reject`, { version: d.version, reason: 'x' }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/retry`],
    ] as const) {
      const res = await h.call(method, url, body, other);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    }
    const list = await h.json('/api/v1/invoices', other);
    expect(list.items).toEqual([]);
    const summary = await h.json('/api/v1/invoices/summary', other);
    expect(summary.total).toBe(0);
    // The same bytes in another organization are a new invoice there, not a link to this one.
    const theirs = await uploadOneAs(other, 'factura.xml', xml);
    expect(theirs.duplicate).toBe(false);
    expect(theirs.id).not.toBe(xmlInvoiceId);
  });

  const uploadOneAs = async (key: string, name: string, bytes: Buffer) => {
    const res = await h.upload([{ name, bytes }], key);
    expect(res.status).toBe(202);
    return ((await res.json()) as { items: { id: string; duplicate: boolean }[] }).items[0]!;
  };

  it('lets a viewer read but not upload, edit or decide', async () => {
    expect((await h.call('GET', '/api/v1/invoices', undefined, h.keys.viewer)).status).toBe(200);
    expect((await h.call('GET', `/api/v1/invoices/${xmlInvoiceId}`, undefined, h.keys.viewer)).status).toBe(
      200,
    );
    expect((await h.upload([{ name: 'a.xml', bytes: xml }], h.keys.viewer)).status).toBe(403);
    const d = await h.detail(xmlInvoiceId);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/invoices/${xmlInvoiceId}`, { version: d.version, fields: { folio: 'x' } }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/confirm`, { version: d.version }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/reject`, { version: d.version, reason: 'x' }],
      ['POST', `/api/v1/invoices/${xmlInvoiceId}/retry`],
    ] as const) {
      expect((await h.call(method, url, body, h.keys.viewer)).status, `${method} ${url}`).toBe(403);
    }
    const anonymous = await fetch(`${h.server.url}/api/v1/invoices`);
    expect(anonymous.status).toBe(401);
  });
});
