import path from 'node:path';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkers } from '../../server/src/app/workers.js';
import { waitForSatJobsIdle } from '../../server/src/modules/sat-download/testing/sat-harness.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  screenshotDir,
  signInThroughForm,
  snap,
  webDir,
} from './support/browser.js';

/**
 * A contador's first day: register a client's e.firma through the file pickers, request a whole
 * year from the SAT (the bundled simulator, a real HTTP server) and watch it arrive. The built SPA,
 * the real server with its job workers and a fresh database; nothing is mocked.
 */
const efirmaDir = path.resolve(webDir, '../../test-fixtures/efirma');

const RFC = 'EKU9003173C9';
const FIEL_PASSWORD = '12345678a';
const YEAR = new Date().getFullYear() - 1;
const owner = {
  tenantName: 'Despacho Kemper',
  email: 'contadora@example.mx',
  password: 'Tres-tristes-tigres-2024',
};
const fixture = (name: string) => path.join(efirmaDir, name);

describe.runIf(browserTestsEnabled)('taxpayers and SAT requests in Chromium', () => {
  let sim: RunningSimulator;
  let server: TestServer;
  let tenantId: string;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  const simAdmin = async (urlPath: string, body: unknown) => {
    const res = await fetch(`${sim.url}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
  };

  beforeAll(async () => {
    await ensureWebBuilt();
    sim = await startSimulator({
      seed: 'boveda-web-e2e',
      timing: { acceptedSeconds: 60, processingSeconds: 60 },
      universe: { volumes: { [RFC]: { issuedPerMonth: 2, receivedPerMonth: 1 } }, cfdiPerPackage: 5 },
    });
    server = await startTestServer({ env: { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '5000' } });
    await registerWorkers(server.ctx);
    ({ tenantId } = await server.seedUser({ ...owner, role: 'owner' }));
    browser = await launchBrowser();
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  it('registers the e.firma with the file pickers, refuses a CSD in Spanish', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));

    await signInThroughForm(page, `${server.url}/contribuyentes`, owner);
    await page.waitForURL(/\/contribuyentes$/);
    await page.getByRole('heading', { name: 'Contribuyentes', level: 1 }).waitFor();
    await page.getByText('Aún no hay contribuyentes').waitFor();

    const cer = page.getByLabel('Certificado (.cer)');
    const key = page.getByLabel('Llave privada (.key)');
    const password = page.getByLabel('Contraseña de la llave privada');
    await expect(cer.getAttribute('accept')).resolves.toBe('.cer');
    await expect(key.getAttribute('accept')).resolves.toBe('.key');
    await expect(password.getAttribute('type')).resolves.toBe('password');
    await expect(password.getAttribute('autocomplete')).resolves.toBe('off');

    await cer.setInputFiles(fixture(`fiel-${RFC}.cer`));
    await key.setInputFiles(fixture(`fiel-${RFC}.key`));
    await password.fill(FIEL_PASSWORD);
    await page.getByRole('button', { name: 'Registrar e.firma' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `(${RFC})` })
      .waitFor();
    // The form forgets the password once the e.firma is stored.
    await expect(password.inputValue()).resolves.toBe('');
    // And says what to do next: the taxpayer's page, where years are filed with the SAT.
    await expect(
      page
        .getByRole('status')
        .getByRole('link', { name: /Siguiente paso/ })
        .getAttribute('href'),
    ).resolves.toBe(`/contribuyentes/${RFC}`);

    const [stored] = await server.ctx.services.taxpayers.listTaxpayers(tenantId);
    const inMexico = (iso: Date) =>
      new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeZone: 'America/Mexico_City' }).format(iso);
    const row = page.getByRole('row', { name: new RegExp(RFC) });
    await expect(row.textContent()).resolves.toContain('ESCUELA KEMPER URGATE');
    await expect(row.getByRole('cell', { name: '30001000000500003415' }).count()).resolves.toBe(1);
    await expect(row.getByRole('cell', { name: inMexico(stored!.validFrom) }).count()).resolves.toBe(1);
    await expect(row.getByRole('cell', { name: inMexico(stored!.validUntil) }).count()).resolves.toBe(1);
    const days = stored!.daysToExpiry;
    await expect(row.textContent()).resolves.toContain(`Faltan ${days} días`);
    // The test FIEL ends 2027-05-17: flagged only in its last 30 days.
    await expect(row.getByText(days < 30 ? 'Por vencer' : 'Vigente').count()).resolves.toBe(1);
    await snap(page, 'tax-01-registered');
    if (screenshotDir) {
      await page.setViewportSize({ width: 390, height: 844 });
      await snap(page, 'tax-01b-registered-mobile');
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    // A CSD (sello digital) of the same RFC is refused with its own message in Spanish.
    await cer.setInputFiles(fixture(`csd-${RFC}.cer`));
    await key.setInputFiles(fixture(`csd-${RFC}.key`));
    await password.fill(FIEL_PASSWORD);
    await page.getByRole('button', { name: 'Registrar e.firma' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Este es un CSD (sello digital), no una e.firma.',
    );
    await snap(page, 'tax-02-csd-refused');
    expect(await server.ctx.services.taxpayers.listTaxpayers(tenantId)).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  // Its waits add up past the default test budget when the machine is loaded.
  it('files a year with the SAT, syncs, and shows each request with its history', {
    timeout: 150_000,
  }, async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/contribuyentes`);
    await page.getByRole('link', { name: RFC, exact: true }).click();
    await page.waitForURL(new RegExp(`/contribuyentes/${RFC}$`));
    await page.getByRole('heading', { name: `Solicitudes SAT de ${RFC}`, level: 1 }).waitFor();
    await page.getByText('Aún no hay solicitudes').waitFor();
    // The page learns about changes from the live channel, not by asking again and again.
    const listFetches: string[] = [];
    page.on('request', (r) => {
      if (/\/sat-requests(\?|$)/.test(new URL(r.url()).pathname + (new URL(r.url()).search ? '?' : '')))
        listFetches.push(r.url());
    });

    await page.getByLabel('Año', { exact: true }).selectOption(String(YEAR));
    await page.getByLabel('Dirección').selectOption('issued');
    await page.getByRole('button', { name: 'Solicitar año' }).click();
    await page.getByRole('status').filter({ hasText: 'Se crearon 14 solicitudes' }).waitFor();

    const rows = page.locator('tr[data-request-id]');
    await expect.poll(() => rows.count()).toBe(14);
    await expect(page.getByRole('row', { name: new RegExp(`enero de ${YEAR}`) }).count()).resolves.toBe(1);
    await expect(page.getByRole('row', { name: new RegExp(`enero–junio de ${YEAR}`) }).count()).resolves.toBe(
      1,
    );
    // The filing job sends them to the SAT; each change reaches the page as a live event.
    await expect
      .poll(() => page.locator('tr[data-request-id][data-state="accepted"]').count(), { timeout: 30_000 })
      .toBe(14);
    await snap(page, 'tax-03-year-accepted');
    // Nothing changes now (the SAT is still working on them): a page that polled would ask again
    // within its interval; a live one stays quiet until an event arrives.
    const quietFrom = listFetches.length;
    await page.waitForTimeout(4_000);
    expect(listFetches.length).toBe(quietFrom);

    // "Sincronizar ahora" verifies them: the SAT reports one as failed while the rest are still
    // being processed; once the SAT finishes them (simulated clock) the next sync downloads them.
    await simAdmin('/__admin/faults', { operation: 'verifica', kind: 'requestError', count: 1 });
    // A sync asked for while the filing job still holds the taxpayer's lock would be dropped.
    await waitForSatJobsIdle(server.ctx.database.pool, tenantId);
    const sync = page.getByRole('button', { name: 'Sincronizar ahora' });
    await sync.click();
    await page.getByRole('status').filter({ hasText: 'Sincronización en marcha' }).waitFor();
    const failed = page.locator('tr[data-request-id][data-state="failed"]');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    // That sync goes on verifying the others after the failure shows; the next one must not find
    // it still running (it would be dropped, and the downloads wait for the scheduled look).
    await waitForSatJobsIdle(server.ctx.database.pool, tenantId);
    await simAdmin('/__admin/clock/advance', { seconds: 180 });
    await sync.click();
    const downloaded = page.locator('tr[data-request-id][data-state="downloaded"]');
    await expect.poll(() => downloaded.count(), { timeout: 45_000 }).toBe(13);
    await expect(failed.textContent()).resolves.toContain('Requiere atención');
    // The year says how far along it is: issued only, one stopped (refreshed by the same events).
    const year = page.locator(`li[data-year="${YEAR}"]`);
    await year.getByText('13 de 14 solicitudes terminadas').waitFor();
    await expect(year.textContent()).resolves.toContain('Incompleto');
    await expect(year.textContent()).resolves.toContain('1 detenida');
    // Received was not filed; the stopped request leaves its issued part open too.
    await expect(year.textContent()).resolves.toMatch(
      /Falta: .*emitidos, CFDI recibidos, metadata recibidos$/,
    );
    await snap(page, 'tax-04-year-downloaded');

    // One request's detail: the SAT calls, the state changes and its stored packages.
    await downloaded
      .first()
      .getByRole('link', { name: /Ver detalle/ })
      .click();
    await page.waitForURL(/\/solicitudes\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: new RegExp(` de ${YEAR}$`), level: 1 }).waitFor();
    const history = page.getByTestId('history');
    await history.getByText('Pendiente → Aceptada').waitFor();
    await expect(
      history.getByText('Solicitud · SAT 5000', { exact: false }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(history.getByText('Lista para descargar → Descargada').count()).resolves.toBe(1);
    const packages = page.getByRole('table', { name: 'Paquetes de la solicitud' });
    await expect(packages.getByText('Guardado').count()).resolves.toBeGreaterThan(0);
    await snap(page, 'tax-05-request-detail');

    // The failed one says why and offers to file it again with the same parameters.
    await page.goBack();
    await failed.getByRole('link', { name: /Ver detalle/ }).click();
    const attention = page.getByRole('region', { name: 'Requiere atención' });
    await expect(attention.textContent()).resolves.toContain('EstadoSolicitud 4');
    await page.getByTestId('history').getByText('Aceptada → Requiere atención').waitFor();
    await snap(page, 'tax-06-request-failed');
    const failedUrl = page.url();
    const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    await attention.getByRole('button', { name: 'Reintentar' }).click();
    await page.waitForURL(
      (url) => url.href !== failedUrl && /\/solicitudes\/[0-9a-f-]{36}$/.test(url.pathname),
    );
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    // The filing job sends it to the SAT and the open request's page follows it there.
    await page.getByTestId('history').getByText('Pendiente → Aceptada').waitFor({ timeout: 30_000 });
    // The API's retry links the new request to the stopped one it replaces.
    await page.getByText('Reemplaza a').first().waitFor({ timeout: 15_000 });
    await snap(page, 'tax-07-request-retried');
    expect(pageErrors).toEqual([]);
  });

  it('removes the taxpayer after a confirmation that says the key material is erased', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/contribuyentes`);
    await page.getByRole('button', { name: `Eliminar: ${RFC}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Eliminar contribuyente' });
    await expect(confirm.textContent()).resolves.toContain(
      'borrará de forma definitiva su certificado, su llave privada y la contraseña',
    );
    await snap(page, 'tax-08-remove-confirm');
    await confirm.getByRole('button', { name: 'Sí, eliminar e.firma' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('Aún no hay contribuyentes').waitFor();
    expect(await server.ctx.services.taxpayers.listTaxpayers(tenantId)).toHaveLength(0);
    expect(pageErrors).toEqual([]);
  });
});
