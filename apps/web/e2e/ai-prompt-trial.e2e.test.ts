import { PDFDocument, StandardFonts } from 'pdf-lib';
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

const admin = { tenantName: 'Despacho Lara', email: 'ana@lara.mx', password: 'Ana-Lara-2026-largo' };
const API_KEY = 'sk-lara-trial-browser-3Kp9';

async function textPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  // Enough text that the text layer is read (less would be read as a scan, by OCR).
  const lines = [
    'FACTURA',
    'EMISOR: PASE, SERVICIOS ELECTRONICOS',
    'RFC: ISD950921HE5',
    'Subtotal: $862.07',
    'IVA 16%: $137.93',
    'Total: $1,000.00',
    'Moneda: MXN',
  ];
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 40, y: 740 - i * 18, size: 10, font });
  return Buffer.from(await pdf.save());
}

/**
 * An admin edits the extraction prompt without saving it, tries it on an invoice of the inbox and
 * sees the model's fields beside the invoice's, with latency and tokens (a job asks the model).
 */
describe.runIf(browserTestsEnabled)('Probar un prompt con un documento in Chromium', () => {
  let server: TestServer;
  let llm: OpenAiCompatibleServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Probar con un documento');
    llm = await startOpenAiCompatibleServer({ apiKey: API_KEY, model: 'modelo-local' });
    llm.handler = (req) =>
      req.system.includes('BORRADOR')
        ? {
            content: { emisorNombre: 'PASE, SERVICIOS ELECTRONICOS', total: '1000.00' },
            usage: { prompt_tokens: 321, completion_tokens: 12 },
          }
        : { content: {} };
    server = await startTestServer({ env: { OUTBOUND_ALLOWED_HOSTS: llm.host } });
    await registerWorkers(server.ctx);
    const seeded = await server.seedUser({ ...admin, role: 'owner' });
    const { key } = await server.createApiKey(seeded.tenantSlug, 'admin');
    const call = (method: string, url: string, body: unknown) =>
      fetch(`${server.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The invoice is read with the AI off (its issuer's name stays empty), then the AI is turned on.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await textPdf())]), 'factura.pdf');
    const uploaded = await fetch(`${server.url}/api/v1/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const id = ((await uploaded.json()) as { items: { id: string }[] }).items[0]!.id;
    for (let i = 0; i < 300; i++) {
      const d = (await (
        await fetch(`${server.url}/api/v1/invoices/${id}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { status: string };
      if (d.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const saved = await call('PUT', '/api/v1/ai/settings', {
      enabled: true,
      baseUrl: llm.url,
      model: 'modelo-local',
      apiKey: API_KEY,
      allowedKinds: ['pdf-text'],
    });
    expect(saved.status).toBe(200);
    browser = await launchBrowser();
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
  });

  it('tries an unsaved prompt on an invoice and compares the fields', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, admin);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`${server.url}/inteligencia-artificial`);
    await page.getByRole('heading', { level: 2, name: 'Prompt de extracción' }).waitFor();
    const prompt = page.getByLabel('Prompt', { exact: true });
    await prompt.fill(`BORRADOR. ${await prompt.inputValue()}`);

    await page.getByRole('button', { name: 'Probar con un documento' }).click();
    await page
      .getByLabel('Documento', { exact: true })
      .locator('option')
      .first()
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Probar', exact: true }).click();
    const result = page.getByTestId('ai-trial-result');
    await result.waitFor({ timeout: 30_000 });
    await page
      .getByText(/^modelo-local respondió en \d+ ms · 321 tokens de entrada, 12 de salida\.$/)
      .waitFor();
    const row = page.locator('tr[data-field="emisorNombre"]');
    expect(await row.locator('th').textContent()).toBeTruthy();
    expect(await row.locator('td').nth(1).textContent()).toBe('PASE, SERVICIOS ELECTRONICOS');
    expect(await page.getByRole('columnheader', { name: 'Con este prompt' }).count()).toBe(1);
    // Tried, not saved: still the product's prompt.
    expect(await page.getByTestId('ai-prompt-status').textContent()).toBe(
      'Se usa el prompt de Bóveda (sin versiones propias).',
    );
    await snap(page, 'ai-03-prompt-trial');
    expect(pageErrors).toEqual([]);
  });
});
