import { aiModule } from '../modules/ai/index.js';
import type { auditModule } from '../modules/audit/index.js';
import { authModule } from '../modules/auth/index.js';
import { catalogModule } from '../modules/catalog/index.js';
import { cfdiModule } from '../modules/cfdi/index.js';
import { connectorsModule } from '../modules/connectors/index.js';
import { homeModule } from '../modules/home/index.js';
import { inboxModule } from '../modules/inbox/index.js';
import { oauthModule } from '../modules/oauth/index.js';
import { ordersModule } from '../modules/orders/index.js';
import { pacModule } from '../modules/pac/index.js';
import { plansModule } from '../modules/plans/index.js';
import { satDownloadModule } from '../modules/sat-download/index.js';
import { schedulesModule } from '../modules/schedules/index.js';
import { suggestionsModule } from '../modules/suggestions/index.js';
import { taxpayersModule } from '../modules/taxpayers/index.js';
import { type AccessEnder, tenantsModule } from '../modules/tenants/index.js';
import { webhooksModule } from '../modules/webhooks/index.js';
import type { ModulePlatform } from '../platform/modules/index.js';

/**
 * Every module, in dependency order: each line builds one module from the platform and the services
 * of modules above it. Routes, job handlers and event consumers are plugged in from this list
 * (http-app.ts, workers.ts, context.ts); a new module is one more line here.
 */
export function createModules(
  p: ModulePlatform,
  opts: { audit: ReturnType<typeof auditModule>; simulatorUrl?: string },
) {
  const audit = opts.audit;
  // Filled below with the modules built after tenants (what they hold for a person ends with them).
  const access: AccessEnder[] = [];
  const tenants = tenantsModule(p, { audit: audit.services.audit, access });
  const oauth = oauthModule(p, { audit: audit.services.audit, tenants: tenants.services.tenants });
  const auth = authModule(p, {
    audit: audit.services.audit,
    tenants: tenants.services.tenants,
    bearerTokens: [oauth.services.oauthTokens],
  });
  access.push(auth.services.authAccess, oauth.services.oauthAccess);
  // Before every module that meters what an organization's plan limits.
  const plans = plansModule(p, { audit: audit.services.audit, tenants: tenants.services.tenants });
  const quotas = plans.services.quotas;
  const taxpayers = taxpayersModule(p, { audit: audit.services.audit, quotas });
  const cfdi = cfdiModule(p, {
    audit: audit.services.audit,
    taxpayers: taxpayers.services.taxpayers,
    ...(opts.simulatorUrl ? { simulatorUrl: opts.simulatorUrl } : {}),
  });
  const satDownload = satDownloadModule(p, {
    taxpayers: taxpayers.services.taxpayers,
    audit: audit.services.audit,
    // Metadata rows without their CFDI, for the one-click folio requests.
    missingXml: cfdi.services.cfdiSearch,
    ...(opts.simulatorUrl ? { simulatorUrl: opts.simulatorUrl } : {}),
  });
  const ai = aiModule(p, {
    audit: audit.services.audit,
    quotas,
    // The inbox is built below (it depends on ai's gateway); a trial reads it when it runs.
    promptTrialDocuments: () => inbox.services.promptTrialDocuments,
  });
  const catalog = catalogModule(p, { audit: audit.services.audit });
  const inbox = inboxModule(p, {
    quotas,
    ai: ai.services.aiGateway,
    cfdiSearch: cfdi.services.cfdiSearch,
    cfdiIngestion: cfdi.services.cfdiIngestion,
    satStatus: cfdi.services.satStatus,
    taxpayers: taxpayers.services.taxpayers,
    catalog: {
      activeCodes: async (tenantId, kind, codes) =>
        new Set((await catalog.services.catalog.activeByCodes(tenantId, kind, codes)).map((e) => e.code)),
    },
  });
  const suggestions = suggestionsModule(p, {
    inbox: inbox.services.inbox,
    catalog: catalog.services.catalog,
    ai: ai.services.aiGateway,
  });
  const webhooks = webhooksModule(p, {
    audit: audit.services.audit,
    tenants: tenants.services.tenants,
    quotas,
  });
  const connectors = connectorsModule(p, {
    audit: audit.services.audit,
    quotas,
    tenants: tenants.services.tenants,
    inbox: inbox.services.inbox,
    cfdiSearch: cfdi.services.cfdiSearch,
  });
  const pac = pacModule(p, {
    audit: audit.services.audit,
    taxpayers: taxpayers.services.taxpayers,
    cfdiIngestion: cfdi.services.cfdiIngestion,
  });
  const orders = ordersModule(p, { audit: audit.services.audit, pacInvoices: pac.services.pacInvoices });
  // After every module that contributes recurring work (each through its index.ts services).
  const schedules = schedulesModule(p, {
    audit: audit.services.audit,
    sources: [
      satDownload.services.satSchedules,
      connectors.services.connectorSchedules,
      webhooks.services.webhookSchedules,
    ],
  });
  const home = homeModule(p, {
    taxpayers: taxpayers.services.taxpayers,
    sat: satDownload.services.satDownload,
    cfdi: cfdi.services.cfdiSearch,
  });
  return [
    audit,
    tenants,
    oauth,
    auth,
    plans,
    taxpayers,
    satDownload,
    cfdi,
    ai,
    catalog,
    inbox,
    suggestions,
    webhooks,
    connectors,
    pac,
    orders,
    schedules,
    home,
  ] as const;
}

export type Modules = ReturnType<typeof createModules>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Every module's services in one object (`ctx.services.taxpayers`, …), for the CLI, demo and tests. */
export type Services = UnionToIntersection<Modules[number]['services']>;

export function servicesOf(modules: Modules): Services {
  return Object.assign({}, ...modules.map((m) => m.services)) as Services;
}
