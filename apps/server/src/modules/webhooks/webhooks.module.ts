import { jobSelected } from '../../platform/jobs/jobs.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createOutboundClient } from '../../platform/outbound/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import type { TenantsService } from '../tenants/index.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { startDispatcher } from './delivery/dispatcher.js';
import { createEndpointSecrets } from './delivery/endpoint-secrets.js';
import { endpointAlertConsumers } from './endpoint-alerts.js';
import { createEndpointsRepository } from './endpoints.repository.js';
import { webhookFanOut } from './fan-out.js';
import { webhookRecurringWork } from './webhook-recurring-work.js';
import { registerWebhookRoutes } from './webhooks.routes.js';
import { createWebhooksService } from './webhooks.service.js';

/** The name `WORKER_JOBS` selects the delivery loop by (`webhooks.*` also does). */
export const WEBHOOK_DELIVERY_WORK = 'webhooks.deliver';

/** Signed webhooks: endpoints, the public event catalogue, delivery with retries, the log. */
export function webhooksModule(
  p: ModulePlatform,
  deps: { audit: AuditRecorder; tenants: TenantsService; quotas: Quotas },
) {
  const env = p.config.env;
  // Every endpoint URL goes through the SSRF guard, checked again at each connection.
  const outbound = createOutboundClient({
    allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
    allowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxBytes: 1024,
    userAgent: 'Boveda-Webhooks/0.1',
  });
  const deliveries = createDeliveriesRepository();
  const webhooks = createWebhooksService({
    db: p.db,
    pool: p.pool,
    transaction: p.transaction,
    notifications: p.notifications,
    secretBox: p.secretBox,
    outbound,
    audit: deps.audit,
    deliveries,
    quotas: deps.quotas,
    options: {
      requireHttps: env.WEBHOOK_REQUIRE_HTTPS,
      maxEndpoints: env.WEBHOOK_MAX_ENDPOINTS,
      secretOverlapSeconds: env.WEBHOOK_SECRET_OVERLAP_SECONDS,
    },
  });
  const counts = createEndpointsRepository(p.db);
  deps.quotas.countWith('webhookEndpoints', (tenantId) => counts.count(tenantId));
  let dispatcher: ReturnType<typeof startDispatcher> | null = null;

  return defineModule({
    name: 'webhooks',
    services: {
      webhooks,
      // The sync administration's rows: each endpoint's retries (read-only there).
      webhookSchedules: webhookRecurringWork({ webhooks, retrySchedule: env.WEBHOOK_RETRY_SCHEDULE }),
    },
    routes: (app, { guard }) => registerWebhookRoutes(app, { webhooks, guard }),
    consumers: endpointAlertConsumers({ email: p.email, tenants: deps.tenants, publicUrl: env.PUBLIC_URL }),
    batchConsumers: [
      webhookFanOut({ endpoints: createEndpointsRepository, deliveries, notifications: p.notifications }),
    ],
    async workers() {
      if (!jobSelected(env.WORKER_JOBS, WEBHOOK_DELIVERY_WORK)) return;
      dispatcher = startDispatcher({
        pool: p.pool,
        transaction: p.transaction,
        notifications: p.notifications,
        events: p.events,
        outbound,
        secrets: createEndpointSecrets({ pool: p.pool, secretBox: p.secretBox }),
        deliveries,
        logger: p.logger,
        options: {
          concurrency: env.WEBHOOK_CONCURRENCY,
          endpointConcurrency: env.WEBHOOK_ENDPOINT_CONCURRENCY,
          timeoutMs: env.WEBHOOK_TIMEOUT_MS,
          schedule: env.WEBHOOK_RETRY_SCHEDULE,
          alertAfterFailures: env.WEBHOOK_ALERT_AFTER_FAILURES,
          disableAfterSeconds: env.WEBHOOK_DISABLE_AFTER_SECONDS,
        },
      });
      await dispatcher.ready;
    },
    async close() {
      await dispatcher?.stop();
    },
  });
}
