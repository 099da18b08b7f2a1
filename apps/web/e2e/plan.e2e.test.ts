import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from './support/browser.js';

const admin = { tenantName: 'Despacho Lozano', email: 'ana@lozano.mx', password: 'Ana-Lozano-2026-largo' };
const cfdiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-fixtures/cfdi');
const cfdi = (name: string) => readFile(path.join(cfdiDir, name));

/**
 * An organization on a plan of 2 documents a month: one already in, the admin uploads two more in
 * the inbox (one is refused, in Spanish, saying which limit) and *Plan y uso* shows the month.
 */
describe.runIf(browserTestsEnabled)('Plan y uso in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Plan y uso');
    server = await startTestServer();
    const seeded = await server.seedUser({ ...admin, role: 'owner' });
    const { plans, inbox } = server.ctx.services;
    await plans.create({
      code: 'despacho-2',
      name: 'Despacho 2',
      limits: { documentsPerMonth: 2, taxpayers: 3 },
    });
    await plans.assign(seeded.tenantSlug, 'despacho-2', { type: 'system', label: 'test' });
    await inbox.receiveFiles(seeded.tenantId, { type: 'system', id: 'test', label: 'test' }, [
      { name: 'primera.xml', bytes: await cfdi('cfdiutils-cfdi40-real.xml') },
    ]);
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses an upload past the plan in Spanish and shows the usage against the plan', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, admin);
    await page.getByTestId('org-name').waitFor();
    await page.getByRole('link', { name: 'Bandeja' }).first().click();
    await page.getByLabel('Archivos de facturas').setInputFiles({
      name: 'segunda.xml',
      mimeType: 'application/xml',
      buffer: await cfdi('cfdiutils-cfdi40-valid.xml'),
    });
    await page.locator('[data-upload-state="done"]').first().waitFor();
    await page.getByLabel('Archivos de facturas').setInputFiles({
      name: 'tercera.xml',
      mimeType: 'application/xml',
      buffer: await cfdi('nodecfdi-cfdi33-valid.xml'),
    });
    const refused = page.locator('[data-upload-state="error"]').getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Tu organización llegó al límite mensual de su plan');
    expect(await refused.textContent()).toContain('Documentos recibidos en la bandeja: 2 de 2.');
    await snap(page, 'plan-01-upload-refused');

    await page.getByRole('link', { name: 'Plan y uso' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Plan y uso' }).waitFor();
    await page.getByText('Plan: Despacho 2').waitFor();
    const documents = page.locator('tr[data-metric="documents"]');
    expect((await documents.innerText()).replace(/\s+/g, ' ')).toContain(
      'Documentos recibidos en la bandeja 2 2 100 %',
    );
    await documents.getByText('Límite alcanzado').waitFor();
    const taxpayers = page.locator('tr[data-metric="taxpayers"]');
    expect((await taxpayers.innerText()).replace(/\s+/g, ' ')).toContain('Contribuyentes (e.firmas) 0 3 0 %');
    expect(await page.locator('tr[data-metric="ocrPages"]').innerText()).toContain('Sin límite');
    await snap(page, 'plan-02-usage');
    expect(pageErrors).toEqual([]);
  });
});
