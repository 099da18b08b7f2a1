import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SystemActorLabel } from '@boveda/contracts';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { AppContext } from '../app/context.js';
import {
  type ReceivedWebhook,
  startWebhookListener,
  type WebhookListener,
} from '../modules/webhooks/index.js';
import type { AppConfig } from '../platform/config/config.js';
import { type CapturedMail, type SmtpSink, startSmtpSink } from '../platform/email/smtp-sink.js';
import { isAppError } from '../platform/errors/app-error.js';

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo-assets/fake-fiel');
const inboxAssets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo-assets/inbox');
const RFC = 'EKU9003173C9';
const actor = { type: 'system' as const, label: 'demo' satisfies SystemActorLabel };

// Simulated SAT time runs 3x faster than the wall clock, so a request that "takes" a minute at the
// SAT is ready in about 20 seconds.
const TICK_MS = 5_000;
const SIM_SECONDS_PER_TICK = 15;
const SYNC_EVERY_MS = 10_000;

/**
 * The bundled SAT simulator, in this process, with fast timing. It tolerates our clock lagging
 * behind its accelerated one (Autentica timestamps follow the real clock).
 */
// Printed with the sign-in: the password is shown once, so say how to get in again without it.
const RESET_HINT =
  'Lost it? While this runs, in another terminal: npm run boveda -- user reset-password --tenant demo --email demo@boveda.local (prints a one-time link).\n';

export async function startDemoSimulator(): Promise<RunningSimulator> {
  return startSimulator({
    seed: 'boveda-demo',
    timing: { acceptedSeconds: 20, processingSeconds: 40, clockSkewSeconds: 365 * 24 * 3600 },
    universe: { volumes: { [RFC]: { issuedPerMonth: 30, receivedPerMonth: 45 } } },
  });
}

/** Points the SAT client at the running simulator. */
export function withSimulator(config: AppConfig, sim: RunningSimulator): AppConfig {
  return { ...config, env: { ...config.env, SAT_ENDPOINTS: sim.url } };
}

/**
 * A local SMTP sink for the demo (when SMTP_URL is not set): the mail the instance sends, alerts
 * included, really goes over SMTP and each one is shown through `onMail`.
 */
export function startDemoSmtpSink(onMail: (mail: CapturedMail) => void): Promise<SmtpSink> {
  return startSmtpSink({ maxMessages: 200, onMail });
}

/** Points outgoing mail at the demo's SMTP sink. */
export function withSmtpSink(config: AppConfig, sink: SmtpSink): AppConfig {
  return { ...config, env: { ...config.env, SMTP_URL: sink.url } };
}

/** How the demo's endpoint is named in the UI, and found again when the demo restarts on its data. */
export const DEMO_WEBHOOK_DESCRIPTION = 'Receptor de demostración (boveda webhook-listen)';

/**
 * The receiver `boveda webhook-listen` runs, in this process on a free 127.0.0.1 port, for the demo
 * organization's endpoint. It starts before the app context so its exact host:port can be allowed.
 */
export function startDemoWebhookListener(onDelivery: (d: ReceivedWebhook) => void): Promise<WebhookListener> {
  // Its own line goes nowhere: the demo logs each delivery through the app's logger instead.
  return startWebhookListener({ port: 0, host: '127.0.0.1', log: () => {}, onDelivery });
}

/**
 * Lets the SSRF guard deliver to this one receiver; the rest of loopback and every other private
 * address stay refused (not OUTBOUND_ALLOW_PRIVATE).
 */
export function withWebhookListener(config: AppConfig, listener: WebhookListener): AppConfig {
  const allowed = [...config.env.OUTBOUND_ALLOWED_HOSTS, `127.0.0.1:${listener.port}`];
  return { ...config, env: { ...config.env, OUTBOUND_ALLOWED_HOSTS: allowed } };
}

/**
 * The demo organization's endpoint for every event type, at the listener, which then verifies with
 * its secret; a test event goes out at once. On a restart the endpoint of the last run is reused
 * (its delivery log stays) and moved to this run's port.
 */
async function connectDemoWebhooks(ctx: AppContext, tenantId: string, listener: WebhookListener) {
  const { webhooks } = ctx.services;
  const url = listener.url;
  const existing = (await webhooks.listEndpoints(tenantId, { limit: 200 })).find(
    (e) => e.description === DEMO_WEBHOOK_DESCRIPTION,
  );
  let id: string;
  if (existing) {
    // The secret is known before the URL changes, so no delivery reaches the listener unverified.
    const { secret } = await webhooks.revealSecret(tenantId, existing.id, {
      type: 'cli',
      label: 'demo',
      command: 'start --demo',
    });
    listener.setSecret(secret);
    await webhooks.updateEndpoint(tenantId, actor, existing.id, { url, eventTypes: null, enabled: true });
    id = existing.id;
  } else {
    // Created switched off and switched on once the listener has the secret: no delivery can reach
    // it before it is able to verify one.
    const { row, secret } = await webhooks.createEndpoint(tenantId, actor, {
      url,
      description: DEMO_WEBHOOK_DESCRIPTION,
      eventTypes: null,
      enabled: false,
    });
    listener.setSecret(secret);
    await webhooks.updateEndpoint(tenantId, actor, row.id, { enabled: true });
    id = row.id;
  }
  await webhooks.sendTest(tenantId, id);
}

/**
 * A demo organization with a user (credentials printed once), the SAT's test e.firma, and last
 * year filed in bulk; then keeps the simulated clock moving and syncs often, so a newcomer watches
 * a year being requested, verified and downloaded in a few minutes. Returns a stop function.
 */
