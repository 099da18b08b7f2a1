/// <reference types="node" />
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDocuments, seedFromParsed } from '../../server/src/modules/cfdi/cfdi.search.test-support.js';
import { parseCfdi } from '../../server/src/modules/cfdi/parsing/index.js';
import { readFixture } from '../../server/src/modules/cfdi/parsing/testing/fixtures.js';
import { buildZip } from '../../server/src/modules/cfdi/parsing/testing/zip-builder.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from './support/browser.js';

/** The CFDI explorer in Chromium: filters, windowed table, detail drawer, XML, exports, chart. */
const owner = { tenantName: 'Despacho Ruiz', email: 'lucia@ruiz.mx', password: 'Tres-tristes-tigres-2024' };
const ME = 'AAA010101AAA'; // the fixture's emisor
const SYNTHETIC = 249;
describe.runIf(browserTestsEnabled)('CFDI explorer in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const fixtureXml = readFixture('cfdi/satcfdi-cfdv40-ejemplo-signed-tfd.xml');
  const fixture = parseCfdi(fixtureXml);

  beforeAll(async () => {
    // dist must hold this page: rebuild when it is missing or older than the CFDI pages.
    await ensureWebBuilt('Ingresos netos de notas de crédito');
    server = await startTestServer();
    const { tenantId } = await server.seedUser({ ...owner, role: 'owner' });
    const zipKey = `tenants/${tenantId}/clientes/${ME}/2021/paquetes/cfdi/p_01.zip`;
    await server.ctx.storage.put(zipKey, buildZip([{ name: `${fixture.uuid}.xml`, data: fixtureXml }]));
    await seedDocuments(server.ctx.database.pool, tenantId, [
      seedFromParsed(fixture, { sourceObjectKey: zipKey, sourceEntry: `${fixture.uuid}.xml` }),
      ...Array.from({ length: SYNTHETIC }, (_, i) => ({
        issuedAt: `2021-${String((i % 12) + 1).padStart(2, '0')}-05T12:00:00`,
        emisorRfc: ME,
        receptorRfc: 'BBB010101BBB',
        receptorNombre: `Cliente ${i}`,
        // IVA-exempt: the chart's base is the whole amount.
        subtotal: '100.50',
        total: '100.50',
        // Two of December's are cancelled: a shared link below asks for exactly those.
        ...(i === 11 || i === 23 ? { status: 'cancelado' } : {}),
      })),
    ]);
    browser = await launchBrowser({ width: 1280, height: 900 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, scrolls, opens a CFDI with its concepts, downloads its XML and charts the year', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, owner);
    await page.getByRole('link', { name: 'CFDI' }).click();
    await page.waitForURL(/\/cfdi$/);
    await page.getByRole('heading', { name: 'CFDI', level: 1 }).waitFor();

    await page.getByLabel('RFC del contribuyente').fill(ME.toLowerCase());
    await page.getByLabel('Dirección').selectOption('issued');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();
    // Windowed: far fewer rows in the DOM than loaded.
    const rendered = await page.locator('tbody tr').count();
    expect(rendered).toBeLessThan(60);
    await page.locator('div[tabindex="0"]:has(table)').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByText(`${SYNTHETIC + 1} CFDI`, { exact: true }).waitFor();
    await snap(page, 'cfdi-01-explorer');

    const csv = await page.getByRole('link', { name: 'Exportar CSV' }).getAttribute('href');
    expect(csv).toBe(`/api/v1/cfdi/export.csv?rfc=${ME}&direction=issued`);
    const exported = await page.request.get(`${server.url}${csv}`);
    expect((await exported.text()).trimEnd().split('\r\n')).toHaveLength(SYNTHETIC + 2);

    // The fixture is the newest: first row. Its drawer shows concepts and taxes from the document.
    await page.locator('div[tabindex="0"]:has(table)').evaluate((el) => el.scrollTo(0, 0));
    await page.getByRole('button', { name: `Ver el CFDI ${fixture.uuid}` }).click();
    const drawer = page.getByRole('dialog', { name: 'Detalle del CFDI' });
    await drawer.getByRole('cell', { name: 'ACERO' }).waitFor();
    await expect(drawer.getByText('$1,500.00').count()).resolves.toBeGreaterThan(0);
    await expect(drawer.getByRole('cell', { name: 'IVA · Trasladados' }).count()).resolves.toBe(1);
    await snap(page, 'cfdi-02-drawer');
    const xmlHref = await drawer.getByRole('link', { name: 'Descargar XML' }).getAttribute('href');
    const xml = await page.request.get(`${server.url}${xmlHref}`);
    expect(Buffer.from(await xml.body()).equals(fixtureXml)).toBe(true);
    await drawer.getByRole('button', { name: 'Cerrar' }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Ingresos y gastos' }).click();
    // It opens on the newest year with data, without anyone typing it.
    await page.getByRole('img', { name: `Gráfica de ingresos y gastos por mes de ${ME} en 2021` }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Año' }).inputValue()).resolves.toBe('2021');
    await expect(page.getByRole('combobox', { name: 'Contribuyente' }).inputValue()).resolves.toBe(ME);
    // 21 synthetic ingresos in January at 100.50; the fixture is a pago, not income.
    await snap(page, 'cfdi-03-chart');
    expect(new URL(page.url()).search).toBe(`?rfc=${ME}&direction=issued&vista=grafica`);
    const january = page.getByRole('row', { name: /^Ene/ });
    await expect(january.getByRole('cell').first().textContent()).resolves.toBe('$2,110.50');
    // The y-axis reads as abbreviated pesos at round steps.
    await page.locator('svg[role="img"] text', { hasText: '$1 mil' }).first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('finds a CFDI by a UUID pasted in the search box and opens it', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/cfdi`);
    const box = page.getByRole('searchbox', { name: 'Buscar CFDI' });
    await expect(box.getAttribute('placeholder')).resolves.toBe('UUID, serie-folio, RFC o nombre');
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();

    // Pasted the way people copy it from a PDF or the SAT portal: upper case, no dashes, spaces.
    const pasted = `  ${fixture.uuid!.replaceAll('-', '').toUpperCase()} `;
    await box.focus();
    await box.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await page.waitForURL(`${server.url}/cfdi?q=${pasted.trim()}`);
    await page.getByText('1 CFDI', { exact: true }).waitFor();
    // The only result opens at once; closing it leaves that CFDI listed.
    const drawer = page.getByRole('dialog', { name: 'Detalle del CFDI' });
    await drawer.getByRole('cell', { name: 'ACERO' }).waitFor();
    await snap(page, 'cfdi-06-search-uuid');
    await drawer.getByRole('button', { name: 'Cerrar' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: `Ver el CFDI ${fixture.uuid}` }).waitFor();

    // A name typed and applied with Enter: the synthetic clients, not the fixture.
    await box.fill('  clIENTE ');
    await box.press('Enter');
    await page.waitForURL(`${server.url}/cfdi?q=clIENTE`);
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();
    await page.locator('div[tabindex="0"]:has(table)').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByText(`${SYNTHETIC} CFDI`, { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('keeps the search in the URL: reload, Back and Forward, and a shared link open the same results', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const rfc = page.getByLabel('RFC del contribuyente');
    const direction = page.getByLabel('Dirección');
    const tipo = page.getByLabel('Tipo', { exact: true });

    await page.goto(`${server.url}/cfdi`);
    await rfc.fill(ME.toLowerCase());
    await direction.selectOption('issued');
    await page.getByRole('button', { name: 'Buscar' }).click();
    // The URL uses the API's own parameter names, without the defaults.
    await page.waitForURL(`${server.url}/cfdi?rfc=${ME}&direction=issued`);
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();

    await page.reload();
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();
    await expect(rfc.inputValue()).resolves.toBe(ME);
    await expect(direction.inputValue()).resolves.toBe('issued');

    // A second search, narrower: only the pago (the fixture).
    await tipo.selectOption('P');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(`${server.url}/cfdi?rfc=${ME}&direction=issued&tipo=P`);
    await page.getByText('1 CFDI', { exact: true }).waitFor();

    // Back is the previous search, results and form alike; Forward the narrower one again.
    await page.goBack();
    await page.waitForURL(`${server.url}/cfdi?rfc=${ME}&direction=issued`);
    await page.getByText('200 CFDI (desplázate para cargar más)').waitFor();
    await expect(tipo.inputValue()).resolves.toBe('');
    await page.goForward();
    await page.getByText('1 CFDI', { exact: true }).waitFor();
    await expect(tipo.inputValue()).resolves.toBe('P');

    // A mistyped RFC is pointed at in the form; the search (and the URL) stay as they were.
    const before = page.url();
    await rfc.fill('AAA01');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('No es un RFC: 12 o 13 caracteres').waitFor();
    await expect(rfc.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(rfc.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(page.url()).toBe(before);
    await snap(page, 'cfdi-05-invalid-rfc');

    // A link someone shared (edited by hand: `tipo=nope` is no tipo) opens the same results in a new
    // tab, the bad value ignored instead of failing the search.
    const shared = await context.newPage();
    shared.on('pageerror', (err) => pageErrors.push(err.message));
    await shared.goto(
      `${server.url}/cfdi?rfc=${ME.toLowerCase()}&direction=issued&status=cancelado&tipo=nope`,
    );
    await shared.getByText('2 CFDI', { exact: true }).waitFor();
    await expect(shared.getByLabel('Estado').inputValue()).resolves.toBe('cancelado');
    await expect(shared.getByLabel('Tipo', { exact: true }).inputValue()).resolves.toBe('');
    await expect(shared.locator('tbody .badge', { hasText: 'Cancelado' }).count()).resolves.toBe(2);
    await snap(shared, 'cfdi-04-shared-link');

    // The chart's view and year are part of the link too.
    await shared.goto(`${server.url}/cfdi?rfc=${ME}&vista=grafica&year=2021`);
    await shared
      .getByRole('img', { name: `Gráfica de ingresos y gastos por mes de ${ME} en 2021` })
      .waitFor();
    await expect(
      shared.getByRole('tab', { name: 'Ingresos y gastos' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(shared.getByRole('combobox', { name: 'Año' }).inputValue()).resolves.toBe('2021');
    await shared.close();
    expect(pageErrors).toEqual([]);
  });
});
