import { randomUUID } from 'node:crypto';
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

/**
 * A contadora imports the firm's catalogue from the CSV Excel saved, then validates an invoice of
 * a supplier whose last invoices were all classified as Viáticos: the suggestion says so, and one
 * click fills the category; the catalogue page counts it.
 */
const owner = { tenantName: 'Despacho Ríos', email: 'lucia@rios.mx', password: 'Lucia-Rios-2026-largo' };
const SUPPLIER = 'AAA010101AAA';

describe.runIf(browserTestsEnabled)('accounting catalogue and suggestions in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let tenantId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Catálogo contable');
    server = await startTestServer();
    tenantId = (await server.seedUser({ ...owner, role: 'owner' })).tenantId;
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const sql = (text: string, values: unknown[]) => server.ctx.database.pool.query(text, values);

  it('imports the catalogue, then accepts the suggested category on an invoice', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, owner);
    await page.getByTestId('org-name').waitFor();
    await page.getByRole('link', { name: 'Catálogo contable' }).first().click();
    await page.getByRole('heading', { name: 'Importar desde CSV' }).waitFor();
    // As Excel saves it in Spanish: BOM, semicolons.
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'tipo;clave;nombre;codigo_agrupador\ncategoria;VIAT;Viáticos;\ncuenta;601.84;Otros gastos;601.84\nproveedor;X;Y;\n',
      ),
    ]);
    await page
      .getByLabel('Archivo CSV')
      .setInputFiles({ name: 'catalogo.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Importar' }).click();
    const result = page.getByTestId('catalog-import-result');
    await result.getByText('2 agregadas, 0 actualizadas, 0 sin cambios.').waitFor();
    await result.getByText('Línea 4: el tipo debe ser «categoria» o «cuenta»').waitFor();
    await page.getByRole('table', { name: 'Entradas del catálogo' }).getByText('Viáticos').waitFor();
    await snap(page, 'catalog-01-imported');

    // Three invoices of the supplier people already confirmed as Viáticos, and a new one waiting.
    for (let i = 0; i < 3; i++)
      await sql(
        `INSERT INTO invoices (tenant_id, status, file_name, emisor_rfc, category_code, final_data, processed_at, created_by)
         VALUES ($1, 'processed', 'anterior.pdf', $2, 'VIAT', '{"fields":{},"taxes":[],"conceptos":[]}', now(), 'test')`,
        [tenantId, SUPPLIER],
      );
    const field = (value: string) => ({ value, source: 'ocr', confidence: 0.8 });
    const uuid = randomUUID().toUpperCase();
    const preview = {
      fields: {
        uuid: field(uuid),
        emisorRfc: field(SUPPLIER),
        emisorNombre: field('HOTEL DEL CENTRO'),
        receptorRfc: field('EKU9003173C9'),
        total: field('2320.00'),
      },
      taxes: { items: [], source: 'ocr', confidence: 0.8 },
      conceptos: { items: [], source: 'ocr', confidence: 0.8 },
      checks: [],
    };
    const { rows } = await sql(
      `INSERT INTO invoices (tenant_id, status, file_name, extraction, preview, uuid, emisor_rfc, emisor_nombre, receptor_rfc, total, created_by)
       VALUES ($1, 'waiting_validation', 'hotel.jpg', 'image', $2, $3, $4, 'HOTEL DEL CENTRO', 'EKU9003173C9', 2320, 'test')
       RETURNING id`,
      [tenantId, JSON.stringify(preview), uuid, SUPPLIER],
    );
    await page.goto(`${server.url}/bandeja/${rows[0].id}`);
    const suggestions = page.getByRole('region', { name: 'Sugerencias' });
    await suggestions.getByText('Categoría: Viáticos (VIAT)').waitFor();
    await suggestions.getByText('las últimas 3 facturas de este proveedor').waitFor();
    await snap(page, 'catalog-02-suggestion');
    await suggestions.getByRole('button', { name: 'Aceptar: Categoría: Viáticos (VIAT)' }).click();
    await expect.poll(() => page.getByLabel('Categoría').inputValue()).toBe('VIAT');
    await expect.poll(() => suggestions.count()).toBe(0);
    await snap(page, 'catalog-03-accepted');

    await page.goto(`${server.url}/catalogo-contable`);
    const stats = page.getByRole('table', { name: 'Sugerencias por tipo' });
    const category = stats.getByRole('row', { name: /^Categoría/ });
    await category.getByRole('cell').nth(1).getByText('1').waitFor();
    await page.getByTestId('acceptance-rate').getByText('Tasa de aceptación: 100 %').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
