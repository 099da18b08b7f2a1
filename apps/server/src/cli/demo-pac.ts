import { pacInvoiceCreateBody, type SystemActorLabel } from '@boveda/contracts';
import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import type { AppContext } from '../app/context.js';
import type { AppConfig } from '../platform/config/config.js';

const DEMO_KEY = 'demo-facturify-key';
const DEMO_SECRET = 'demo-facturify-secret';
const actor = { type: 'system' as const, label: 'demo' satisfies SystemActorLabel };

/** The bundled Facturify simulator (`boveda facturify-sim`), in this process on a free port. */
export function startDemoFacturify(): Promise<RunningFacturifySimulator> {
  return startFacturifySimulator({ port: 0, apiKey: DEMO_KEY, apiSecret: DEMO_SECRET });
}

/** The instance's PAC account is the simulator, unless FACTURIFY_API_KEY names a real one. */
export function withDemoFacturify(config: AppConfig, sim: RunningFacturifySimulator): AppConfig {
  if (config.env.FACTURIFY_API_KEY) return config;
  return {
    ...config,
    env: {
      ...config.env,
      FACTURIFY_BASE_URL: sim.url,
      FACTURIFY_SANDBOX_URL: sim.url,
      FACTURIFY_API_KEY: DEMO_KEY,
      FACTURIFY_API_SECRET: DEMO_SECRET,
    },
  };
}

/** One invoice issued by the demo's taxpayer at start, so *CFDI* shows an issued, stamped one. */
export async function issueDemoInvoice(ctx: AppContext, tenantId: string) {
  const { pacInvoices } = ctx.services;
  const existing = await pacInvoices.list(tenantId, {}, { limit: 1 });
  if (existing.length > 0) return null;
  return pacInvoices.create(
    tenantId,
    actor,
    pacInvoiceCreateBody.parse({
      issuerRfc: 'EKU9003173C9',
      formaPago: '03',
      receptor: {
        rfc: 'XIA190128J61',
        nombre: 'XENON INDUSTRIAL ARTICLES',
        regimenFiscal: '601',
        codigoPostal: '76343',
        usoCfdi: 'G03',
      },
      conceptos: [
        {
          claveProdServ: '84111506',
          claveUnidad: 'E48',
          cantidad: '1',
          descripcion: 'Honorarios contables (demostración)',
          valorUnitario: '2500.00',
          traslados: [{ impuesto: '002', tasa: '0.160000' }],
        },
      ],
    }),
  );
}
