import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from '../../../web/e2e/support/browser.js';
import { registerWorkers } from '../../src/app/workers.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The invoice inbox in Chromium, against the real server with its job workers (pdf.js, the QR
 * reader, Tesseract) and the built SPA: a contadora drops a printed PDF and a phone photo of
 * invoices, watches both get read (no reload: the live channel moves them), corrects a value,
 * confirms with Ctrl+Enter and sees it processed. The SAT's status service is the bundled simulator.
 */
const owner = {
  tenantName: 'Despacho Robles',
  email: 'robles@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

// The inbox's own committed fixtures (licence and ground truth in their READMEs).
const inboxDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/modules/inbox');
const printedPdf = () =>
  readFile(path.join(inboxDir, 'extraction/testing/fixtures/cfdiutils-cfdi40-real.pdf'));
const phonePhoto = () => readFile(path.join(inboxDir, 'ocr/testing/fixtures/photo-cfdi40-valid-150dpi.jpg'));
// cfdiutils-cfdi40-real, as its XML says.
const pdfInvoice = {
  uuid: 'C2832671-DA6D-11EF-A83D-00155D012007',
  emisorRfc: 'ISD950921HE5',
  receptorRfc: 'COSC8001137NA',
  total: '1000.00',
};

async function signIn(page: Page, url: string) {
  await signInThroughForm(page, `${url}/bandeja`, owner);
  await page.waitForURL(/\/bandeja$/);
  await page.getByRole('heading', { name: 'Bandeja de facturas', level: 1 }).waitFor();
}

describe.runIf(browserTestsEnabled)('the invoice inbox in Chromium', () => {
  let sim: RunningSimulator;
  let server: TestServer;
  let tenantId: string;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Bandeja de facturas');
    sim = await startSimulator({ seed: 'boveda-inbox-browser' });
    server = await startTestServer({ env: { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '1500' } });
    await registerWorkers(server.ctx);
    ({ tenantId } = await server.seedUser({ ...owner, role: 'owner' }));
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
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
    const pdf = await printedPdf();

    await page.getByLabel('Archivos de facturas').setInputFiles([
      { name: 'factura-52375239.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'foto-ticket.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() },
    ]);
    const uploads = page.getByRole('list', { name: 'Archivos subidos' });
    await expect
      .poll(() => uploads.locator('li[data-upload-state="done"]').count(), { timeout: 30_000 })
      .toBe(2);
    await expect(uploads.getByText('Recibida', { exact: true }).count()).resolves.toBe(2);
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
      .setInputFiles([{ name: 'otra-vez.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await uploads.getByText('Ya estaba en la bandeja').first().waitFor();

    // Validate the PDF's invoice.
    await page.getByRole('link', { name: 'factura-52375239.pdf' }).click();
    await page.waitForURL(/\/bandeja\/[0-9a-f-]{36}$/);
    const pdfId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1 }).waitFor();
    const frame = page.getByTitle('Documento factura-52375239.pdf');
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
    await page.getByLabel('Folio', { exact: true }).fill('52375239-B');
    await page.getByText('Cambiado por ti, sin guardar').first().waitFor();
    await snap(page, 'inbox-03-validation');
    await page.keyboard.press('Control+Enter');
    // On to the next invoice waiting (the photo), or back to the inbox when none is left.
    await page.waitForURL((url) => !url.pathname.endsWith(pdfId), { timeout: 15_000 });
    if (/\/bandeja\/[0-9a-f-]{36}$/.test(page.url())) {
      await page.getByLabel('Total', { exact: true }).waitFor();
      await snap(page, 'inbox-03b-next-photo');
    }

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
      .getByText(/Folio: .* → 52375239-B/)
      .waitFor();
    await expect(page.getByTestId('history').textContent()).resolves.toContain(owner.email);
    expect(pageErrors).toEqual([]);
    pdfPath = new URL(await frameSrc(page)).pathname;
  }, 240_000);

  /**
   * The validation view frames the PDF (`/api/v1/invoices/:id/files/:fileId`, same origin): the
   * app's own CSP (`frame-ancestors 'none'`) would make Chromium show "refused to connect" there.
   */
  it('the original PDF may be framed by the app', async () => {
    const page = context.pages()[0]!;
    const res = await page.request.get(`${server.url}${pdfPath}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-security-policy']).toMatch(/frame-ancestors 'self'/);
  });
});

let pdfPath = '';
const frameSrc = async (page: Page) => {
  const frame = page.locator('iframe[data-testid="document-pdf"]');
  return new URL((await frame.getAttribute('src'))!, page.url()).toString();
};
