import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExpiresInUnit, SimState } from './context.js';
import { createRequestHandler } from './server.js';
import { CallCounter, type LoggedRequest, RequestLog } from './state/calls.js';
import { createSimClock, type SimClock } from './state/clock.js';
import { type FaultInput, FaultStore, type Operation, parseFault } from './state/faults.js';
import { InvoiceBook, type SatTaxpayer, type StampingConfig } from './state/invoices.js';
import { DEFAULT_EMPRESA, Parties } from './state/parties.js';
import type { CancellationStatus, Empresa, EmpresaSeed } from './state/records.js';
import { type BlacklistEntry, type IssuedToken, TokenService } from './state/tokens.js';
import { type Delivery, WebhookSender } from './state/webhooks.js';

export interface FacturifySimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accepted at POST /api/v1/auth (defaults `demo-api-key` / `demo-api-secret`). */
  apiKey?: string;
  apiSecret?: string;
  /** Sets the tokens' `iss` (doc §1.2); tokens of the other environment are refused. Default sandbox. */
  environment?: 'sandbox' | 'production';
  /** HS512 key of the tokens (default `boveda-facturify-simulator`). */
  jwtSecret?: string;
  /** `sub` of the tokens (default 1002, as in the 2021 sandbox tokens). */
  accountId?: number;
  /** Lifetime of a token from /auth, seconds (default 14,400 = 240 min). */
  tokenTtlSeconds?: number;
  /** Lifetime of a token from /token/refresh, seconds (default 2,592,000 = 43,200 min = 30 days). */
  refreshedTokenTtlSeconds?: number;
  /** tymon `refresh_ttl`: refresh works until the first `iat` + this (default 1,209,600 = 14 days). */
  refreshTtlSeconds?: number;
  /** A refresh blacklists the old token (default true). */
  blacklistEnabled?: boolean;
  /** The old token keeps working this long after a refresh (default 0). */
  blacklistGraceSeconds?: number;
  /** tymon `leeway` (default 0). */
  leewaySeconds?: number;
  /** tymon `refresh_iat`: a refresh resets iat (default false: the window is fixed by the first /auth). */
  refreshIat?: boolean;
  /** Unit of `jwt.expires_in` (default 'minutes', which makes the defaults answer 240 and 43200). */
  expiresInUnit?: ExpiresInUnit;
  /** 'string' sends `"240"` (the C# DTO's type) instead of `240`. Default 'number'. */
  expiresInType?: 'number' | 'string';
  /** Initial simulated time (default: now). */
  now?: Date;
  /** Issuers; default one: EKU9003173C9 (DEFAULT_EMPRESA). */
  empresas?: EmpresaSeed[];
  /** Receptors as the SAT knows them; a mismatching CP or name fails stamping with success:false. */
  satTaxpayers?: SatTaxpayer[];
  /** Default 'sync'. */
  stamping?: StampingConfig['mode'];
  /** Default 'auto'. */
  asyncCompletion?: StampingConfig['asyncCompletion'];
  /** Default 200 ms (real time). */
  asyncDelayMs?: number;
  /** Default 'sat-rules'. */
  cancellation?: StampingConfig['cancellation'];
  /** Default 259,200 s (3 days): a pending cancellation then becomes `expired` (accepted by silence). */
  cancellationExpirySeconds?: number;
  /** Account-level webhook URL (an empresa's `webhook_url` or the request's `webhook_url` win). */
  callbackUrl?: string;
  /** GET …/pdf and …/xml: raw file (default 'binary') or JSON with base64. */
  downloadFormat?: 'binary' | 'json';
}

export const DEFAULTS = {
  apiKey: 'demo-api-key',
  apiSecret: 'demo-api-secret',
  environment: 'sandbox',
  jwtSecret: 'boveda-facturify-simulator',
  accountId: 1002,
  tokenTtlSeconds: 14_400,
  refreshedTokenTtlSeconds: 2_592_000,
  refreshTtlSeconds: 1_209_600,
  blacklistEnabled: true,
  blacklistGraceSeconds: 0,
  leewaySeconds: 0,
  refreshIat: false,
  expiresInUnit: 'minutes',
  expiresInType: 'number',
  stamping: 'sync',
  asyncCompletion: 'auto',
  asyncDelayMs: 200,
  cancellation: 'sat-rules',
  cancellationExpirySeconds: 259_200,
  downloadFormat: 'binary',
} as const;

export const ISSUERS = {
  sandbox: 'https://api-sandbox.facturify.com',
  production: 'https://api.facturify.com',
} as const;

