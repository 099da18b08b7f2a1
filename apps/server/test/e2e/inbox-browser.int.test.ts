import { randomUUID } from 'node:crypto';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  snap,
} from '../../../web/e2e/support/browser.js';
import { registerWorkers } from '../../src/app/workers.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The invoice inbox in Chromium, against the real server with its job workers and the built SPA:
 * a contadora drops a PDF and a photo of invoices, watches both get read (no reload: the live
 * channel moves them), corrects a value, confirms with Ctrl+Enter and sees it processed.
 */
const owner = {
  tenantName: 'Despacho Robles',
  email: 'robles@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

interface InvoiceText {
  uuid: string;
  serie: string;
  folio: string;
  emisorRfc: string;
  emisorNombre: string;
  receptorRfc: string;
  receptorNombre: string;
  fecha: string;
  subtotal: string;
  iva: string;
  total: string;
}

const pdfInvoice: InvoiceText = {
  uuid: randomUUID().toUpperCase(),
  serie: 'A',
  folio: '1024',
  emisorRfc: 'EKU9003173C9',
  emisorNombre: 'ESCUELA KEMPER URGATE',
  receptorRfc: 'URE180429TM6',
  receptorNombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
  fecha: '2026-11-30T10:15:00',
  subtotal: '1000.00',
  iva: '160.00',
  total: '1160.00',
};
const photoInvoice: InvoiceText = {
  ...pdfInvoice,
  uuid: randomUUID().toUpperCase(),
  folio: '2048',
  subtotal: '2500.00',
  iva: '400.00',
  total: '2900.00',
};

/** The printed representation's QR (Anexo 20): the SAT's verification URL with the CFDI's keys. */
const qrUrl = (i: InvoiceText) =>
  `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${i.uuid}&re=${i.emisorRfc}&rr=${i.receptorRfc}&tt=${i.total}&fe=AbCdEf12`;

const lines = (i: InvoiceText) => [
  'FACTURA',
  `Serie: ${i.serie}   Folio: ${i.folio}`,
  `Folio fiscal: ${i.uuid}`,
  `Fecha de emision: ${i.fecha}`,
  `RFC emisor: ${i.emisorRfc}`,
  `Nombre emisor: ${i.emisorNombre}`,
  `RFC receptor: ${i.receptorRfc}`,
  `Nombre receptor: ${i.receptorNombre}`,
  'Uso CFDI: G03   Moneda: MXN',
  `Subtotal: $${i.subtotal}`,
  `IVA 16%: $${i.iva}`,
  `Total: $${i.total}`,
  'Metodo de pago: PUE   Forma de pago: 03',
];

/** A PDF with a text layer and the QR, as a supplier's system prints it. */
async function invoicePdf(i: InvoiceText): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines(i).forEach((text, n) => {
    page.drawText(text, { x: 50, y: 740 - n * 22, size: n === 0 ? 18 : 11, font });
  });
  const qr = await doc.embedPng(await QRCode.toBuffer(qrUrl(i), { margin: 2, width: 220 }));
  page.drawImage(qr, { x: 50, y: 200, width: 150, height: 150 });
  return Buffer.from(await doc.save());
}

