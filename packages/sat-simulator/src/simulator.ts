import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimContext, SimulatorLimits, SimulatorTiming } from './operations/context.js';
import { createRequestHandler } from './server.js';
import { createSimClock, type SimClock } from './state/clock.js';
import { FaultStore } from './state/faults.js';
import { RequestStore } from './state/request-store.js';
import { StatusStore } from './state/status-store.js';
import { TokenStore } from './state/token-store.js';
import { createSelfSignedCertificate } from './tls/self-signed.js';
import { createUniverse } from './universe/index.js';
import type { Universe, UniverseOptions, VolumeConfig } from './universe/types.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed of the data universe; the same seed always yields the same CFDI. */
  seed?: string;
  /** Serve HTTPS with a self-signed certificate generated at start. */
  https?: boolean;
  /** Verify digests as well as signatures on Solicita/Verifica/Descarga (default: lenient, like production). */
  strict?: boolean;
  /** Universe tuning (volumes, package sizes); `seed` above wins over `universe.seed`. */
  universe?: Partial<UniverseOptions>;
  timing?: Partial<SimulatorTiming>;
  limits?: Partial<SimulatorLimits>;
  /** Initial simulated time (default: real now). */
  now?: Date;
}

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the service paths hang off it. */
  url: string;
  clock: SimClock;
  /** PEM of the self-signed certificate when `https` is on (give it to clients as `ca`). */
  certificate?: string;
  universe(): Universe;
  close(): Promise<void>;
}

export const DEFAULT_TIMING: SimulatorTiming = {
  acceptedSeconds: 5,
  processingSeconds: 10,
  packageLifetimeHours: 72,
  tokenLifetimeSeconds: 300,
  clockSkewSeconds: 300,
};

export const DEFAULT_LIMITS: SimulatorLimits = {
  maxCfdi: 200_000,
  maxMetadata: 1_000_000,
  folioPerDay: 5,
  overLimitField: 'CodigoEstadoSolicitud',
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const universeOptions: UniverseOptions = {
    ...options.universe,
    seed: options.seed ?? options.universe?.seed ?? 'boveda',
  };
  let universe = createUniverse(universeOptions);
  const clock = createSimClock(options.now);
  const ctx: SimContext = {
    clock,
    tokens: new TokenStore(timing.tokenLifetimeSeconds),
    requests: new RequestStore(),
    statuses: new StatusStore(),
    universe: () => universe,
    strict: options.strict ?? false,
    timing,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
  const handler = createRequestHandler({
    ctx,
    faults: new FaultStore(),
    reconfigureVolumes(rfc: string, volume: VolumeConfig) {
      universeOptions.volumes = { ...universeOptions.volumes, [rfc]: volume };
      universe = createUniverse(universeOptions);
    },
  });

  const tls = options.https ? createSelfSignedCertificate() : undefined;
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler)
    : createHttpServer(handler);
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
  return {
    url: `${tls ? 'https' : 'http'}://${urlHost}:${port}`,
    clock,
    ...(tls ? { certificate: tls.cert } : {}),
    universe: () => universe,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Held "timeout" calls and keep-alive sockets would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
