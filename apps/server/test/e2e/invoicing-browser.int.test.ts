import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from '../../../web/e2e/support/browser.js';
import { registerWorkers } from '../../src/app/workers.js';
import { registerTestEfirma } from '../support/test-efirma.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Facturación in Chromium, against the real server with its workers, the built SPA and the Facturify
 * simulator: an owner connects the organization's account, issues an invoice, sees it stamped and
 * in the CFDI explorer as issued, and cancels it with motive 02 (pending until the receptor answers,
 * then cancelled).
 */
const owner = {
  tenantName: 'Despacho Facturas',
  email: 'factura@example.mx',
  password: 'Tres-tristes-tigres-2024',
};
const CREDS = { apiKey: 'browser-facturify-key', apiSecret: 'browser-facturify-secret' };

async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.runIf(browserTestsEnabled)('Facturación in Chromium', () => {
  let sim: RunningFacturifySimulator;
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    await ensureWebBuilt('Emitir factura');
    sim = await startFacturifySimulator({ ...CREDS, cancellation: 'pending' });
    server = await startTestServer({
      env: {
        FACTURIFY_SANDBOX_URL: sim.url,
        PAC_STAMP_RETRY_SCHEDULE: '1',
        PAC_STATUS_CHECK_SCHEDULE: '1,1,1,1,1,1,1,1',
      },
    });
    await registerWorkers(server.ctx);
    const { tenantSlug } = await server.seedUser({ ...owner, role: 'owner' });
    const { key } = await server.createApiKey(tenantSlug, 'admin');
    expect(await registerTestEfirma(server.url, key)).toBe(201);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  it('connects the account, issues, sees it stamped and in the explorer, and cancels it with motive 02', async () => {
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/facturacion`, owner);
    await page.waitForURL(/\/facturacion$/);
    await page.getByRole('heading', { name: 'Facturación', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('pac-account').textContent()).toMatch(/Sin cuenta/);

    await page.getByLabel('Ambiente').selectOption('sandbox');
    await page.getByLabel('API key').fill(CREDS.apiKey);
    await page.getByLabel('API secret').fill(CREDS.apiSecret);
    await page.getByRole('button', { name: 'Conectar cuenta' }).click();
    await expect.poll(() => page.getByTestId('pac-account').textContent()).toMatch(/Cuenta propia .*…-key/);

    await page.getByLabel('RFC del receptor').fill('XIA190128J61');
    await page.getByLabel('Razón social del receptor').fill('XENON INDUSTRIAL ARTICLES');
    await page.getByLabel('Código postal del receptor').fill('76343');
    await page.getByLabel('Descripción').fill('Honorarios contables de noviembre');
    await page.getByLabel('Valor unitario').fill('1250.50');
    await page.getByRole('button', { name: 'Emitir factura' }).click();
    const row = page.getByRole('row', { name: /XENON INDUSTRIAL ARTICLES/ });
    await row.getByText('Timbrada').waitFor();
    await expect.poll(() => row.textContent()).toContain('$1450.58 MXN');
    const uuid = (await row.locator('code').textContent())!.trim();
    expect(uuid).toMatch(/^[0-9A-F-]{36}$/);
    await snapBoth(page, 'invoicing-01-stamped');

    // In the vault, as issued by the taxpayer.
    await page.goto(`${server.url}/cfdi?q=${uuid}`);
    await page.getByRole('row', { name: /XENON INDUSTRIAL ARTICLES/ }).waitFor();

    await page.goto(`${server.url}/facturacion`);
    await page.getByRole('button', { name: `Cancelar: ${uuid}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancelar factura' });
    await dialog.getByLabel('Motivo').selectOption('02');
    await dialog.getByRole('button', { name: 'Solicitar cancelación' }).click();
    await row.getByText('Esperando al receptor').waitFor();
    await sim.resolveCancellation(uuid, 'accepted');
    await row.getByText('Cancelada', { exact: true }).waitFor({ timeout: 20_000 });
    await snapBoth(page, 'invoicing-02-cancelled');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
