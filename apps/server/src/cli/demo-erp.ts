import { connectorCreateBody, type SystemActorLabel } from '@boveda/contracts';
import { type RunningErpSimulator, startErpSimulator } from '@boveda/erp-simulator';
import type { AppContext } from '../app/context.js';
import type { AppConfig } from '../platform/config/config.js';

/** How the demo's connector is named in the UI, and found again when the demo restarts. */
export const DEMO_CONNECTOR_NAME = 'ERP de demostración (boveda erp-sim)';
const DEMO_API_KEY = 'demo-erp-key';
const actor = { type: 'system' as const, label: 'demo' satisfies SystemActorLabel };

/** The local ERP simulator (`boveda erp-sim`), in this process on a free 127.0.0.1 port. */
export function startDemoErp(): Promise<RunningErpSimulator> {
  return startErpSimulator({
    port: 0,
    host: '127.0.0.1',
    seed: 'demo',
    counts: { customers: 250, suppliers: 80, purchaseOrders: 120 },
    auth: { type: 'api-key', key: DEMO_API_KEY },
  });
}

/** Lets the SSRF guard reach this one ERP (its exact host:port), nothing else on loopback. */
export function withDemoErp(config: AppConfig, erp: RunningErpSimulator): AppConfig {
  const allowed = [...config.env.OUTBOUND_ALLOWED_HOSTS, `127.0.0.1:${erp.port}`];
  return { ...config, env: { ...config.env, OUTBOUND_ALLOWED_HOSTS: allowed } };
}

/**
 * The demo organization's connector to the simulated ERP: pushes processed inbox invoices, pulls
 * customers, suppliers and purchase orders into staging (every 15 minutes, and once now). On a
 * restart the connector of the last run is reused and pointed at this run's port.
 */
export async function connectDemoErp(ctx: AppContext, tenantId: string, erp: RunningErpSimulator) {
  const { connectors } = ctx.services;
  const existing = (await connectors.listAll(tenantId)).find((c) => c.name === DEMO_CONNECTOR_NAME);
  // Parsed like a request, so every setting left out takes its documented default.
  const settings = connectorCreateBody.parse({
    name: DEMO_CONNECTOR_NAME,
    direction: 'both',
    baseUrl: `${erp.url}/api`,
    auth: { type: 'api_key', header: 'X-Api-Key', key: DEMO_API_KEY },
    testPath: '/company',
    timeoutMs: 10_000,
    schedule: { cron: '*/15 * * * *', timeZone: 'America/Mexico_City' },
    push: {
      source: 'inbox',
      path: '/invoices',
      body: {
        uuid: '{{uuid}}',
        serie: '{{serie}}',
        folio: '{{folio}}',
        fecha: '{{fecha | date}}',
        rfc_emisor: '{{emisor.rfc}}',
        rfc_receptor: '{{receptor.rfc}}',
        moneda: '{{moneda | default:"MXN"}}',
        total: '{{total}}',
        conceptos: { $each: 'conceptos', as: { descripcion: '{{descripcion}}', importe: '{{importe}}' } },
      },
    },
    pull: {
      resources: ['customers', 'suppliers', 'purchase-orders'].map((name) => ({
        name,
        kind: name === 'purchase-orders' ? 'purchase_orders' : name,
        path: `/${name}`,
        pagination: { style: 'cursor', pageSize: 100 },
        incremental: {},
      })),
    },
  });
  const connector = existing
    ? await connectors.update(tenantId, actor, existing.id, {
        baseUrl: settings.baseUrl,
        auth: settings.auth,
      })
    : await connectors.create(tenantId, actor, settings);
  await connectors.queuePull(tenantId, connector.id, { full: false }, 'demo');
  return connector;
}
