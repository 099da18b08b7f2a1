import { createHash, createHmac, randomBytes } from 'node:crypto';
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
 * An admin creates a key for a warehouse app restricted to orders, copies its signing secret, and
 * turns on signed requests; the key then works only signed, and only where orders are served.
 */
/** Signed as docs/signed-requests.md tells integrators, with node:crypto alone. */
function sign(secret: string, method: string, pathWithQuery: string, body = '') {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const nonce = randomBytes(16).toString('base64url');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const message = [method, pathWithQuery, timestamp, nonce, bodyHash].join('\n');
  const signature = createHmac('sha256', secret).update(message).digest('hex');
  return { 'boveda-timestamp': timestamp, 'boveda-nonce': nonce, 'boveda-signature': `v1=${signature}` };
}

const admin = {
  tenantName: 'Almacenes del Norte',
  email: 'marta@norte.mx',
  password: 'Marta-Norte-2026-largo',
};

describe.runIf(browserTestsEnabled)('API keys in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Solicitudes firmadas');
    server = await startTestServer();
    await server.seedUser({ ...admin, role: 'owner' });
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a scoped key with its signing secret and requires signed requests', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, admin);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`${server.url}/claves-api`);
    await page.getByRole('heading', { name: 'Nueva clave' }).waitFor();
    await page.getByLabel('Nombre').fill('App de almacén');
    await page.getByLabel('Pedidos: consultar').check();
    await snap(page, 'api-keys-01-new-scoped');
    await page.getByRole('button', { name: 'Crear clave' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clave creada' });
    const key = await dialog.getByLabel('Clave API').inputValue();
    const signingSecret = await dialog.getByLabel('Secreto de firma').inputValue();
    expect(key).toMatch(/^bov_live_/);
    expect(signingSecret).toMatch(/^bsk_/);
    await snap(page, 'api-keys-02-created');
    await dialog.getByRole('button', { name: 'Ya la guardé' }).click();
    const table = page.getByRole('table', { name: 'Claves API de la organización' });
    await table
      .getByRole('row', { name: /App de almacén/ })
      .getByText('Pedidos: consultar')
      .waitFor();

    const toggle = page.getByRole('switch', { name: 'Exigir solicitudes firmadas a las claves API' });
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/organization/settings') && r.request().method() === 'PATCH',
    );
    await toggle.check();
    await saved;
    expect(await toggle.isChecked()).toBe(true);
    await snap(page, 'api-keys-03-signed-required');
    expect(pageErrors).toEqual([]);

    // The key, as the warehouse app uses it.
    const route = '/api/v1/me';
    const unsigned = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await unsigned.json()).code).toBe('REQUEST_SIGNATURE_REQUIRED');
    const signed = await fetch(`${server.url}${route}`, {
      headers: {
        authorization: `Bearer ${key}`,
        ...sign(signingSecret, 'GET', route),
      },
    });
    // Signed, yet /me declares no resource scope: the key is restricted to orders.
    expect(signed.status).toBe(403);
    expect((await signed.json()).code).toBe('API_KEY_SCOPE_MISSING');
  });
});
