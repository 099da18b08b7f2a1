import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../../test/support/prometheus.js';
import { fixture, type InboxHarness, startInboxHarness } from './testing/inbox-harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const printed = (name: string) => readFile(path.join(here, 'extraction/testing/fixtures', name));
const photo = (name: string) => readFile(path.join(here, 'ocr/testing/fixtures', name));

// cfdiutils-cfdi40-valid: its XML, its printed PDF and a phone photo of that print.
const VALID_UUID = '6F35D3B5-3651-5370-BC2C-14CDBE384CD7';
// cfdiutils-cfdi40-real: a scanned print only; the SAT's status service is asked about it.
const REAL_UUID = 'C2832671-DA6D-11EF-A83D-00155D012007';

/** PDFs and photos, the vault link, duplicates by UUID, XML+PDF pairs and the SAT's status service. */
describe('invoice inbox: printed representations, photos and what is already known', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness();
  });
  afterAll(() => h?.close());

  const upload = async (files: { name: string; bytes: Buffer }[]) => {
    const res = await h.upload(files);
    expect(res.status).toBe(202);
    return ((await res.json()) as { items: { id: string; pairedWith: string | null }[] }).items;
  };

  let pairId: string;

  it('keeps an XML and its PDF uploaded together as one invoice read from the XML', async () => {
    const items = await upload([
      { name: 'F-100.pdf', bytes: await printed('cfdiutils-cfdi40-valid.pdf') },
      { name: 'F-100.xml', bytes: await fixture('cfdi', 'cfdiutils-cfdi40-valid.xml') },
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ pairedWith: 'F-100.pdf' });
    pairId = items[0]!.id;
    const d = await h.settled(pairId);
    expect(d.status).toBe('waiting_validation');
    expect(d.extraction).toBe('xml');
    expect(d.files.map((f) => f.kind).sort()).toEqual(['pdf', 'xml']);
    expect(d.uuid).toBe(VALID_UUID);
  });

  it('reads a text PDF from its text layer and QR, each value with its source', async () => {
    const [item] = await upload([{ name: 'real.pdf', bytes: await printed('cfdiutils-cfdi40-real.pdf') }]);
    const d = await h.settled(item!.id);
    expect(d.status).toBe('waiting_validation');
    expect(d.extraction).toBe('pdf-text');
    expect(d.uuid).toBe(REAL_UUID);
    expect(d).toMatchObject({ emisorRfc: 'ISD950921HE5', receptorRfc: 'COSC8001137NA', total: '1000.00' });
    expect(d.preview?.fields.uuid?.source).toBe('qr');
    expect(d.preview?.fields.serie?.source).toBe('text');
    expect(d.inVault).toBe(false);
  });

  it('asks the SAT whether a CFDI it read is in force, and shows a cancellation', async () => {
    await h.simAdmin('POST', '/__admin/cfdi-status', {
      uuid: REAL_UUID,
      estado: 'Cancelado',
      esCancelable: 'Cancelable sin aceptación',
      estatusCancelacion: 'Cancelado sin aceptación',
    });
    const [item] = await upload([{ name: 'escaneo.jpg', bytes: await photo('scan-cfdi40-real-200dpi.jpg') }]);
    await h.settled(item!.id);
    const deadline = Date.now() + 30_000;
    let d = await h.detail(item!.id);
    while (!d.satStatus) {
      if (Date.now() > deadline) throw new Error('the SAT status was never checked');
      await new Promise((r) => setTimeout(r, 200));
      d = await h.detail(item!.id);
    }
    expect(d.extraction).toBe('image');
    expect(d.satStatus).toMatchObject({ estado: 'cancelado', efosListed: false });
    // The same CFDI as the PDF above: flagged and linked, not confirmable twice.
    expect(d.duplicateOf).not.toBeNull();
    const confirm = await h.call('POST', `/api/v1/invoices/${item!.id}/confirm`, { version: d.version });
    expect(confirm.status).toBe(409);
    expect(await confirm.json()).toMatchObject({ code: 'INVOICE_DUPLICATE' });
  });

  it('fills a photo of a CFDI the vault has with the vault’s exact values (source sat)', async () => {
    // The pair is confirmed: its XML joins the vault.
    const pair = await h.detail(pairId);
    expect(
      (await h.call('POST', `/api/v1/invoices/${pairId}/confirm`, { version: pair.version })).status,
    ).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!(await h.detail(pairId)).registeredInVault) {
      if (Date.now() > deadline) throw new Error('never registered in the vault');
      await new Promise((r) => setTimeout(r, 100));
    }
    const ocrPages = async () =>
      sampleValue(parseExposition((await h.server.ctx.metrics.render()).body), 'boveda_ocr_pages_total');
    const pagesBefore = await ocrPages();
    const [item] = await upload([{ name: 'foto.jpg', bytes: await photo('photo-cfdi40-valid-150dpi.jpg') }]);
    const d = await h.settled(item!.id);
    // The photo was read with OCR in the extraction thread, and the process counted it.
    expect((await ocrPages()) - pagesBefore).toBeGreaterThanOrEqual(1);
    expect(d.status).toBe('waiting_validation');
    expect(d.inVault).toBe(true);
    expect(d.uuid).toBe(VALID_UUID);
    expect(d.preview?.fields.total).toMatchObject({ value: '3327.01', source: 'sat', confidence: 1 });
    expect(d.preview?.fields.emisorNombre?.source).toBe('sat');
    expect(d.lowConfidenceFields).toEqual([]);
    expect(d.duplicateOf).toBe(pairId);
    // The vault knows it: the SAT's status service is not asked.
    expect(d.satStatus).toBeNull();
  });

  it('fails an encrypted PDF at once with its reason', async () => {
    const name = 'password-protected.pdf';
    const [item] = await upload([
      { name, bytes: await readFile(path.join(here, 'extraction/testing/fixtures/hostile', name)) },
    ]);
    const d = await h.settled(item!.id);
    expect(d.status).toBe('failed');
    expect(d.failure?.code).toBe('PDF_ENCRYPTED');
  });
});
