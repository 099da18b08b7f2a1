import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthConfig } from './auth.js';
import type { SimState } from './context.js';
import { type Counts, type ErpRecord, RESOURCES, type Resource, seedRecords } from './seed/generate.js';
import { createRequestHandler } from './server.js';
import { type Fault, FaultStore } from './state/faults.js';
import { type Collection, PushStore, type Received } from './state/pushes.js';
import { RateLimiter } from './state/rate-limit.js';
import { RecordStore } from './state/records.js';
import { type LoggedRequest, RequestLog } from './state/request-log.js';
import { TokenStore } from './state/tokens.js';

export interface ErpSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed of the PULL data set; the same seed and counts always give the same records. */
  seed?: string;
  counts?: Partial<Counts>;
  /** Default `{type: 'none'}`. */
  auth?: AuthConfig;
  /** Dotted paths a pushed document must have (422 otherwise); per collection, or one list for both. */
  requiredFields?: string[] | Partial<Record<Collection, string[]>>;
  /** Dotted path of the new id in a push's 201 body: `id` (default), `data.id`, `result.invoice.external_id`… */
  idLocation?: string;
  /** Lifetime of OAuth access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** /api and /oauth calls allowed per second before 429 + Retry-After (default: unlimited). */
  rateLimitPerSecond?: number;
}

export const DEFAULT_COUNTS: Counts = { customers: 250, suppliers: 100, purchaseOrders: 500 };
export const DEFAULT_REQUIRED_FIELDS: Record<Collection, string[]> = {
  invoices: ['uuid', 'rfc_emisor', 'rfc_receptor', 'total'],
  documents: [],
};

export interface RunningErpSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Same as POST /__admin/reset. */
  reset(): void;
  /** Same as POST /__admin/faults (defaults filled in as there). */
  addFault(fault: Pick<Fault, 'operation' | 'kind'> & Partial<Fault>): void;
  clearFaults(): void;
  /** Same as GET /__admin/requests. */
  requests(): LoggedRequest[];
  /** What was pushed, in arrival order. */
  received(collection?: Collection): Received[];
  /** A resource's records in (updated_at, id) order: the ground truth a sync must reproduce. */
  records(resource: Resource): readonly ErpRecord[];
  upsert(resource: Resource, records: Record<string, unknown>[]): ErpRecord[];
  touch(resource: Resource, options: { count?: number; ids?: string[] }): ErpRecord[];
  /** Every issued OAuth token answers 401 `invalid_token` from now on. */
  expireTokens(): number;
}

function required(option: ErpSimulatorOptions['requiredFields']): Record<Collection, string[]> {
  if (Array.isArray(option)) return { invoices: option, documents: option };
  return { ...DEFAULT_REQUIRED_FIELDS, ...option };
}

const ID_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/** Refuses options that would make a confusing simulator rather than a failing test. */
function check(options: ErpSimulatorOptions, counts: Counts): void {
  for (const [name, value] of Object.entries(counts))
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`counts.${name} must be an integer >= 0`);
  if (options.idLocation !== undefined && !ID_PATH.test(options.idLocation))
    throw new RangeError(`idLocation must be a dotted path such as "data.id", not "${options.idLocation}"`);
  for (const name of ['tokenTtlSeconds', 'rateLimitPerSecond'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new RangeError(`${name} must be a positive number`);
  }
}

export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<RunningErpSimulator> {
  const seed = options.seed ?? 'boveda';
  const counts = { ...DEFAULT_COUNTS, ...options.counts };
  check(options, counts);
  const seedStores = () => {
    const seeded = seedRecords(seed, counts);
    return Object.fromEntries(RESOURCES.map((r) => [r, new RecordStore(r, seed, seeded[r])])) as Record<
      Resource,
      RecordStore
    >;
  };
  const state: SimState = {
    seed,
    auth: options.auth ?? { type: 'none' },
    requiredFields: required(options.requiredFields),
    idLocation: options.idLocation ?? 'id',
    records: seedStores(),
    pushes: new PushStore(),
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    faults: new FaultStore(),
    log: new RequestLog(),
    rateLimiter: new RateLimiter(options.rateLimitPerSecond),
    reset() {
      state.records = seedStores();
      state.pushes.clear();
      state.tokens.clear();
      state.faults.clear();
      state.log.clear();
      state.rateLimiter.reset();
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
    // Idempotent: a test's afterEach may close an instance the test already closed.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and keep-alive sockets would otherwise keep close() waiting forever.
        server.closeAllConnections();
      });
      return closing;
    },
    reset: () => state.reset(),
    addFault: (fault) =>
      state.faults.add({ count: 1, status: 500, ms: 1000, retryAfter: 1, when: 'before', ...fault }),
    clearFaults: () => state.faults.clear(),
    requests: () => state.log.list(),
    received: (collection = 'invoices') => state.pushes.list(collection),
    records: (resource) => state.records[resource].list(),
    upsert: (resource, records) => state.records[resource].upsert(records),
    touch: (resource, touchOptions) => state.records[resource].touch(touchOptions),
    expireTokens: () => state.tokens.expireAll(),
  };
}
