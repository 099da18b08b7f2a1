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

const owner = {
  tenantName: 'Contadores del Bajío',
  email: 'lucia@bajio.mx',
  password: 'Lucia-Bajio-2026-largo',
};

/**
 * An owner opens *Sincronizaciones*, sees the connector scheduled every night, pauses it (after
 * confirming), finds it still paused after a reload, resumes it and runs it now.
 */
describe.runIf(browserTestsEnabled)('Sincronizaciones in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Sincronizaciones');
    server = await startTestServer({ env: { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' } });
    const seeded = await server.seedUser({ ...owner, role: 'owner' });
    const { key } = await server.createApiKey(seeded.tenantSlug, 'admin');
    const res = await fetch(`${server.url}/api/v1/connectors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'ERP nocturno',
        direction: 'pull',
        baseUrl: 'http://127.0.0.1:9/api',
        auth: { type: 'none' },
        schedule: { cron: '0 2 * * *', timeZone: 'America/Mexico_City' },
        pull: { resources: [{ name: 'customers', kind: 'customers', path: '/customers' }] },
      }),
    });
    expect(res.status).toBe(201);
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pauses a scheduled connector, keeps it paused across a reload, resumes and runs it', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, owner);
    await page.getByTestId('org-name').waitFor();
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Sincronizaciones' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sincronizaciones' }).waitFor();
    const row = page.locator('tr', { hasText: 'ERP nocturno' });
    await row.getByText('Diario a las 02:00 (America/Mexico_City)').waitFor();
    await row.getByText('Nunca').waitFor();
    await snap(page, 'schedules-01-list');

    await row.getByRole('button', { name: 'Pausar: Conector ERP nocturno' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pausar sincronización' });
    await dialog.getByRole('button', { name: 'Pausar' }).click();
    await row.getByText('Pausada').waitFor();
    await snap(page, 'schedules-02-paused');

    // Kept by the server, not by the page.
    await page.reload();
    const again = page.locator('tr', { hasText: 'ERP nocturno' });
    await again.getByText('Pausada').waitFor();
    await again.getByRole('button', { name: 'Reanudar: Conector ERP nocturno' }).click();
    await again.getByRole('button', { name: 'Pausar: Conector ERP nocturno' }).waitFor();
    expect(await again.getByText('Pausada').count()).toBe(0);

    await again.getByRole('button', { name: 'Ejecutar ahora: Conector ERP nocturno' }).click();
    await again.getByText(/En cola/).waitFor();
    await snap(page, 'schedules-03-run-now');
    expect(pageErrors).toEqual([]);
  });
});