export interface RunningFacturifySimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the API is under `/api/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The simulated clock (JWT times, cancellation windows). Same as POST /__admin/clock. */
  clock: SimClock;
  /** Calls per operation, zeros included. Same as GET /__admin/calls. */
  calls(): Record<Operation, number>;
  /** Same as POST /__admin/reset: seeded empresas only; no clientes, invoices, tokens, faults, counts, log. */
  reset(): void;
  /** Same as POST /__admin/faults (defaults filled in as there); throws RangeError on a bad fault. */
  addFault(fault: FaultInput): void;
  clearFaults(): void;
  requests(): LoggedRequest[];
  empresas(): Empresa[];
  addEmpresa(seed: EmpresaSeed): Empresa;
  addSatTaxpayer(taxpayer: SatTaxpayer): void;
  tokens(): IssuedToken[];
  blacklist(): BlacklistEntry[];
  /** Invoices with status, cancellation and uuid (queued and failed ones included). */
  invoices(): ReturnType<InvoiceBook['view']>[];
  /** Finishes queued (async) invoices; waits for their webhooks. Returns the job ids. */
  completeJobs(jobId?: string, outcome?: 'stamped' | 'error'): Promise<string[]>;
  /** Resolves a pending cancellation; waits for its webhook. */
  resolveCancellation(
    cfdiUuid: string,
    result: Exclude<CancellationStatus, 'none' | 'pending'>,
  ): Promise<void>;
  webhooks(): Delivery[];
  /** Waits for webhook deliveries in flight. */
  settleWebhooks(): Promise<void>;
}

function check(o: FacturifySimulatorOptions): void {
  for (const name of [
    'tokenTtlSeconds',
    'refreshedTokenTtlSeconds',
    'refreshTtlSeconds',
    'cancellationExpirySeconds',
  ] as const) {
    const value = o[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new RangeError(`${name} must be a positive integer`);
  }
  for (const name of ['blacklistGraceSeconds', 'leewaySeconds', 'asyncDelayMs'] as const) {
    const value = o[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      throw new RangeError(`${name} must be an integer >= 0`);
  }
  const oneOf = (name: keyof FacturifySimulatorOptions, values: readonly string[]) => {
    const value = o[name];
    if (value !== undefined && !values.includes(value as string))
      throw new RangeError(`${name} must be one of ${values.join(', ')}`);
  };
  oneOf('environment', ['sandbox', 'production']);
  oneOf('expiresInUnit', ['seconds', 'minutes']);
  oneOf('expiresInType', ['number', 'string']);
  oneOf('stamping', ['sync', 'async']);
  oneOf('asyncCompletion', ['auto', 'manual']);
  oneOf('cancellation', ['accept', 'pending', 'sat-rules']);
  oneOf('downloadFormat', ['binary', 'json']);
  if (o.callbackUrl !== undefined && !/^https?:\/\//.test(o.callbackUrl))
    throw new RangeError('callbackUrl must be an http(s) URL');
}

export async function startFacturifySimulator(
  options: FacturifySimulatorOptions = {},
): Promise<RunningFacturifySimulator> {
  check(options);
  const o = { ...DEFAULTS, ...options };
  const clock = createSimClock(options.now);
  const webhooks = new WebhookSender(clock);
  const tokens = new TokenService(
    {
      issuerBase: ISSUERS[o.environment],
      secret: o.jwtSecret,
      subject: o.accountId,
      ttlSeconds: o.tokenTtlSeconds,
      refreshedTtlSeconds: o.refreshedTokenTtlSeconds,
      refreshTtlSeconds: o.refreshTtlSeconds,
      blacklistEnabled: o.blacklistEnabled,
      blacklistGraceSeconds: o.blacklistGraceSeconds,
      leewaySeconds: o.leewaySeconds,
      refreshIat: o.refreshIat,
    },
    clock,
  );
  const invoices = new InvoiceBook(
    {
      mode: o.stamping,
      asyncCompletion: o.asyncCompletion,
      asyncDelayMs: o.asyncDelayMs,
      cancellation: o.cancellation,
      cancellationExpirySeconds: o.cancellationExpirySeconds,
      callbackUrl: options.callbackUrl ?? null,
    },
    clock,
    webhooks,
  );
  const seedTaxpayers = () => {
    invoices.satTaxpayers.clear();
    for (const t of options.satTaxpayers ?? []) invoices.satTaxpayers.set(t.rfc.toUpperCase(), t);
  };
  seedTaxpayers();
  const parties = new Parties(clock, options.empresas ?? [DEFAULT_EMPRESA]);
  const state: SimState = {
    credentials: { apiKey: o.apiKey, apiSecret: o.apiSecret },
    expiresInUnit: o.expiresInUnit,
    expiresInType: o.expiresInType,
    downloadFormat: o.downloadFormat,
    environment: o.environment,
    clock,
    tokens,
    parties,
    invoices,
    webhooks,
    faults: new FaultStore(),
    calls: new CallCounter(),
    log: new RequestLog(),
    reset() {
      tokens.clear();
      parties.reset();
      invoices.clear();
      seedTaxpayers();
      webhooks.clear();
      state.faults.clear();
      state.calls.clear();
      state.log.clear();
    },
  };

  const server = createServer({ keepAliveTimeout: 10_000 }, createRequestHandler(state));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        invoices.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
    clock,
    calls: () => state.calls.snapshot(),
    reset: () => state.reset(),
    addFault: (input) => {
      const fault = parseFault(input);
      if (typeof fault === 'string') throw new RangeError(fault);
      state.faults.add(fault);
    },
    clearFaults: () => state.faults.clear(),
    requests: () => state.log.list(),
    empresas: () => parties.listEmpresas(),
    addEmpresa: (seed) => parties.addEmpresa(seed),
    addSatTaxpayer: (t) => void invoices.satTaxpayers.set(t.rfc.toUpperCase(), t),
    tokens: () => tokens.tokens(),
    blacklist: () => tokens.blacklisted(),
    invoices: () => invoices.all().map((f) => invoices.view(f)),
    completeJobs: async (jobId, outcome) => {
      const done = invoices.complete(jobId, outcome);
      await webhooks.settle();
      return done;
    },
    resolveCancellation: async (cfdiUuid, result) => {
      const f = invoices.find(cfdiUuid);
      if (f?.cancellation_status !== 'pending') throw new Error(`no pending cancellation for ${cfdiUuid}`);
      invoices.resolve(f, result);
      await webhooks.settle();
    },
    webhooks: () => webhooks.list(),
    settleWebhooks: () => webhooks.settle(),
  };
}
