import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkers } from '../../server/src/app/workers.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
  webDir,
} from './support/browser.js';

/**
 * A contador finds what the SAT lists but the vault lacks and gets it in one click: the SAT's
 * metadata of a month is downloaded first (the bundled simulator, a real HTTP server; the job
 * workers running), then *Metadatos* with "Solo sin XML" shows the missing CFDI, "Solicitar XML
 * faltantes" files a folio request for each, the workers fetch them, and the list empties.
 */
const efirmaDir = path.resolve(webDir, '../../test-fixtures/efirma');
const RFC = 'EKU9003173C9';
const YEAR = new Date().getFullYear() - 1;
const FROM = `${YEAR}-03-01`;
const TO = `${YEAR}-03-31`;
const owner = {
  tenantName: 'Despacho Kemper',
  email: 'contadora@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

describe.runIf(browserTestsEnabled)('Metadatos in Chromium: the missing XML, requested in one click', () => {
  let sim: RunningSimulator;
  let server: TestServer;
  let tenantId: string;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  const sql = async <T>(text: string, values: unknown[] = []) =>
    (await server.ctx.database.pool.query(text, values)).rows as T[];
  async function until<T>(what: string, check: () => Promise<T | false | null | undefined>, ms = 60_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    await ensureWebBuilt('Solicitar XML faltantes');
    sim = await startSimulator({
      seed: 'boveda-web-e2e-metadata',
      timing: { acceptedSeconds: 1, processingSeconds: 1 },
      universe: { volumes: { [RFC]: { issuedPerMonth: 6, receivedPerMonth: 0 } } },
    });
    // Seconds between the worker's looks at a filed request (minutes, then hours, in production).
    server = await startTestServer({
      env: { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '5000', SAT_VERIFY_SCHEDULE: '1,1,2' },
    });
    await registerWorkers(server.ctx);
    const seeded = await server.seedUser({ ...owner, role: 'owner' });
    tenantId = seeded.tenantId;
    const key = (await server.createApiKey(seeded.tenantSlug, 'admin')).key;
    const form = new FormData();
    form.append('certificate', new Blob([await readFile(path.join(efirmaDir, `fiel-${RFC}.cer`))]), 'a.cer');
    form.append('privateKey', new Blob([await readFile(path.join(efirmaDir, `fiel-${RFC}.key`))]), 'a.key');
    form.append(
      'password',
      (await readFile(path.join(efirmaDir, `fiel-${RFC}-password.txt`), 'utf8')).trim(),
    );
    const registered = await fetch(`${server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    expect(registered.status).toBe(201);
    // The month's metadata, through the same jobs as every SAT request; no CFDI yet.
    const filed = await fetch(`${server.url}/api/v1/taxpayers/${RFC}/sat-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'metadata', direction: 'issued', period: { start: FROM, end: TO } }),
    });
    expect(filed.status).toBe(201);
    await until(
      'the metadata ingested',
      async () => {
        const [row] = await sql<{ n: number }>(
          "SELECT count(*)::int AS n FROM sat_requests r JOIN sat_packages p ON p.request_id = r.id WHERE r.tenant_id = $1 AND p.ingestion_state = 'completed'",
          [tenantId],
        );
        return row!.n > 0;
      },
      90_000,
    );
    browser = await launchBrowser();
    context = browser.context;
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  /** Waits for `text` on the page; the live channel refreshes it, a reload is only a fallback. */
  async function waitForText(page: Page, text: string, ms: number) {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        await page.getByText(text).first().waitFor({ timeout: 10_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await page.reload();
      }
    }
  }

  it('filters "Solo sin XML", requests the missing ones, and sees them arrive', {
    timeout: 180_000,
  }, async () => {
    const [counts] = await sql<{ missing: number; cancelled: number }>(
      `SELECT count(*) FILTER (WHERE status <> 'cancelado')::int AS missing,
         count(*) FILTER (WHERE status = 'cancelado')::int AS cancelled
       FROM cfdi_metadata WHERE tenant_id = $1`,
      [tenantId],
    );
    const missing = counts!.missing;
    expect(missing).toBeGreaterThan(0);

    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(
      page,
      `${server.url}/metadatos?rfc=${RFC}&direction=issued&from=${FROM}&to=${TO}&anio=${YEAR}`,
      owner,
    );
    await page.getByRole('heading', { name: 'Metadatos', level: 1 }).waitFor();
    await page
      .getByText(`${missing} vigentes · ${counts!.cancelled} cancelados · ${missing} sin XML`)
      .waitFor();
    const march = page.getByRole('row', { name: new RegExp(`Mar ${YEAR}`) });
    await expect(march.getByRole('cell').allTextContents()).resolves.toEqual([
      String(missing + counts!.cancelled),
      String(counts!.cancelled),
      '0',
      String(missing),
    ]);
    await snap(page, 'meta-01-all');

    await page.getByRole('checkbox', { name: 'Solo sin XML' }).check();
    await page.waitForURL(/missingXml=true/);
    const table = page.getByRole('table', { name: 'Metadatos del SAT que coinciden con la búsqueda' });
    await expect
      .poll(() => table.getByText('Falta', { exact: true }).count(), { timeout: 15_000 })
      .toBe(missing);
    await expect(table.getByText('Cancelado', { exact: true }).count()).resolves.toBe(0);
    await snap(page, 'meta-02-missing');

    await page.getByRole('button', { name: `Solicitar XML faltantes (${missing})` }).click();
    const dialog = page.getByRole('dialog', { name: 'Solicitar los XML faltantes al SAT' });
    await dialog.waitFor();
    await snap(page, 'meta-03-confirm');
    await dialog.getByRole('button', { name: 'Solicitar', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: 'Se presentaron' });
    await expect(status.textContent()).resolves.toContain(
      `Se presentaron ${missing} solicitudes; 0 ya estaban`,
    );
    await expect(
      status.getByRole('link', { name: 'Ver las solicitudes al SAT' }).getAttribute('href'),
    ).resolves.toBe(`/contribuyentes/${RFC}`);
    await snap(page, 'meta-04-requested');

    // The workers file the folio requests, verify them and store each one-XML package.
    await waitForText(page, 'No falta ningún XML con estos filtros.', 120_000);
    const folios = await sql<{ state: string }>(
      'SELECT state FROM sat_requests WHERE tenant_id = $1 AND folio IS NOT NULL',
      [tenantId],
    );
    expect(folios.map((r) => r.state)).toEqual(folios.map(() => 'downloaded'));
    expect(folios).toHaveLength(missing);
    await expect(march.getByRole('cell').allTextContents()).resolves.toEqual([
      String(missing + counts!.cancelled),
      String(counts!.cancelled),
      String(missing),
      '0',
    ]);
    await snap(page, 'meta-05-arrived');

    // Without the toggle each row is marked in the vault; the mark opens the CFDI in the drawer.
    await page.getByRole('checkbox', { name: 'Solo sin XML' }).uncheck();
    const open = table.getByRole('button', { name: /^Abrir el CFDI / }).first();
    await open.click();
    await page.getByRole('dialog').filter({ hasText: RFC }).first().waitFor();
    await snap(page, 'meta-06-drawer');
    expect(pageErrors).toEqual([]);
  });
});