/**
 * This year's SAT metadata up to today's start (Mexico City), requested without its CFDI, so the
 * demo's *Metadatos* page has CFDI whose XML is missing. Null on January 1st (an empty period).
 */
export function currentYearMetadataPeriod(now: Date): { start: string; end: string } | null {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(now);
  const start = `${today.slice(0, 4)}-01-01T00:00:00`;
  const end = `${today}T00:00:00`;
  return end > start ? { start, end } : null;
}

async function demoPlan(ctx: AppContext, tenantId: string, publicUrl: string) {
  const { plans } = ctx.services;
  const existing = await plans.get('demo').catch(() => null);
  if (!existing)
    await plans.create({
      code: 'demo',
      name: 'Demo',
      limits: {
        documentsPerMonth: 1000,
        ocrPagesPerMonth: 500,
        llmTokensPerMonth: 500_000,
        connectors: 5,
        webhookEndpoints: 10,
        taxpayers: 10,
      },
    });
  await plans.assign(tenantId, 'demo', actor);
  console.log(
    `Demo: on the plan "Demo" (its usage: ${publicUrl.replace(/\/$/, '')}/plan); an operator manages plans with: npm run boveda -- plan list\n`,
  );
}

export async function seedDemo(
  ctx: AppContext,
  sim: RunningSimulator,
  publicUrl: string,
  webhookListener?: WebhookListener,
): Promise<() => void> {
  const { tenants, taxpayers, satDownload } = ctx.services;
  let tenant = await tenants.tenantBySlug('demo').catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) return null;
    throw e;
  });
  if (!tenant) {
    tenant = await tenants.createTenant('Despacho Demo', actor, 'demo');
    const password = randomBytes(12).toString('base64url');
    await tenants.addUser(
      tenant.id,
      { email: 'demo@boveda.local', name: 'Demo', password, role: 'owner' },
      actor,
    );
    console.log(
      `\nDemo organization created. Sign in at ${publicUrl} (shown only now):\n  organization: demo\n  email:        demo@boveda.local\n  password:     ${password}\n${RESET_HINT}`,
    );
  } else {
    console.log(
      `\nDemo organization "demo" already exists; sign in at ${publicUrl} as demo@boveda.local with the password shown the first time.\n${RESET_HINT}`,
    );
  }
  // A plan, as an operator hosting many firms would assign one: *Plan y uso* shows the month's
  // usage against it. Generous, so the demo never hits a limit.
  await demoPlan(ctx, tenant.id, publicUrl).catch((err: unknown) =>
    ctx.logger.warn({ err }, 'demo plan not assigned; the demo runs without limits'),
  );
  // Before anything is filed or received, so the SAT requests' and the inbox's events reach it too.
  if (webhookListener)
    await connectDemoWebhooks(ctx, tenant.id, webhookListener).catch((err: unknown) =>
      ctx.logger.warn({ err }, 'demo webhook endpoint not created; the demo runs without it'),
    );
  const registered = await taxpayers.getTaxpayer(tenant.id, RFC).catch(() => null);
  if (!registered) {
    const [certificate, privateKey, password] = await Promise.all([
      readFile(path.join(assets, `${RFC}.cer`)),
      readFile(path.join(assets, `${RFC}.key`)),
      readFile(path.join(assets, `${RFC}-password.txt`), 'utf8'),
    ]);
    await taxpayers.addTaxpayer(tenant.id, { certificate, privateKey, password: password.trim() }, actor);
  }
  const year = new Date().getUTCFullYear() - 1;
  const filed = await satDownload.fileYear(tenant.id, RFC, year, 'both', 'demo');
  console.log(
    `Demo: ${filed.length} SAT requests for ${RFC}, year ${year} (12 monthly CFDI + 2 semester metadata per direction). Watch them with:\n  npm run boveda -- sat status --tenant demo\n`,
  );

  const thisYear = currentYearMetadataPeriod(new Date());
  if (thisYear) {
    for (const direction of ['issued', 'received'] as const)
      await satDownload.createRequest(tenant.id, RFC, {
        kind: 'metadata',
        direction,
        periodStart: thisYear.start,
        periodEnd: thisYear.end,
        filters: {},
      });
    console.log(
      `Demo: this year's SAT metadata too, without its CFDI: Metadatos (${publicUrl.replace(/\/$/, '')}/metadatos?rfc=${RFC}&missingXml=true) lists the missing XML to request in one click.\n`,
    );
  }

  const tenantId = tenant.id;
  const { inbox } = ctx.services;
  if ((await inbox.summary(tenantId)).total === 0) {
    const names = ['F-2024-100.xml', 'F-2024-100.pdf', 'factura-proveedor.pdf', 'ticket-escaneado.jpg'];
    const files = await Promise.all(
      names.map(async (name) => ({ name, bytes: await readFile(path.join(inboxAssets, name)) })),
    );
    const received = await inbox.receiveFiles(tenantId, { type: 'system', id: 'demo', label: 'demo' }, files);
    console.log(
      `Demo: ${received.length} invoices in the inbox (an XML with its PDF, a text PDF, a scanned ticket): Bandeja at ${publicUrl}\n`,
    );
  }
  const tick = setInterval(() => sim.clock.advance(SIM_SECONDS_PER_TICK), TICK_MS);
  const sync = setInterval(() => {
    satDownload
      .enqueueSync(tenantId)
      .catch((err: unknown) => ctx.logger.warn({ err }, 'demo sync not queued'));
  }, SYNC_EVERY_MS);
  tick.unref();
  sync.unref();
  return () => {
    clearInterval(tick);
    clearInterval(sync);
  };
}
