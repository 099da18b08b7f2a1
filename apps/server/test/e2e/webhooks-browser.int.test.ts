import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
  snap,
} from '../../../web/e2e/support/browser.js';
import { registerWorkers } from '../../src/app/workers.js';
import { type Received, type Receiver, startReceiver } from '../../src/modules/webhooks/testing/receiver.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The webhooks page in Chromium, against the real server with its workers and the built SPA: an
 * owner creates an endpoint pointing to a real HTTP receiver on 127.0.0.1 (let through with
 * OUTBOUND_ALLOWED_HOSTS, as an operator would for a LAN receiver), copies the secret shown once,
 * sends the test event, sees the attempt in the delivery log (succeeded, 2xx), and the receiver
 * checks the signature with the official `standardwebhooks` package. "Reenviar" adds a second attempt.
 */
const owner = {
  tenantName: 'Despacho Webhooks',
  email: 'integraciones@example.mx',
  password: 'Tres-tristes-tigres-2024',
};

const PATH = '/boveda/webhooks';

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  }) as { id: string; type: string; version: number; data: Record<string, unknown> };

async function signIn(page: Page, url: string) {
  await signInThroughForm(page, `${url}/webhooks`, owner);
  await page.waitForURL(/\/webhooks$/);
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
}

describe.runIf(browserTestsEnabled)('webhooks in Chromium', () => {
  let server: TestServer;
  let receiver: Receiver;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt('Enviar evento de prueba');
    // A receiver like an integrator's: it records every POST and answers 200 with a small JSON body.
    receiver = await startReceiver({
      [PATH]: (n) => ({ status: 200, body: JSON.stringify({ ok: true, n }) }),
    });
    server = await startTestServer({ env: { OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}` } });
    await registerWorkers(server.ctx);
    await server.seedUser({ ...owner, role: 'owner' });
    browser = await launchBrowser();
    context = browser.context;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('creates an endpoint, copies its secret, sends a test event, sees it delivered and signed, and resends it', async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await signIn(page, server.url);
    await page.getByText('Aún no hay endpoints').waitFor();

    // Nuevo endpoint: every event type ("Todos" is ticked by default) and one custom header.
    const form = page.getByRole('region', { name: 'Nuevo endpoint' });
    await form.getByLabel('URL', { exact: true }).fill(receiver.url(PATH));
    await form.getByLabel(/^Descripción/).fill('Receptor de prueba');
    await expect(form.getByRole('checkbox', { name: /^Todos/ }).isChecked()).resolves.toBe(true);
    await form.getByRole('button', { name: 'Agregar encabezado' }).click();
    await form.getByLabel('Nombre del encabezado 1').fill('X-Token');
    await form.getByLabel('Valor 1').fill('abc123');
    await snap(page, 'webhooks-01-new');
    await form.getByRole('button', { name: 'Crear endpoint' }).click();

    // The secret, once, with its warning; "Copiar" puts exactly it on the clipboard.
    const dialog = page.getByRole('dialog', { name: 'Endpoint creado' });
    await dialog.getByText('Cópialo ahora: no se volverá a mostrar').waitFor();
    await dialog.getByText(/standardwebhooks/).waitFor();
    const secret = await dialog.getByLabel('Secreto de firma').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await dialog.getByRole('button', { name: 'Copiar' }).click();
    await dialog.getByRole('button', { name: 'Copiado' }).waitFor();
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(secret);
    await snap(page, 'webhooks-02-secret');
    await dialog.getByRole('button', { name: 'Listo' }).click();

    // The list shows it active, for every event; its page has the log.
    const row = page.locator('tr[data-endpoint-id]');
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.textContent()).resolves.toContain('Todos los eventos');
    await expect(row.textContent()).resolves.toContain('Activo');
    await row.getByRole('link', { name: receiver.url(PATH) }).click();
    await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Registro de entregas' }).waitFor();
    await page.getByText('Aún no hay entregas a este endpoint.').waitFor();

    // Enviar evento de prueba: the attempt appears by itself (the log refreshes every few seconds).
    await page.getByRole('button', { name: 'Enviar evento de prueba' }).click();
    await page.getByText('Evento de prueba en camino').waitFor();
    const attempts = page.locator('tr[data-attempt-id]');
    await expect.poll(() => attempts.count(), { timeout: 30_000 }).toBe(1);
    const first = attempts.first();
    await expect(first.getAttribute('data-outcome')).resolves.toBe('succeeded');
    await expect(first.getAttribute('data-trigger')).resolves.toBe('test');
    const firstText = (await first.textContent()) ?? '';
    expect(firstText).toContain('webhook.test');
    expect(firstText).toContain('Exitoso');
    expect(firstText).toContain('prueba');
    await expect(first.getAttribute('data-http-status')).resolves.toMatch(/^2\d\d$/);

    // The receiver got it, signed with the secret the page showed, with the custom header.
    expect(receiver.received).toHaveLength(1);
    const sent = verify(secret, receiver.received[0]!);
    expect(sent.type).toBe('webhook.test');
    expect(receiver.received[0]!.headers['x-token']).toBe('abc123');
    // A wrong secret does not verify.
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, receiver.received[0]!)).toThrow();

    // The attempt's detail: the receiver's answer and the message as sent.
    await first.getByRole('button', { name: /Ver detalle/ }).click();
    await expect(page.getByTestId('response-excerpt').textContent()).resolves.toContain('"ok": true');
    await expect
      .poll(() => page.getByTestId('message-payload').textContent())
      .toContain('"type": "webhook.test"');
    await snap(page, 'webhooks-03-delivered');

    // Reenviar: a second, manual attempt of the same message, signed again.
    await first.getByRole('button', { name: 'Reenviar' }).click();
    await expect.poll(() => attempts.count(), { timeout: 30_000 }).toBe(2);
    const newest = attempts.first();
    await expect(newest.getAttribute('data-trigger')).resolves.toBe('manual');
    await expect(newest.getAttribute('data-outcome')).resolves.toBe('succeeded');
    await expect(newest.getAttribute('data-http-status')).resolves.toMatch(/^2\d\d$/);
    await expect(newest.getAttribute('data-message-id')).resolves.toBe(
      await attempts.nth(1).getAttribute('data-message-id'),
    );
    expect(receiver.received).toHaveLength(2);
    expect(verify(secret, receiver.received[1]!).type).toBe('webhook.test');
    await snap(page, 'webhooks-04-resent');

    // The stats count both.
    await expect
      .poll(() => page.getByTestId('success-24h').textContent(), { timeout: 15_000 })
      .toMatch(/100/);
    expect(pageErrors).toEqual([]);
    firstSecret = secret;
  }, 240_000);

  it('shows and rotates the secret (both sign for a while), filters the log, switches the endpoint off and deletes it', async () => {
    const page = context.pages().at(-1)!;
    await page.getByRole('heading', { name: 'Registro de entregas' }).waitFor();

    // Mostrar secreto: the same one the creation showed.
    await page.getByRole('button', { name: 'Mostrar secreto' }).click();
    const shown = page.getByRole('dialog', { name: 'Secreto de firma' });
    await expect(shown.getByLabel('Secreto de firma').inputValue()).resolves.toBe(firstSecret);
    await shown.getByRole('button', { name: 'Listo' }).click();

    // Rotar secreto, after a confirmation: a new one; deliveries carry both signatures for now.
    await page.getByRole('button', { name: 'Rotar secreto' }).click();
    const confirm = page.getByRole('dialog', { name: 'Rotar el secreto de firma' });
    await confirm.getByRole('button', { name: 'Rotar secreto' }).click();
    const rotated = page.getByRole('dialog', { name: 'Secreto nuevo' });
    const newSecret = await rotated.getByLabel('Secreto de firma').inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(firstSecret);
    await rotated.getByText(/El secreto anterior sigue firmando hasta/).waitFor();
    await snap(page, 'webhooks-05-rotated');
    await rotated.getByRole('button', { name: 'Listo' }).click();
    await page.getByText(/Rotación en curso/).waitFor();

    await page.getByRole('button', { name: 'Enviar evento de prueba' }).click();
    const attempts = page.locator('tr[data-attempt-id]');
    await expect.poll(() => attempts.count(), { timeout: 30_000 }).toBe(3);
    const third = receiver.received[2]!;
    expect(verify(newSecret, third).type).toBe('webhook.test');
    expect(verify(firstSecret, third).type).toBe('webhook.test');

    // Filters live in the URL; nothing failed.
    await page.getByLabel('Resultado').selectOption('failed');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/\?outcome=failed$/);
    await page.getByText('Ninguna entrega coincide con los filtros.').waitFor();
    await page.getByRole('button', { name: 'Limpiar' }).click();
    await expect.poll(() => attempts.count()).toBe(3);

    // Reintentar fallidos desde…: nothing failed, so nothing is queued.
    await page.getByRole('button', { name: 'Reintentar fallidos desde…' }).click();
    const recover = page.getByRole('dialog', { name: 'Reintentar los mensajes fallidos' });
    await recover.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText('No había mensajes por reenviar.').waitFor();

    // Editar configuración: only some types, a new description and a limit; headers kept.
    await page.getByText('Editar configuración').click();
    const settings = page.getByRole('region', { name: 'Configuración' });
    await settings.getByLabel(/^Descripción/).fill('ERP de contabilidad');
    await settings.getByRole('checkbox', { name: /^Todos/ }).uncheck();
    await settings.getByRole('checkbox', { name: 'document.processed' }).check();
    await settings.getByLabel(/^Límite de entregas/).fill('5');
    await settings.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByRole('heading', { name: 'ERP de contabilidad', level: 1 }).waitFor();
    await expect(settings.textContent()).resolves.toContain('document.processed');
    await expect(settings.textContent()).resolves.toContain('X-Token');

    // Switched off by a person: said so, and a test is refused in Spanish.
    await page.getByRole('switch', { name: 'Activo' }).click();
    await page.getByText('Desactivado (por una persona)').waitFor();
    await page.getByRole('button', { name: 'Enviar evento de prueba' }).click();
    await page.getByText('El endpoint está desactivado. Actívalo antes de enviarle mensajes.').waitFor();
    await snap(page, 'webhooks-06-disabled');

    // The catalogue lists every type with its example and schema.
    await page.goto(`${server.url}/webhooks/eventos`);
    await page.locator('li[data-event-type="document.processed"]').waitFor();
    await expect(page.locator('li[data-event-type]').count()).resolves.toBeGreaterThanOrEqual(7);

    // Eliminar endpoint, after a confirmation: back to an empty list.
    await page.goBack();
    await page.getByRole('button', { name: 'Eliminar endpoint' }).click();
    await page
      .getByRole('dialog', { name: 'Eliminar endpoint' })
      .getByRole('button', { name: 'Eliminar' })
      .click();
    await page.waitForURL(/\/webhooks$/);
    await page.getByText('Aún no hay endpoints').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

let firstSecret = '';
