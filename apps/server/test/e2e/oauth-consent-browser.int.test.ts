import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from '../../../web/e2e/support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * authorization_code with PKCE in Chromium: an app (a public client, as a phone or browser app
 * would be) sends the person to /oauth/authorize; they sign in, read the Spanish consent page,
 * press "Permitir", and the browser lands on the app's loopback redirect URI with the code, which
 * the app exchanges (openid-client, with the PKCE verifier) for tokens that call the API as the
 * person. "Cancelar" returns `error=access_denied`. Then the settings page *Aplicaciones*: register
 * an application, its secret shown once, revoke it.
 */
const owner = {
  tenantName: 'Despacho Robles',
  email: 'robles@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

describe.runIf(browserTestsEnabled)('OAuth consent in Chromium', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let callback: Server;
  let redirectUri: string;
  const arrivals: URL[] = [];
  let waiting: ((url: URL) => void) | null = null;
  const nextArrival = () =>
    new Promise<URL>((resolve) => {
      const seen = arrivals.shift();
      if (seen) resolve(seen);
      else waiting = resolve;
    });

  beforeAll(async () => {
    await ensureWebBuilt('Autorizar aplicación');
    server = await startTestServer();
    await server.seedUser({ ...owner, role: 'owner' });
    // The app's redirect URI: a local server that keeps what the browser brings back.
    callback = createServer((req, res) => {
      const url = new URL(req.url ?? '/', redirectUri);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Listo, vuelve a la app.');
      if (url.pathname !== '/callback') return; // the browser's /favicon.ico
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(url);
      } else arrivals.push(url);
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
    browser = await launchBrowser();
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => callback?.close(resolve));
  });

  it('signs in, shows the Spanish consent page, and the code exchanged with the PKCE verifier calls the API as the person', async () => {
    const tenantSlug = (
      await server.ctx.services.tenants.membershipsOfUser(
        (await server.ctx.services.tenants.findUserByEmail(owner.email))!.id,
      )
    )[0]!.tenant.slug;
    const adminKey = (await server.createApiKey(tenantSlug, 'admin')).key;
    const created = await fetch(`${server.url}/api/v1/oauth-clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Portal de clientes',
        role: 'member',
        type: 'public',
        redirectUris: [redirectUri],
      }),
    });
    expect(created.status).toBe(201);
    const { clientId } = (await created.json()) as { clientId: string };
    const config = await oidc.discovery(new URL(server.url), clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
      algorithm: 'oauth2',
    });

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'read',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });

    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, authorizeUrl.href, owner, /\/iniciar-sesion\?siguiente=/);
    await page.waitForURL(/\/oauth\/consent\?/);
    await page.getByRole('heading', { name: 'Autorizar aplicación', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByTestId('consent-text').textContent())
      .toBe('Portal de clientes quiere acceder a Despacho Robles con permiso de lectura.');
    await snap(page, 'oauth-consent');
    const arrived = nextArrival();
    await page.getByRole('button', { name: 'Permitir' }).click();
    const back = await arrived;
    // The callback server saw the request before the page finished loading it; wait for the page,
    // or the next goto races that navigation (CI saw it interrupted).
    await page.waitForURL((url) => url.pathname === '/callback');
    expect(back.searchParams.get('state')).toBe(state);
    expect(back.searchParams.get('code')).toMatch(/^bov_ac_/);

    const tokens = await oidc.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const me = await oidc.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL(`${server.url}/api/v1/me`),
      'GET',
    );
    expect(await me.json()).toMatchObject({ user: { email: owner.email }, role: 'viewer' });
    // The refresh token is rotated.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    // Signed in now: straight to the consent page; "Cancelar" sends access_denied back to the app.
    const denied = nextArrival();
    await page.goto(authorizeUrl.href);
    await page.waitForURL(/\/oauth\/consent\?/);
    await page.getByRole('button', { name: 'Cancelar' }).click();
    const refusal = await denied;
    expect(refusal.searchParams.get('error')).toBe('access_denied');
    expect(refusal.searchParams.get('state')).toBe(state);
    expect(pageErrors).toEqual([]);
  }, 120_000);
  it('registers an application in Aplicaciones (the secret shown once), lists it and revokes it', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // Signed in by the previous test (same browser profile).
    await page.goto(`${server.url}/contribuyentes`);
    await page.getByRole('link', { name: 'Aplicaciones' }).click();
    await page.waitForURL(/\/aplicaciones$/);
    await page.getByRole('heading', { name: 'Aplicaciones (OAuth)', level: 1 }).waitFor();
    await page.getByLabel('Nombre').fill('ERP del despacho');
    await page.getByLabel('Rol máximo').selectOption('viewer');
    await page.getByRole('button', { name: 'Registrar aplicación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aplicación registrada' });
    await dialog.waitFor();
    const secret = await page.getByTestId('created-client-secret').inputValue();
    expect(secret).toMatch(/^bov_cs_/);
    const clientId = await page.getByLabel('client_id').inputValue();
    await snap(page, 'oauth-client-created');
    await dialog.getByRole('button', { name: 'Listo' }).click();

    // The secret works once shown, and is nowhere on the page afterwards.
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const token = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const row = page.getByRole('row', { name: /ERP del despacho/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revocar: ERP del despacho' }).click();
    await page.getByRole('button', { name: 'Sí, revocar' }).click();
    await row.getByText('Revocada').waitFor();
    const again = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(again.status).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
