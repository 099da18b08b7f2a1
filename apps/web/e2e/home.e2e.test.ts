import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDocuments } from '../../server/src/modules/cfdi/testing/seed-documents.js';
import { mexicoCityMonth } from '../../server/src/modules/home/index.js';
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
 * *Inicio* in Chromium: a contador signs in and lands on the start page, sees the month's CFDI, a
 * stopped SAT request with the SAT's reason and the XML the vault lacks, and follows the links. The
 * taxpayer is registered with the SAT's test e.firma through the service; the vault rows and the
 * stopped request are written as the ingestion and the SAT conversation write them.
 */
const efirmaDir = path.resolve(webDir, '../../test-fixtures/efirma');
const RFC = 'EKU9003173C9';
const owner = {
  tenantName: 'Despacho Inicio',
  email: 'inicio@example.mx',
  password: 'Tres-tristes-tigres-2024',
};
const REASON = 'El SAT ya no acepta más solicitudes de este periodo (5002).';

describe.runIf(browserTestsEnabled)('the start page in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let requestId: string;
  const month = mexicoCityMonth(new Date());

  beforeAll(async () => {
    await ensureWebBuilt('Registra la e.firma de tu primer contribuyente');
    server = await startTestServer();
    const { tenantId } = await server.seedUser({ ...owner, role: 'owner' });
    await server.ctx.services.taxpayers.addTaxpayer(
      tenantId,
      {
        certificate: readFileSync(path.join(efirmaDir, `fiel-${RFC}.cer`)),
        privateKey: readFileSync(path.join(efirmaDir, `fiel-${RFC}.key`)),
        password: '12345678a',
      },
      { type: 'system', label: 'e2e' },
    );
    const pool = server.ctx.database.pool;
    const inMonth = `${month.from}T10:00:00`;
    await seedDocuments(pool, tenantId, [
      {
        emisorRfc: RFC,
        receptorRfc: 'XAXX010101000',
        issuedAt: inMonth,
        subtotal: '1000.00',
        total: '1160.00',
      },
      {
        emisorRfc: RFC,
        receptorRfc: 'XAXX010101000',
        issuedAt: inMonth,
        subtotal: '500.00',
        total: '580.00',
      },
      {
        emisorRfc: 'XAXX010101000',
        receptorRfc: RFC,
        issuedAt: inMonth,
        subtotal: '100.00',
        total: '116.00',
      },
    ]);
    await pool.query(
      `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, receptor_rfc, issued_at, monto, efecto, status)
       VALUES ($1, $2, 'XAXX010101000', $3, $4, '116.00', 'I', 'vigente')`,
      [tenantId, randomUUID(), RFC, inMonth],
    );
    requestId = randomUUID();
    await pool.query(
      `INSERT INTO sat_requests (id, tenant_id, rfc, kind, direction, period_start, period_end, params_hash, state,
         origin, sat_status_code, sat_request_code, needs_attention_reason, finished_at)
       VALUES ($1, $2, $3, 'cfdi', 'received', '2025-01-01T00:00:00', '2025-01-31T23:59:59', 'h', 'failed', 'year',
         5000, 5002, $4, now())`,
      [requestId, tenantId, RFC, REASON],
    );
    browser = await launchBrowser({ width: 1280, height: 900 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lands on Inicio after sign-in and leads to the explorer and the stopped request', async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signInThroughForm(page, `${server.url}/iniciar-sesion`, owner);
    await page.waitForURL(/\/inicio$/);
    await page.getByRole('heading', { name: 'Inicio', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link').first().textContent()).resolves.toBe('Inicio');

    const card = page.getByRole('article', { name: new RegExp(RFC) });
    await card.getByText('ESCUELA KEMPER URGATE').waitFor();
    await card.getByText(`Código 5002: ${REASON}`).waitFor();
    await card.getByText('1 CFDI está en la metadata del SAT pero su XML no está en la bóveda.').waitFor();
    await snap(page, 'home-01-start-page');

    await card.getByRole('link', { name: '2 emitidos' }).click();
    await page.waitForURL(`${server.url}/cfdi?rfc=${RFC}&direction=issued&from=${month.from}&to=${month.to}`);
    await page.getByText('2 CFDI', { exact: true }).waitFor();

    await page.goBack();
    await page.waitForURL(/\/inicio$/);
    await page
      .getByRole('article', { name: new RegExp(RFC) })
      .getByRole('link', { name: /CFDI · Recibidos · 2025-01-01/ })
      .click();
    await page.waitForURL(new RegExp(`/contribuyentes/${RFC}/solicitudes/${requestId}$`));
    expect(pageErrors).toEqual([]);
  });
});
