import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  snap,
} from '../../../web/e2e/support/browser.js';
import { registerWorkers } from '../../src/app/workers.js';
import { registerTestEfirma } from '../support/test-efirma.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const CREDS = { apiKey: 'orders-browser-key', apiSecret: 'orders-browser-secret' };

/**
 * Clientes, Órdenes and Devoluciones in Chromium against the real server and the built SPA: a
 * member creates a client, an order with two lines (totals computed in the browser as the server
 * will), sees a step made through the API arrive live, walks it to "Entregada" one allowed step at a
 * time, invoices it through the Facturify simulator, returns part of it with a reason, finds the
 * return under Devoluciones (filtered by that reason) with its stamped credit note, and the credit
 * note in the CFDI explorer.
 */
const member = {
  tenantName: 'Distribuidora Ruiz',
  email: 'almacen@ruiz.mx',
  password: 'Tres-tristes-tigres-2024',
};

async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Clicks a status button and waits for the badge of the new status. */
async function step(page: Page, button: string, state: string) {
  await page.getByTestId('status-actions').getByRole('button', { name: button, exact: true }).click();
  await page.locator(`#order-summary-title [data-state="${state}"]`).waitFor();
}

describe.runIf(browserTestsEnabled)('orders in Chromium', () => {
  let sim: RunningFacturifySimulator;
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];
  let apiKey: string;

  beforeAll(async () => {
    await ensureWebBuilt('Volver a surtir');
    sim = await startFacturifySimulator(CREDS);
    server = await startTestServer({
      env: {
        FACTURIFY_BASE_URL: sim.url,
        FACTURIFY_API_KEY: CREDS.apiKey,
        FACTURIFY_API_SECRET: CREDS.apiSecret,
        PAC_STAMP_RETRY_SCHEDULE: '1',
        PAC_STATUS_CHECK_SCHEDULE: '1,1,1,1',
      },
    });
    await registerWorkers(server.ctx);
    const { tenantSlug } = await server.seedUser({ ...member, role: 'member' });
    ({ key: apiKey } = await server.createApiKey(tenantSlug, 'member'));
    // The issuing taxpayer (the SAT's public test e.firma), registered by an admin.
    const { key: adminKey } = await server.createApiKey(tenantSlug, 'admin');
    expect(await registerTestEfirma(server.url, adminKey)).toBe(201);
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  it('creates a client and an order, delivers and invoices it, returns part of it with its credit note', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/clientes`);
    await page.waitForURL(/\/iniciar-sesion/);
    await page.getByLabel('Correo electrónico').fill(member.email);
    await page.getByLabel('Contraseña').fill(member.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(/\/clientes$/);
    await page.getByText('Aún no hay clientes.').waitFor();

    // Nuevo cliente, with the fiscal data to invoice.
    await page.getByText('Nuevo cliente', { exact: true }).click();
    await page.getByLabel('Nombre o razón social').fill('Ferretería La Tuerca');
    await page.locator('#new-client-rfc').fill('EKU9003173C9');
    await page.locator('#new-client-email').fill('Compras@LaTuerca.mx');
    await page.locator('#new-client-fiscalRegime').selectOption('601');
    await page.locator('#new-client-postalCode').fill('06600');
    await page.locator('#new-client-cfdiUse').selectOption('G01');
    await page.getByRole('button', { name: 'Crear cliente' }).click();
    await page.waitForURL(/\/clientes\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Cliente: Ferretería La Tuerca', level: 1 }).waitFor();
    await page.getByText('601 · General de Ley Personas Morales').waitFor();
    await page.getByText('Este cliente aún no tiene órdenes.').waitFor();
    await snapBoth(page, 'orders-00-client');

    // The exact email lookup finds it whatever its case.
    await page.goto(`${server.url}/clientes?email=compras%40latuerca.mx`);
    await page.getByRole('link', { name: 'Ferretería La Tuerca' }).waitFor();
    await snapBoth(page, 'orders-01-clients');

    // Nueva orden: two lines; the totals are the server's rule computed in the browser.
    await page.getByRole('link', { name: 'Órdenes' }).first().click();
    await page.waitForURL(/\/ordenes$/);
    await page.getByText('Aún no hay órdenes.').waitFor();
    await page.getByText('Nueva orden', { exact: true }).click();
    await page.getByLabel(/^Número de orden/).fill('PED-1001');
    await page.locator('#order-clientId-search').fill('Tuerca');
    const picker = page.locator('#order-clientId');
    await expect.poll(() => picker.locator('option').count()).toBe(2);
    await picker.selectOption({ label: 'Ferretería La Tuerca · EKU9003173C9' });
    await page.locator('#order-lines-0-sku').fill('TOR-1');
    await page.locator('#order-lines-0-description').fill('Tornillo 1/4"');
    await page.locator('#order-lines-0-quantity').fill('3');
    await page.locator('#order-lines-0-unitPrice').fill('33.33');
    await page.getByRole('button', { name: 'Agregar partida' }).click();
    await page.locator('#order-lines-1-sku').fill('TUE-2');
    await page.locator('#order-lines-1-description').fill('Tuerca hexagonal');
    await page.locator('#order-lines-1-quantity').fill('4');
    await page.locator('#order-lines-1-unitPrice').fill('12.50');
    const total = page.getByTestId('order-totals').locator('[data-amount="total"]');
    // 99.99 + 16.00 (IVA of 99.99) + 50.00 + 8.00 = 173.99
    await expect.poll(() => total.textContent()).toBe('$173.99');
    await snapBoth(page, 'orders-02-new-order');
    await page.getByRole('button', { name: 'Crear orden' }).click();
    await page.waitForURL(/\/ordenes\/PED-1001$/);
    await page.getByRole('heading', { name: 'Orden PED-1001', level: 1 }).waitFor();
    // The server agrees to the cent.
    await expect
      .poll(() => page.getByTestId('order-detail-totals').locator('[data-amount="total"]').textContent())
      .toBe('$173.99');

    // One allowed step at a time: only allowedNext is offered.
    expect(await page.getByTestId('status-actions').getByRole('button').allTextContents()).toEqual([
      'Surtir',
      'Cancelar orden',
    ]);
    // A change made elsewhere (an ERP with an API key) arrives on the live channel: no reload.
    const patched = await fetch(`${server.url}/api/v1/orders/PED-1001`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'picking' }),
    });
    expect(patched.status).toBe(200);
    await page.locator('#order-summary-title [data-state="picking"]').waitFor();
    await page.getByTestId('status-actions').getByRole('button', { name: 'Empacar' }).waitFor();
    await step(page, 'Empacar', 'packing');
    expect(await page.getByTestId('status-actions').getByRole('button').allTextContents()).toEqual([
      'Volver a surtir',
      'Enviar',
      'Cancelar orden',
    ]);
    await page.getByTestId('status-actions').getByRole('button', { name: 'Enviar' }).click();
    await page.getByLabel(/Paquetería/).fill('Estafeta');
    await page.getByLabel(/Número de guía/).fill('EST-778899');
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.locator('#order-summary-title [data-state="shipped"]').waitFor();
    await page.getByText('EST-778899').waitFor();
    await step(page, 'Marcar como entregada', 'delivered');

    // Facturar: stamped through the PAC (a job), its UUID on the order.
    const invoice = page.getByTestId('order-invoice');
    await invoice.getByRole('button', { name: 'Facturar' }).click();
    const invoiceDialog = page.getByRole('dialog', { name: 'Facturar la orden PED-1001' });
    await invoiceDialog.getByLabel('Emisor (contribuyente)').selectOption('EKU9003173C9');
    await invoiceDialog.getByLabel('Forma de pago').selectOption('03');
    await invoiceDialog.getByRole('button', { name: 'Enviar a timbrar' }).click();
    await expect
      .poll(
        async () => {
          if (await invoice.locator('[data-state="stamped"]').count()) return true;
          await page.reload();
          return false;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    const invoiceUuid = (await page.getByTestId('invoice-uuid').textContent())!.trim();
    expect(invoiceUuid).toMatch(/^[0-9A-F-]{36}$/);

    // Registrar devolución: more than shipped is refused in the dialog; one damaged screw comes back.
    await page.getByRole('button', { name: 'Registrar devolución' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Cantidad a devolver de TOR-1').fill('4');
    await dialog.getByRole('button', { name: 'Registrar devolución' }).click();
    await dialog.getByText('No más de 3.').waitFor();
    await dialog.getByLabel('Cantidad a devolver de TOR-1').fill('1');
    await dialog.getByLabel('Unidades dañadas de TOR-1').fill('1');
    await dialog.getByLabel('Motivo').selectOption({ label: 'Llegó dañado' });
    await dialog.getByLabel(/^Nota/).fill('La caja llegó aplastada');
    await dialog.getByRole('button', { name: 'Registrar devolución' }).click();
    await page.locator('#order-summary-title [data-return-state="partially_returned"]').waitFor();
    const returned = page.locator('tr[data-return-number="PED-1001-D1"]');
    await returned.getByText('Llegó dañado').waitFor();
    await expect
      .poll(() => page.locator('tr[data-sku="TOR-1"] td').allTextContents())
      .toEqual(expect.arrayContaining(['1']));
    // The history reads every step in Spanish.
    await page.getByTestId('order-history').getByText('Enviada → Entregada').waitFor();
    await snapBoth(page, 'orders-03-order');

    // Devoluciones: the return with its order, client, reason and items; the reason filter is in the URL.
    await page.getByRole('link', { name: 'Volver a órdenes' }).click();
    await page.locator('tr[data-order-number="PED-1001"]').getByText('Devolución parcial').waitFor();
    await snapBoth(page, 'orders-02-orders-list');
    await page.getByRole('link', { name: 'Devoluciones' }).click();
    await page.waitForURL(/\/devoluciones$/);
    const row = page.locator('tr[data-return-number="PED-1001-D1"]');
    await row.getByText('Ferretería La Tuerca').waitFor();
    expect(await row.textContent()).toContain('1 × TOR-1 (1 dañada)');
    expect(await row.textContent()).toContain('La caja llegó aplastada');
    await page.getByLabel('Motivo').selectOption('late_delivery');
    await page.waitForURL(/\/devoluciones\?reasonCode=late_delivery$/);
    await page.getByText('Ninguna devolución tiene ese motivo.').waitFor();
    await page.goBack();
    await row.waitFor();
    // The order was invoiced: its return got a credit note (egreso, relación 03), stamped.
    await expect
      .poll(
        async () => {
          if ((await row.textContent())?.includes('Nota de crédito timbrada')) return true;
          await page.reload();
          return false;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    const creditUuid = (await row.locator('code').last().textContent())!.trim();
    expect(creditUuid).toMatch(/^[0-9A-F-]{36}$/);
    expect(creditUuid).not.toBe(invoiceUuid);
    await snapBoth(page, 'orders-04-returns');

    // …and it is in the CFDI explorer, as an egreso.
    await page.goto(`${server.url}/cfdi?q=${creditUuid}`);
    await page.getByRole('row', { name: /Ferretería La Tuerca|FERRETERIA LA TUERCA/i }).waitFor();
    const note = await server.ctx.database.pool.query('SELECT tipo FROM cfdi_documents WHERE uuid = $1', [
      creditUuid.toLowerCase(),
    ]);
    expect(note.rows).toEqual([{ tipo: 'E' }]);

    expect(pageErrors).toEqual([]);
  });
});
