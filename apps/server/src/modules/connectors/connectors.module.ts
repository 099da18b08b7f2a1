import { jobWorker } from '../../platform/jobs/jobs.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createOutboundClient } from '../../platform/outbound/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import type { TenantsService } from '../tenants/index.js';
import { connectorAlertConsumers } from './connector-alerts.js';
import { connectorRecurringWork } from './connector-recurring-work.js';
import { createRunner } from './connector-runs.js';
import { connectorRunJob, connectorScheduledJob } from './connectors.jobs.js';
import { createConnectorsRepository } from './connectors.repository.js';
import { registerConnectorRoutes } from './connectors.routes.js';
import { createConnectorsService } from './connectors.service.js';
import { createErpClient } from './erp/erp-client.js';
import { type CfdiReader, createDocumentSources, type InboxReader } from './push/document-sources.js';

/** ERP connectors: push documents to an ERP's REST API and pull its records into staging. */
export function connectorsModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    tenants: TenantsService;
    inbox: InboxReader;
    cfdiSearch: CfdiReader;
    quotas: Quotas;
  },
) {
  const env = p.config.env;
  // Every ERP URL goes through the SSRF guard, checked again at each connection.
  const outbound = createOutboundClient({
    allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
    allowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    timeoutMs: 120_000,
    maxBytes: env.CONNECTOR_MAX_RESPONSE_BYTES,
    userAgent: 'Boveda-Connectors/0.1',
  });
  const erp = createErpClient({ outbound, maxBytes: env.CONNECTOR_MAX_RESPONSE_BYTES });
  const sources = createDocumentSources({ db: p.db, inbox: deps.inbox, cfdi: deps.cfdiSearch });
  const runJob = connectorRunJob(env.CONNECTOR_RUN_RETRY_SCHEDULE);
  p.schedules.register(connectorScheduledJob);
  const connectors = createConnectorsService({
    db: p.db,
    transaction: p.transaction,
    jobs: p.jobs,
    schedules: p.schedules,
    events: p.events,
    secretBox: p.secretBox,
    outbound,
    erp,
    audit: deps.audit,
    sources,
    runJob,
    quotas: deps.quotas,
  });
  const counts = createConnectorsRepository(p.db);
  deps.quotas.countWith('connectors', (tenantId) => counts.count(tenantId));
  const runner = createRunner({
    db: p.db,
    transaction: p.transaction,
    events: p.events,
    secretBox: p.secretBox,
    erp,
    sources,
    runJob,
    options: {
      callRetrySeconds: env.CONNECTOR_CALL_RETRY_SCHEDULE,
      maxWaitMs: env.CONNECTOR_MAX_RETRY_AFTER_SECONDS * 1000,
      maxPages: env.CONNECTOR_MAX_PAGES,
    },
  });

  // The sync administration's rows: one per scheduled connector.
  const connectorSchedules = connectorRecurringWork({ connectors, schedules: p.schedules, jobs: p.jobs });

  return defineModule({
    name: 'connectors',
    services: { connectors, connectorSchedules },
    routes: (app, { guard }) => registerConnectorRoutes(app, { connectors, guard }),
    consumers: connectorAlertConsumers({ email: p.email, tenants: deps.tenants, publicUrl: env.PUBLIC_URL }),
    async workers(jobs) {
      await jobs.register(
        jobWorker(runJob, (ref, ctx) => runner.execute(ref, ctx), {
          onFinalFailure: (ref, error) => runner.giveUp(ref, error),
          concurrency: 2,
        }),
      );
      await jobs.register(
        jobWorker(connectorScheduledJob, (d) => connectors.runScheduled(d.tenantId, d.connectorId)),
      );
    },
  });
}
