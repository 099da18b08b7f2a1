/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

/**
 * What every browser test shares: Debian's Chromium (never a downloaded one), the flags this
 * closed network needs, the built SPA, and optional screenshots for looking at the UI by eye.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inCi = Boolean(process.env.CI);
const haveChromium = existsSync(CHROMIUM);
/** Set BOVEDA_SCREENSHOTS_DIR to a folder to keep screenshots of each step. */
export const screenshotDir = process.env.BOVEDA_SCREENSHOTS_DIR;

/** Without Chromium the browser tests are skipped with a message, except in CI where they must run. */
export const browserTestsEnabled = haveChromium || inCi;
if (!browserTestsEnabled) {
  console.warn(`[web e2e] skipped: ${CHROMIUM} not found. Install it with: apt-get install -y chromium`);
}

/**
 * The server decides at start-up whether there is a web app to serve: build it when dist is
 * missing, or when it lacks `marker` (a string the page under test must contain).
 */
export async function ensureWebBuilt(marker?: string): Promise<void> {
  const assets = path.join(webDir, 'dist', 'assets');
  const fresh =
    existsSync(path.join(webDir, 'dist', 'index.html')) &&
    (!marker ||
      (await readdir(assets)).some(
        (f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes(marker),
      ));
  if (!fresh)
    await build({ root: webDir, configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}

export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
    viewport,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function snap(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the form, as a person does: opens `url` (a protected page, which sends to the
 * form, or the form itself), fills it and submits. Where the browser lands is the caller's check.
 */
export async function signInThroughForm(
  page: Page,
  url: string,
  who: { email: string; password: string },
  form: RegExp = /\/iniciar-sesion/,
): Promise<void> {
  await page.goto(url);
  await page.waitForURL(form);
  await page.getByLabel('Correo electrónico').fill(who.email);
  await page.getByLabel('Contraseña').fill(who.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
}
