import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxHarness, startInboxHarness } from './testing/inbox-harness.js';

const MAX_FILE_BYTES = 256 * 1024;

/** A PNG that declares `width × height` with one tiny compressed row: a decoder would allocate it all. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Files built to hurt: each ends in a clear 4xx at upload or a `failed` invoice with its reason —
 * never a crash, a stuck job or something half-stored. The server keeps answering throughout.
 */
describe('invoice inbox: hostile files', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness({ env: { INBOX_MAX_FILE_BYTES: String(MAX_FILE_BYTES) } });
  });
  afterAll(() => h?.close());

  const failsWith = async (name: string, bytes: Buffer, code: string) => {
    const res = await h.upload([{ name, bytes }]);
    expect(res.status, name).toBe(202);
    const [item] = ((await res.json()) as { items: { id: string }[] }).items;
    const d = await h.settled(item!.id);
    expect(d.status, name).toBe('failed');
    expect(d.failure?.code, name).toBe(code);
    expect((await fetch(`${h.server.url}/health`)).status).toBe(200);
  };

  it('an image that claims 50,000 × 50,000 pixels', async () => {
    await failsWith('gigante.png', pngClaiming(50_000, 50_000), 'IMAGE_TOO_LARGE');
  });

  it('a PDF with thousands of pages', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 2_000; i++) pdf.addPage([100, 100]);
    await failsWith('miles.pdf', Buffer.from(await pdf.save()), 'PDF_TOO_MANY_PAGES');
  });

  it('a CFDI XML with a DTD and entities (billion laughs)', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE cfdi:Comprobante [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="&c;"/>`;
    await failsWith('bomba.xml', Buffer.from(bomb), 'XML_NOT_CFDI');
  });

  it('a file over the size limit refuses the whole upload and stores nothing', async () => {
    const before = Number((await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM invoice_files'))[0]!.n);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20)]);
    const res = await h.upload([
      { name: 'pequena.pdf', bytes: Buffer.from('%PDF-1.7\n%small') },
      { name: 'grande.pdf', bytes: big },
    ]);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'INVOICE_FILE_TOO_LARGE' });
    expect(Number((await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM invoice_files'))[0]!.n)).toBe(
      before,
    );
    const stored: string[] = [];
    for await (const o of h.server.ctx.storage.list(`inbox/${h.tenantId}/`)) stored.push(o.key);
    expect(stored).toHaveLength(before);
  });

  it('a body that is not multipart, and a request that names no file part', async () => {
    const json = await h.call('POST', '/api/v1/invoices', { file: 'x' });
    expect(json.status).toBe(415);
    const res = await fetch(`${h.server.url}/api/v1/invoices`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.keys.member}`,
        'content-type': 'multipart/form-data; boundary=x',
      },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7 cut',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