/** A photo of a printed invoice: text and QR as pixels only (OCR and the QR reader's work). */
async function invoicePhoto(i: InvoiceText): Promise<Buffer> {
  const canvas = createCanvas(1100, 1400);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111111';
  lines(i).forEach((text, n) => {
    ctx.font = n === 0 ? 'bold 44px sans-serif' : '30px sans-serif';
    ctx.fillText(text, 60, 90 + n * 52);
  });
  const qr = await loadImage(await QRCode.toBuffer(qrUrl(i), { margin: 2, width: 360 }));
  ctx.drawImage(qr, 60, 900, 360, 360);
  return canvas.toBuffer('image/png');
}

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/bandeja`);
  await page.waitForURL(/\/iniciar-sesion/);
  await page.getByLabel('Correo electrónico').fill(owner.email);
  await page.getByLabel('Contraseña').fill(owner.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL(/\/bandeja$/);
  await page.getByRole('heading', { name: 'Bandeja de facturas', level: 1 }).waitFor();
}

describe.runIf(browserTestsEnabled)('the invoice inbox in Chromium', () => {
  let server: TestServer;
  let tenantId: string;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Bandeja de facturas');
    server = await startTestServer();
    await registerWorkers(server.ctx);
    ({ tenantId } = await server.seedUser({ ...owner, role: 'owner' }));
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads a PDF and a photo, sees them read live, corrects one, confirms it and sees it processed', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signIn(page, server.url);
    await page.getByText('La bandeja está vacía').waitFor();

    // Nothing below reloads the page: every change arrives over the live channel.
    let documentLoads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documentLoads++;
    });
    const loadsBefore = documentLoads;
    // Made once: pdf-lib stamps the creation time, and the re-upload below must be the same bytes.
    const pdf = await invoicePdf(pdfInvoice);

    await page.getByLabel('Archivos de facturas').setInputFiles([
      { name: 'factura-1024.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'foto-2048.png', mimeType: 'image/png', buffer: await invoicePhoto(photoInvoice) },
    ]);
    const uploads = page.getByRole('list', { name: 'Archivos subidos' });
    await expect
      .poll(() => uploads.locator('li[data-upload-state="done"]').count(), { timeout: 30_000 })
      .toBe(2);
    await expect(uploads.getByText('Recibida, leyendo…').count()).resolves.toBe(2);
    await snap(page, 'inbox-01-uploaded');

    const rows = page.locator('tr[data-invoice-id]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    // Both get read in the background (the photo through OCR and its QR) and move by themselves.
    await expect
      .poll(() => page.locator('tr[data-status="waiting_validation"]').count(), { timeout: 120_000 })
      .toBe(2);
    await expect.poll(() => page.getByTestId('count-waiting_validation').textContent()).toBe('2');
    expect(documentLoads).toBe(loadsBefore);
    await snap(page, 'inbox-02-waiting');

    // The same upload again: the server recognises the bytes.
    await page
      .getByLabel('Archivos de facturas')
      .setInputFiles([
        { name: 'factura-1024.pdf', mimeType: 'application/pdf', buffer: pdf },
      ]);
    await uploads.getByText('Ya estaba en la bandeja').first().waitFor();

    // Validate the PDF's invoice.
    await page.getByRole('link', { name: 'factura-1024.pdf' }).click();
    await page.waitForURL(/\/bandeja\/[0-9a-f-]{36}$/);
    const pdfId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1 }).waitFor();
    const frame = page.getByTitle('Documento factura-1024.pdf');
    await expect(frame.getAttribute('src')).resolves.toMatch(new RegExp(`/api/v1/invoices/${pdfId}/files/`));
    for (const legend of ['Comprobante', 'Emisor', 'Receptor', 'Importes', 'Pago'])
      await page.locator('legend', { hasText: legend }).waitFor();

    // Whatever the reading got, the values a confirmation needs are made right, and the folio corrected.
    const fill = async (label: string, value: string) => {
      const input = page.getByLabel(label, { exact: true });
      if ((await input.inputValue()) !== value) await input.fill(value);
    };
    await fill('UUID (folio fiscal)', pdfInvoice.uuid);
    await fill('RFC del emisor', pdfInvoice.emisorRfc);
    await fill('RFC del receptor', pdfInvoice.receptorRfc);
    await fill('Total', pdfInvoice.total);
    await page.getByLabel('Folio', { exact: true }).fill('1024-B');
    await page.getByText('Cambiado por ti, sin guardar').first().waitFor();
    await snap(page, 'inbox-03-validation');
    await page.keyboard.press('Control+Enter');
    // On to the next invoice waiting (the photo), or back to the inbox when none is left.
    await page.waitForURL((url) => !url.pathname.endsWith(pdfId), { timeout: 15_000 });

    const stored = await server.ctx.services.inbox.repo.get(tenantId, pdfId);
    expect(stored?.status).toBe('processed');

    await page.getByRole('link', { name: /Volver a la bandeja/ }).click();
    await page.waitForURL(/\/bandeja$/);
    const pdfRow = page.locator(`tr[data-invoice-id="${pdfId}"]`);
    await expect.poll(() => pdfRow.getAttribute('data-status'), { timeout: 15_000 }).toBe('processed');
    await expect(pdfRow.textContent()).resolves.toContain('Procesada');
    await expect.poll(() => page.getByTestId('count-processed').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('count-waiting_validation').textContent()).toBe('1');

    // The filter chip narrows the list and lives in the URL.
    await page.getByRole('button', { name: /Procesada/ }).click();
    await page.waitForURL(/\/bandeja\?status=processed$/);
    await expect.poll(() => rows.count()).toBe(1);
    await snap(page, 'inbox-04-processed');

    // Its history names the correction and who made it.
    await pdfRow.getByRole('link').first().click();
    await page
      .getByTestId('history')
      .getByText(/Folio: .* → 1024-B/)
      .waitFor();
    await expect(page.getByTestId('history').textContent()).resolves.toContain(owner.email);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
