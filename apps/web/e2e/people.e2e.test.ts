import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkers } from '../../server/src/app/workers.js';
import { type SmtpSink, startSmtpSink } from '../../server/src/platform/email/smtp-sink.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from './support/browser.js';

/**
 * An owner removes a colleague who is signed in: the colleague's session stops working at once.
 * Then someone who forgot their password asks for a link, receives it by e-mail (a real SMTP sink)
 * and chooses a new password on /restablecer.
 */
const owner = {
  tenantName: 'Despacho Ruiz',
  email: 'rosa.ruiz@example.mx',
  password: 'Rosa-Ruiz-2026-largo',
};
const colleague = { email: 'memo.ruiz@example.mx', password: 'Memo-Ruiz-2026-largo' };
const forgetful = { email: 'olga.ruiz@example.mx', password: 'Olga-Ruiz-2026-largo' };

describe.runIf(browserTestsEnabled)('people management in Chromium', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Quitar de la organización');
    sink = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: sink.url } });
    await registerWorkers(server.ctx);
    const seeded = await server.seedUser({ ...owner, role: 'owner' });
    for (const who of [colleague, forgetful])
      await server.ctx.services.tenants.addUser(
        seeded.tenantId,
        { ...who, role: 'member' },
        { type: 'system' },
      );
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  async function signIn(page: Page, who: { email: string; password: string }) {
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, who);
    await page.getByTestId('org-name').waitFor();
  }

  it('removes a person, whose open session stops working at once', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The colleague is signed in (their cookies are kept aside, as their own browser would keep them).
    await signIn(page, colleague);
    const colleagueCookies = await context.cookies();
    await context.clearCookies();

    await signIn(page, owner);
    await page.goto(`${server.url}/usuarios`);
    const members = page.getByRole('table', { name: 'Usuarios de la organización' });
    await members.getByRole('row', { name: new RegExp(colleague.email) }).waitFor();
    await page.getByRole('button', { name: `Quitar de la organización: ${colleague.email}` }).click();
    const dialog = page.getByRole('dialog', { name: '¿Quitar a esta persona de la organización?' });
    await dialog.getByText(`${colleague.email} dejará de pertenecer`).waitFor();
    await snap(page, 'people-01-remove-confirm');
    await dialog.getByRole('button', { name: 'Quitar de la organización' }).click();
    await members.getByRole('row', { name: new RegExp(colleague.email) }).waitFor({ state: 'detached' });
    await snap(page, 'people-02-removed');

    // The colleague's browser, with the session it had: the next request is refused, the app asks to sign in.
    await context.clearCookies();
    await context.addCookies(colleagueCookies);
    const me = await page.request.get(`${server.url}/api/v1/me`);
    expect(me.status()).toBe(401);
    await page.goto(`${server.url}/contribuyentes`);
    await page.waitForURL(/\/iniciar-sesion/);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('"¿Olvidaste tu contraseña?": the e-mailed link sets a new password once', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/iniciar-sesion`);
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await page.waitForURL(/\/olvide-contrasena$/);
    await page.getByLabel('Correo electrónico').fill(forgetful.email);
    await page.getByRole('button', { name: 'Enviar enlace' }).click();
    await page.getByText(`Si ${forgetful.email} tiene una cuenta en Bóveda`).waitFor();
    await snap(page, 'people-03-forgot-sent');

    const mail = await sink.waitFor((m) => m.to.includes(forgetful.email), 15_000);
    const link = new URL(/(https?:\/\/\S+\/restablecer\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!);
    // PUBLIC_URL is not set in tests: open the link's path on the test server.
    await page.goto(`${server.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Elige una contraseña nueva' }).waitFor();
    await page.getByLabel('Contraseña nueva').fill('Olga-Nueva-2026-larga');
    await page.getByLabel('Repite la contraseña').fill('Olga-Nueva-2026-larga');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Tu contraseña cambió. Ya puedes iniciar sesión con ella.').waitFor();
    await snap(page, 'people-04-reset-done');

    // The link works once.
    await page.goto(`${server.url}${link.pathname}${link.search}`);
    await page.getByLabel('Contraseña nueva').fill('Otra-Vez-2026-larga');
    await page.getByLabel('Repite la contraseña').fill('Otra-Vez-2026-larga');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText(/El enlace para restablecer la contraseña ya no es válido/).waitFor();

    await signIn(page, { email: forgetful.email, password: 'Olga-Nueva-2026-larga' });
    expect(pageErrors).toEqual([]);
  });
});
