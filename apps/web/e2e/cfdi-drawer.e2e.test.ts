/// <reference types="node" />
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../server/src/modules/cfdi/parsing/testing/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from './support/browser.js';

/**
 * A payment's drawer in Chromium: the documents it settles with their balances, catalogue codes with
 * the SAT's names, whose payment it is, and the paid invoice opened from its row.
 */
const owner = { tenantName: 'Despacho Kij', email: 'ana@kij.mx', password: 'Tres-tristes-tigres-2024' };
const PAGO = '5b64ada3-aa4c-40b4-a2f5-572ced52be31';
const PAID = '6d7434a6-e3f2-47ad-9e4c-08849946afa0';
describe.runIf(browserTestsEnabled)('CFDI drawer of a payment in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    // dist must hold the payment section: rebuild when it is missing or older than it.
    await ensureWebBuilt('Documentos pagados');
    server = await startTestServer();
    const { tenantId } = await server.seedUser({ ...owner, role: 'owner' });
    // KIJ0906199R1 is the organization's taxpayer: it receives the pago (and the invoice it pays).
    await server.ctx.database.pool.query(
      `INSERT INTO taxpayers (id, tenant_id, rfc, legal_name, certificate_serial, certificate_sha256, valid_from, valid_until)
       VALUES ($1, $2, 'KIJ0906199R1', 'KIJ, S.A DE C.V.', '30001000000500003415', 'x', now(), now() + interval '1 year')`,
      [randomUUID(), tenantId],
    );
    for (const fixture of [
      'satcfdi-stamped-pago20-HandE951128469.xml',
      'satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml',
    ]) {
      const xml = readFixture(`cfdi/${fixture}`);
      const objectKey = `tenants/${tenantId}/bandeja/${randomUUID()}.xml`;
      await server.ctx.storage.put(objectKey, xml);
      await server.ctx.services.cfdiIngestion.registerDocument({ tenantId, xml, objectKey });
    }
    browser = await launchBrowser({ width: 1280, height: 900 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the documents a payment settles, with SAT names, and opens the paid invoice', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/cfdi?q=${PAGO}`, owner);
    await page.waitForURL(`${server.url}/cfdi?q=${PAGO}`);

    // The only result opens at once.
    const drawer = page.getByRole('dialog', { name: 'Detalle del CFDI' });
    const pagos = drawer.getByRole('region', { name: 'Pagos' });
    await pagos.waitFor();
    const fact = (label: string) =>
      drawer.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await expect(fact('Contribuyente').textContent()).resolves.toBe('KIJ0906199R1 · Recibido');
    await expect(fact('Tipo').first().textContent()).resolves.toBe('P · Pago');
    await expect(fact('Uso del CFDI').textContent()).resolves.toBe('CP01 · Pagos');
    await expect(fact('Emisor · Régimen fiscal').textContent()).resolves.toBe('606 · Arrendamiento');
    // The payment's money instead of its 0 XXX total.
    await expect(fact('Monto pagado (MXN)').textContent()).resolves.toBe('$17,852.75');
    await expect(drawer.getByText('XXX').count()).resolves.toBe(0);
    await expect(pagos.getByText('03 · Transferencia electrónica de fondos').count()).resolves.toBe(1);

    const paid = pagos.getByRole('table', { name: 'Documentos pagados' });
    const row = paid.getByRole('row').nth(1);
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      `${PAID}A 123456`,
      '1',
      '$17,852.75 MXN',
      '$17,852.75 MXN',
      '$0.00 MXN',
    ]);
    await pagos.scrollIntoViewIfNeeded();
    await snap(page, 'cfdi-drawer-01-pago-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await pagos.scrollIntoViewIfNeeded();
    await snap(page, 'cfdi-drawer-02-pago-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The paid invoice is in the vault: its UUID opens it in the same drawer.
    await paid.getByRole('link', { name: `Abrir el CFDI ${PAID}` }).click();
    await drawer.getByRole('region', { name: 'Pagos' }).waitFor({ state: 'detached' });
    await expect(fact('UUID (folio fiscal)').textContent()).resolves.toBe(PAID);
    await expect(fact('Tipo').first().textContent()).resolves.toBe('I · Ingreso');
    await expect(fact('Uso del CFDI').textContent()).resolves.toBe('G03 · Gastos en general.');
    await expect(drawer.getByRole('region', { name: 'Pagos' }).count()).resolves.toBe(0);
    await snap(page, 'cfdi-drawer-03-paid-invoice');
    expect(pageErrors).toEqual([]);
  });
});
