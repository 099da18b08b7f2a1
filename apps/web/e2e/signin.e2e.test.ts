import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { browserTestsEnabled, ensureWebBuilt, launchBrowser, snap } from './support/browser.js';

/**
 * The real thing: the built SPA served by the real server on a fresh database, driven through
 * Chromium the way a contador would use it.
 */
const owner = {
  tenantName: 'Despacho García y Asociados',
  email: 'ana.garcia@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

describe.runIf(browserTestsEnabled)('web app in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer();
    await server.seedUser({ ...owner, role: 'owner' });
    browser = await launchBrowser();
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, creates an API key shown once, revokes it and signs out', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));

    // Not signed in: any page sends you to the sign-in form.
    await page.goto(`${server.url}/auditoria`);
    await page.waitForURL(/\/iniciar-sesion/);
    // Each page is its own chunk: the form appears once it has loaded, a moment after the URL changes.
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();

    // A wrong password shows the server's problem in Spanish.
    await page.getByLabel('Correo electrónico').fill(owner.email);
    await page.getByLabel('Contraseña').fill('no-es-la-contraseña');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Correo o contraseña incorrectos');
    await snap(page, '01-sign-in-error');

    await page.getByLabel('Contraseña').fill(owner.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    // Came from /auditoria, so it returns there; then on to API keys through the nav.
    await page.waitForURL(/\/auditoria$/);
    await page.getByRole('link', { name: 'Claves API' }).click();
    await page.waitForURL(/\/claves-api$/);
    await page.getByRole('heading', { name: 'Claves API', level: 1 }).waitFor();
    await expect(page.getByTestId('org-name').textContent()).resolves.toBe(owner.tenantName);
    await expect(page.getByTestId('user-email').textContent()).resolves.toBe(owner.email);

    // Create a key: the full key appears once, in a dialog.
    await page.getByLabel('Nombre').fill('Integración ERP');
    await page.getByLabel('Rol').selectOption('admin');
    await page.getByRole('button', { name: 'Crear clave' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clave creada' });
    await dialog.waitFor();
    const key = await dialog.getByLabel('Clave API').inputValue();
    expect(key).toMatch(/^bov_live_/);
    await expect(dialog.getByText('No podrás verla de nuevo').isVisible()).resolves.toBe(true);
    await dialog.locator('#created-key-copy').click();
    // Either the clipboard took it or the fallback says so; both tell the person what happened.
    await page.waitForFunction(() =>
      /Copiada|No se pudo copiar/.test(document.querySelector('dialog')?.textContent ?? ''),
    );
    await snap(page, '02-key-created');

    // The key works against the API until it is revoked.
    const meWithKey = () => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect((await meWithKey()).status).toBe(200);

    await dialog.getByRole('button', { name: 'Ya la guardé' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(key);

    const row = page.getByRole('row', { name: /Integración ERP/ });
    await expect(row.getByText('Activa').isVisible()).resolves.toBe(true);
    const prefix = (await row.locator('code').textContent())?.replace('…', '') ?? '';
    expect(prefix.length).toBeGreaterThan('bov_live_'.length);
    expect(key.startsWith(prefix)).toBe(true);
    expect(await row.getByRole('cell', { name: 'Administrador' }).count()).toBe(1);
    await snap(page, '03-keys-table');

    // Revoke, with confirmation.
    await row.getByRole('button', { name: 'Revocar: Integración ERP' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revocar clave' });
    await confirm.getByRole('button', { name: 'Sí, revocar' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('Revocada').waitFor();
    expect(await row.getByRole('button', { name: /Revocar/ }).count()).toBe(0);
    expect((await meWithKey()).status).toBe(401);

    // The audit log tells the story in Spanish.
    await page.getByRole('link', { name: 'Auditoría' }).click();
    await page.getByRole('cell', { name: 'Clave API revocada' }).waitFor();
    await expect(page.getByRole('cell', { name: 'Clave API creada' }).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: 'Inicio de sesión fallido' }).count()).resolves.toBe(1);
    // The organization's hash chain verifies from the page.
    await page.getByRole('button', { name: 'Verificar integridad' }).click();
    await page
      .getByRole('status')
      .getByText(/^Cadena íntegra: \d+ eventos verificados$/)
      .waitFor();
    await snap(page, '04-audit');

    // Sign out: the session is gone, so the app sends you back to the form.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/iniciar-sesion$/);
    await page.goto(`${server.url}/claves-api`);
    await page.waitForURL(/\/iniciar-sesion/);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();

    expect(pageErrors).toEqual([]);
  });
});
