import type { BrowserContext, Page } from 'playwright-core';
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
 * An admin invites a colleague who already works for another firm on the same Bóveda; the
 * colleague finds the invitation after signing in, accepts, and moves to the new firm.
 */
const admin = {
  tenantName: 'Despacho Ruiz',
  email: 'rosa.ruiz@example.mx',
  password: 'Rosa-Ruiz-2026-largo',
};
const colleague = {
  tenantName: 'Contadores del Bajío',
  email: 'luis.bajio@example.mx',
  password: 'Luis-Bajio-2026-largo',
};

describe.runIf(browserTestsEnabled)('invitations in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Invitaciones pendientes');
    server = await startTestServer();
    await server.seedUser({ ...admin, role: 'owner' });
    await server.seedUser({ ...colleague, role: 'owner' });
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, who: { email: string; password: string }) {
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, who);
    await page.getByTestId('org-name').waitFor();
  }

  it('invites, and the colleague accepts and moves to the firm', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signIn(page, admin);
    await page.goto(`${server.url}/usuarios`);
    await page.getByRole('heading', { name: 'Invitar a una persona' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(colleague.email);
    await page.getByLabel('Contraseña inicial').fill('no-se-usa-si-existe');
    await page.getByLabel('Rol').selectOption('member');
    await page.getByRole('button', { name: 'Enviar invitación' }).click();
    await page.getByText(`Invitación enviada a ${colleague.email}.`).waitFor();
    const pending = page.getByRole('table', { name: 'Invitaciones pendientes de la organización' });
    await pending.getByRole('row', { name: new RegExp(colleague.email) }).waitFor();
    // Not a member until they accept.
    const members = page.getByRole('table', { name: 'Usuarios de la organización' });
    expect(await members.getByText(colleague.email).count()).toBe(0);
    await snap(page, 'invitations-01-sent');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/iniciar-sesion$/);

    await signIn(page, colleague);
    await expect(page.getByTestId('org-name').textContent()).resolves.toBe(colleague.tenantName);
    const banner = page.getByRole('region', { name: 'Tienes invitaciones' });
    await banner.getByText(`${admin.email} te invitó a ${admin.tenantName} como Miembro.`).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
    await snap(page, 'invitations-02-received');
    await banner.getByRole('button', { name: 'Aceptar' }).click();
    await banner.getByText(`Ya perteneces a ${admin.tenantName}.`).waitFor();
    await banner.getByRole('button', { name: `Entrar a ${admin.tenantName}` }).click();
    await page.getByTestId('org-name').filter({ hasText: admin.tenantName }).waitFor();
    await snap(page, 'invitations-03-switched');
    expect(pageErrors).toEqual([]);
  });
});
