import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkers } from '../../server/src/app/workers.js';
import {
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from '../../server/src/modules/inbox/llm/testing/openai-compatible-server.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from './support/browser.js';

const admin = { tenantName: 'Despacho Ortiz', email: 'rosa@ortiz.mx', password: 'Rosa-Ortiz-2026-largo' };
const API_KEY = 'sk-ortiz-browser-test-7Q2w';

/**
 * An admin points the organization at an OpenAI-compatible provider, saves it (the key shown only as
 * "configurada" and its last 4), tests the connection (a job answers) and sees the call metered.
 */
describe.runIf(browserTestsEnabled)('Inteligencia artificial in Chromium', () => {
  let server: TestServer;
  let llm: OpenAiCompatibleServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Probar conexión');
    llm = await startOpenAiCompatibleServer({ apiKey: API_KEY, model: 'modelo-local' });
    llm.handler = () => ({
      content: { respuesta: 'OK' },
      usage: { prompt_tokens: 12, completion_tokens: 4 },
    });
    server = await startTestServer({ env: { OUTBOUND_ALLOWED_HOSTS: llm.host } });
    await registerWorkers(server.ctx);
    await server.seedUser({ ...admin, role: 'owner' });
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
  });

  it('configures the provider, tests the connection and shows the usage', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, admin);
    await page.getByTestId('org-name').waitFor();
    await page.getByRole('link', { name: 'Inteligencia artificial' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Inteligencia artificial' }).waitFor();
    await page.getByText('Sin configuración: la inteligencia artificial está apagada.').waitFor();

    await page.getByLabel('Activar la inteligencia artificial').check();
    await page.getByLabel('URL base (compatible con OpenAI)').fill(llm.url);
    await page.getByLabel('Modelo').fill('modelo-local');
    await page.getByLabel(/^API key/).fill(API_KEY);
    await page.getByLabel('PDF con texto').check();
    await page.getByLabel('Moneda de los precios').selectOption('MXN');
    await page.getByLabel('Precio por 1 millón de tokens de entrada').fill('1000');
    await page.getByLabel('Precio por 1 millón de tokens de salida').fill('2000');
    await snap(page, 'ai-01-filled');
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Configurada (termina en …7Q2w)', { exact: false }).waitFor();
    expect(await page.getByLabel(/^API key/).inputValue()).toBe('');
    expect(await page.content()).not.toContain(API_KEY);

    await page.getByRole('button', { name: 'Probar conexión' }).click();
    const result = page.getByTestId('ai-test-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/^Respondió en \d+ ms: “OK”\.$/);
    expect(llm.requests.at(-1)!.authorization).toBe(`Bearer ${API_KEY}`);

    // The test's call is metered: 12 × 1000 + 4 × 2000 = 20,000 / 1M = 0.02 MXN.
    await page.reload();
    await page.getByTestId('ai-total-cost').waitFor();
    expect(await page.getByTestId('ai-total-cost').textContent()).toBe('0.02 MXN');
    await snap(page, 'ai-02-tested');
    expect(pageErrors).toEqual([]);
  });
});
