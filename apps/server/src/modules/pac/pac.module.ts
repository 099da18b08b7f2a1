import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { createFacturifyAccounts } from './facturify/facturify-accounts.js';
import { registerPacRoutes } from './pac.routes.js';
import { createPacService } from './pac.service.js';

/** The PAC (Facturify): accounts, the shared token, stamping and cancelling CFDI. */
export function pacModule(p: ModulePlatform, deps: { audit: AuditRecorder }) {
  const env = p.config.env;
  const accounts = createFacturifyAccounts({
    cache: p.cache,
    logger: p.logger,
    timeoutMs: env.FACTURIFY_TIMEOUT * 1000,
    options: {
      bufferMs: env.FACTURIFY_TOKEN_REFRESH_BUFFER * 1000,
      hardMarginMs: 5_000,
      lockTtlMs: 15_000,
      breakerMs: env.FACTURIFY_BREAKER_SECONDS * 1000,
      attempts: env.FACTURIFY_MAX_RETRIES,
      backoffBaseMs: env.FACTURIFY_RETRY_BASE_MS,
      backoffFactor: env.FACTURIFY_RETRY_BACKOFF,
      backoffCapMs: 10_000,
    },
  });
  const pac = createPacService({
    db: p.db,
    secretBox: p.secretBox,
    audit: deps.audit,
    accounts,
    urls: { sandbox: env.FACTURIFY_SANDBOX_URL, production: env.FACTURIFY_PRODUCTION_URL },
    instance: {
      baseUrl: env.FACTURIFY_BASE_URL,
      apiKey: env.FACTURIFY_API_KEY,
      apiSecret: env.FACTURIFY_API_SECRET,
    },
  });
  return defineModule({
    name: 'pac',
    services: { pac },
    routes: (app, { guard }) => registerPacRoutes(app, { pac, guard }),
    async close() {
      accounts.close();
    },
  });
}
