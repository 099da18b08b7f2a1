/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDocuments, seedFromParsed } from '../../server/src/modules/cfdi/cfdi.search.test-support.js';
import { entryBaseName } from '../../server/src/modules/cfdi/export/xml-zip.js';
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

/** The explorer's ZIP downloads in Chromium: the whole search, then selected rows with their PDFs. */
const viewer = { tenantName: 'Despacho Ruiz', email: 'mario@ruiz.mx', password: 'Tres-tristes-tigres-2024' };
const ME = 'AAA010101AAA'; // the emisor of these three fixtures
const FILES = [
  'satcfdi-cfdv40-ejemplo-signed-tfd.xml', // pago
  'nodecfdi-cfdi40-nomina-valid.xml', // nómina
  'phpcfdi-cfdi32-aerolineas.xml', // ingreso 3.2
];

describe.runIf(browserTestsEnabled)('CFDI ZIP downloads in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const docs = FILES.map((file) => {
    const xml = readFixture(`cfdi/${file}`);
    const cfdi = parseCfdi(xml);
    return {
      file,
      xml,
      cfdi,
      base: entryBaseName({ ...cfdi, uuid: cfdi.uuid!, emisorRfc: cfdi.emisor.rfc }),
    };
  });

  beforeAll(async () => {
    await ensureWebBuilt('Descargar XML (ZIP)');
    server = await startTestServer();
    // A viewer: the ZIP is for anyone who can read the vault.
    const { tenantId } = await server.seedUser({ ...viewer, role: 'viewer' });
    const zipKey = `tenants/${tenantId}/clientes/${ME}/2021/paquetes/cfdi/p_01.zip`;
    await server.ctx.storage.put(zipKey, buildZip(docs.map((d) => ({ name: d.file, data: d.xml }))));
    await seedDocuments(server.ctx.database.pool, tenantId, [
      ...docs.map((d) => seedFromParsed(d.cfdi, { sourceObjectKey: zipKey, sourceEntry: d.file })),
      // Another emisor: outside the search, never in its ZIP.
      { emisorRfc: 'BBB010101BBB', receptorRfc: ME, issuedAt: '2021-05-05T12:00:00', total: '1.00' },
    ]);
    browser = await launchBrowser({ width: 1280, height: 900 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function entriesOf(download: Download) {
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const files = new Map<string, Buffer>();
    for (const entry of Object.values(zip.files)) files.set(entry.name, await entry.async('nodebuffer'));
    return files;
  }
  const downloadBy = async (page: Page, name: string | RegExp) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name }).click(),
    ]);
    return download;
  };

  it('downloads the search as a ZIP of the original XML, then the selected rows with their PDFs', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/cfdi`, viewer);
    await page.waitForURL(/\/cfdi$/);
    await page.getByLabel('RFC del contribuyente').fill(ME);
    await page.getByLabel('Dirección').selectOption('issued');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('3 CFDI', { exact: true }).waitFor();

    const whole = await downloadBy(page, 'Descargar XML (ZIP)');
    expect(whole.suggestedFilename()).toBe(`CFDI_${ME}_emitidos.zip`);
    const all = await entriesOf(whole);
    expect([...all.keys()].sort()).toEqual(docs.map((d) => `${d.base}.xml`).sort());
    for (const d of docs) expect(all.get(`${d.base}.xml`)!.equals(d.xml), d.file).toBe(true);
    await snap(page, 'cfdi-downloads-01-search');

    // Two rows ticked and "Incluir PDF": their XML and PDF, nothing else.
    const picked = docs.slice(0, 2);
    for (const d of picked) {
      const name = [d.cfdi.serie, d.cfdi.folio].filter(Boolean).join(' ') || d.cfdi.uuid!;
      await page.getByRole('checkbox', { name: `Seleccionar ${name}`, exact: true }).check();
    }
    await page.getByRole('checkbox', { name: 'Incluir PDF' }).check();
    await snap(page, 'cfdi-downloads-02-selected');
    const selected = await downloadBy(page, 'Descargar 2 seleccionados (ZIP)');
    expect(selected.suggestedFilename()).toBe(`CFDI_seleccion_${ME}_emitidos.zip`);
    const some = await entriesOf(selected);
    expect([...some.keys()].sort()).toEqual(picked.flatMap((d) => [`${d.base}.pdf`, `${d.base}.xml`]).sort());
    for (const d of picked) {
      expect(some.get(`${d.base}.xml`)!.equals(d.xml)).toBe(true);
      expect(some.get(`${d.base}.pdf`)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect(pageErrors).toEqual([]);
  });
});
