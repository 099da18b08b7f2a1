import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningErpSimulator, startErpSimulator } from '@boveda/erp-simulator';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { BrowserContext, Page } from 'playwright-core';
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
 * Connectors in Chromium, against the real server with its workers, the built SPA and the ERP
 * simulator on 127.0.0.1 (let through with OUTBOUND_ALLOWED_HOSTS): an owner creates a push+pull
 * connector with an API key, tests the connection, exports a processed inbox invoice with
 * "Exportar a …" and sees the ERP's id, imports customers and accepts one for import.
 */
const owner = {
  tenantName: 'Despacho Conectores',
  email: 'erp@example.mx',
  password: 'Tres-tristes-tigres-2024',
};
const API_KEY = 'k-boveda-123';
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test-fixtures');

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/conectores`);
  await page.waitForURL(/\/iniciar-sesion/);
  await page.getByLabel('Correo electrónico').fill(owner.email);
  await page.getByLabel('Contraseña').fill(owner.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL(/\/conectores$/);
  await page.getByRole('heading', { name: 'Conectores', level: 1 }).waitFor();
}

/** A screenshot at the desktop width and one at a phone's. */
async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.runIf(browserTestsEnabled)('connectors in Chromium', () => {
  let sat: RunningSimulator;
  let erp: RunningErpSimulator;
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let invoiceId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Exportar pendientes');
    sat = await startSimulator({ seed: 'boveda-connectors-browser' });
    erp = await startErpSimulator({
      port: 0,
      seed: 'boveda-connectors-browser',
      counts: { customers: 5, suppliers: 2, purchaseOrders: 2 },
      auth: { type: 'api-key', key: API_KEY },
    });
    server = await startTestServer({
      env: {
        SAT_ENDPOINTS: sat.url,
        SAT_HTTP_TIMEOUT_MS: '1500',
        OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
        CONNECTOR_CALL_RETRY_SCHEDULE: '0.2',
        CONNECTOR_RUN_RETRY_SCHEDULE: '1',
      },
    });
    await registerWorkers(server.ctx);
    const { tenantSlug } = await server.seedUser({ ...owner, role: 'owner' });
    const { key } = await server.createApiKey(tenantSlug, 'admin');
    invoiceId = await processedInvoice(server.url, key);
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await erp?.close();
    await sat?.close();
  });

  it('creates a connector, tests it, exports an invoice from the inbox, imports and accepts a record', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signIn(page, server.url);
    await page.getByText('Aún no hay conectores.').waitFor();

    // Nuevo conector: both directions, an API key; the push mapping and the customers resource keep their defaults.
    await page.getByText('Nuevo conector', { exact: true }).click();
    await page.getByLabel('Nombre', { exact: true }).fill('ERP Simulador');
    await page.getByLabel('Dirección', { exact: true }).selectOption('both');
    await page.getByLabel('URL base').fill(erp.url);
    await page.getByLabel(/Ruta de prueba/).fill('/api/company');
    await page.getByLabel('Método de autenticación').selectOption('api_key');
    const secret = page.getByLabel('API key', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    // A create without the key is refused next to the field, before anything is sent.
    await page.getByRole('button', { name: 'Crear conector' }).click();
    await page.getByText('Escribe la credencial.').waitFor();
    await secret.fill(API_KEY);
    await expect(page.getByLabel('Plantilla del cuerpo (JSON)').inputValue()).resolves.toContain(
      '{{emisor.rfc}}',
    );
    // What the API refuses (problem+json `errors[]`) comes back in Spanish next to its field.
    const pushPath = page.locator('#new-connector-push-path');
    await pushPath.fill('api/invoices');
    await page.getByRole('button', { name: 'Crear conector' }).click();
    await page.getByText('Una ruta que empiece con /, sin espacios ni #.').waitFor();
    await expect(pushPath.getAttribute('aria-invalid')).resolves.toBe('true');
    await pushPath.fill('/api/invoices');
    await page.getByRole('button', { name: 'Crear conector' }).click();
    await page.waitForURL(/\/conectores\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'ERP Simulador', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await page.getByText(/Conexión correcta \(HTTP 200/).waitFor();

    // The secret is kept when the form is saved without it.
    await page.getByText('Editar configuración').click();
    await expect(page.locator('#edit-connector-auth-secret').getAttribute('placeholder')).resolves.toBe(
      '•••• guardada',
    );

    // Exportar a … from the inbox.
    await page.goto(`${server.url}/bandeja`);
    await page.locator(`tr[data-invoice-id="${invoiceId}"]`).waitFor();
    await page.getByRole('checkbox', { name: /^Seleccionar factura\.xml/ }).check();
    await page.getByRole('button', { name: 'Exportar a…' }).click();
    await page.getByRole('button', { name: 'Exportar a ERP Simulador' }).click();
    const result = page.locator(`li[data-document-id="${invoiceId}"]`);
    await result.getByText('Exportado (INV-000001)').waitFor({ timeout: 20_000 });
    expect(erp.received('invoices')).toHaveLength(1);
    await snapBoth(page, 'connectors-03-exported');

    // The list shows the push that just ran.
    await page.getByRole('link', { name: 'Conectores' }).click();
    await page.waitForURL(/\/conectores$/);
    const row = page.locator('tr[data-connector-id]');
    await row.getByText('Correcta').waitFor();
    await snapBoth(page, 'connectors-01-list');

    // Importar ahora, then accept one staged customer.
    await row.getByRole('link', { name: 'ERP Simulador' }).click();
    await page.getByRole('button', { name: 'Importar ahora' }).click();
    await page.locator('tr[data-run-kind="pull"][data-status="success"]').waitFor({ timeout: 20_000 });
    // Vista previa: the request a push would send for the invoice, rendered and not sent.
    await page.getByLabel('Id o UUID del documento').fill(invoiceId);
    await page.getByRole('button', { name: 'Ver vista previa' }).click();
    const preview = page.getByTestId('preview-result');
    await preview.getByText(`POST ${erp.url}/api/invoices`).waitFor();
    await preview.getByText('"rfc_emisor": "EKU9003173C9"').waitFor();
    expect(erp.received('invoices')).toHaveLength(1);
    await page.getByRole('tab', { name: 'Exportaciones' }).click();
    await page.locator(`tr[data-document-id="${invoiceId}"]`).getByText('INV-000001').waitFor();
    await page.getByRole('tab', { name: 'Registros importados' }).click();
    await expect.poll(() => page.locator('tr[data-record-id]').count()).toBe(5);
    await page.getByRole('checkbox', { name: 'Seleccionar CUS-000001' }).check();
    await page.getByRole('button', { name: 'Aceptar para importar' }).click();
    await page.getByText('1 registro actualizado.').waitFor();
    await page.locator('tr[data-status="accepted"]').getByText('CUS-000001').waitFor();
    await page.getByRole('button', { name: 'Ver datos CUS-000001' }).click();
    await page.locator('tr[data-detail-of]').getByText('razon_social').waitFor();
    await snapBoth(page, 'connectors-02-detail');

    expect(pageErrors).toEqual([]);
  });
});

/** An inbox invoice read from a stamped CFDI XML and confirmed, as the inbox tests make one. */
async function processedInvoice(url: string, key: string): Promise<string> {
  const auth = { authorization: `Bearer ${key}` };
  const form = new FormData();
  const xml = await readFile(path.join(fixtures, 'cfdi', 'satcfdi-stamped-finkok.xml'));
  form.append('file', new Blob([new Uint8Array(xml)]), 'factura.xml');
  const uploaded = await fetch(`${url}/api/v1/invoices`, { method: 'POST', headers: auth, body: form });
  const { items } = (await uploaded.json()) as { items: { id: string }[] };
  const id = items[0]!.id;
  let invoice: { status: string; version: number };
  for (const deadline = Date.now() + 30_000; ; ) {
    invoice = (await (
      await fetch(`${url}/api/v1/invoices/${id}`, { headers: auth })
    ).json()) as typeof invoice;
    if (invoice.status !== 'processing') break;
    if (Date.now() > deadline) throw new Error('the invoice was not read in time');
    await new Promise((r) => setTimeout(r, 100));
  }
  const confirmed = await fetch(`${url}/api/v1/invoices/${id}/confirm`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ version: invoice.version }),
  });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${await confirmed.text()}`);
  return id;
}
