import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  snap,
} from '../../../web/e2e/support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Clientes, Órdenes and Devoluciones in Chromium against the real server and the built SPA: a
 * member creates a client, an order with two lines (totals computed in the browser as the server
 * will), sees a step made through the API arrive live, walks it to "Entregada" one allowed step at a time, returns part of it with a reason and
 * finds the return under Devoluciones, filtered by that reason.
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
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];
  let apiKey: string;

  beforeAll(async () => {
    await ensureWebBuilt('Volver a surtir');
    server = await startTestServer();
    const { tenantSlug } = await server.seedUser({ ...member, role: 'member' });
    ({ key: apiKey } = await server.createApiKey(tenantSlug, 'member'));
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a client and an order, delivers it, returns part of it and lists the return', async () => {
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
      'Surtiendo',
      'Cancelada',
    ]);
    // A change made elsewhere (an ERP with an API key) arrives on the live channel: no reload.
    const patched = await fetch(`${server.url}/api/v1/orders/PED-1001`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'picking' }),
    });
    expect(patched.status).toBe(200);
    await page.locator('#order-summary-title [data-state="picking"]').waitFor();
    await page.getByTestId('status-actions').getByRole('button', { name: 'Empacando' }).waitFor();
    await step(page, 'Empacando', 'packing');
    expect(await page.getByTestId('status-actions').getByRole('button').allTextContents()).toEqual([
      'Volver a surtir',
      'Enviada',
      'Cancelada',
    ]);
    await page.getByTestId('status-actions').getByRole('button', { name: 'Enviada' }).click();
    await page.getByLabel(/Paquetería/).fill('Estafeta');
    await page.getByLabel(/Número de guía/).fill('EST-778899');
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.locator('#order-summary-title [data-state="shipped"]').waitFor();
    await page.getByText('EST-778899').waitFor();
    await step(page, 'Entregada', 'delivered');

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
    await snapBoth(page, 'orders-04-returns');

    expect(pageErrors).toEqual([]);
  });
});
