import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Cache, createCache } from '../../../platform/cache/index.js';
import { createLogger } from '../../../platform/logging/index.js';
import { createFacturifyAccounts, type FacturifyAccounts } from './facturify-accounts.js';
import { FacturifyCredentialsError } from './token-manager.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CREDS = { apiKey: 'tokens-test-key', apiSecret: 'tokens-test-secret' };
const options = {
  bufferMs: 60_000,
  hardMarginMs: 5_000,
  lockTtlMs: 5_000,
  breakerMs: 300_000,
  attempts: 3,
  backoffBaseMs: 10,
  backoffFactor: 2,
  backoffCapMs: 50,
};

async function redisCache(prefix: string): Promise<Cache | null> {
  try {
    return await createCache({ redisUrl, keyPrefix: prefix, onError: () => {} });
  } catch {
    if (process.env.CI) throw new Error(`Redis is required in CI: ${new URL(redisUrl).host} is unreachable`);
    return null;
  }
}

/**
 * Three "processes" (each its own accounts registry: its own single flight, memory and timers) on
 * one Redis, against the Facturify simulator with tymon's rotation (a refresh blacklists the old
 * token, no grace) and one clock for everyone: the simulator's, which the processes share by an
 * offset, so hours pass in milliseconds.
 */
describe('Facturify tokens across processes sharing Redis', async () => {
  const probe = await redisCache(`boveda-test-probe-${process.pid}:`);
  await probe?.close();
  let sim: RunningFacturifySimulator;
  let offset = 0;
  const now = () => Date.now() + offset;
  const caches: Cache[] = [];
  const registries: FacturifyAccounts[] = [];
  const logger = createLogger({ level: 'silent' });

  async function processes(n: number, creds = CREDS) {
    const prefix = `boveda-test-pac-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
    const list = [];
    for (let i = 0; i < n; i++) {
      const cache = (await redisCache(prefix))!;
      caches.push(cache);
      const registry = createFacturifyAccounts({ cache, logger, timeoutMs: 3_000, options, now });
      registries.push(registry);
      list.push(registry.get({ environment: 'sandbox', baseUrl: sim.url, ...creds }));
    }
    return list;
  }
  const advance = (seconds: number) => {
    sim.clock.advance(seconds);
    offset += seconds * 1000;
  };

  beforeAll(async () => {
    sim = await startFacturifySimulator({
      ...CREDS,
      expiresInUnit: 'seconds',
      tokenTtlSeconds: 600,
      refreshedTokenTtlSeconds: 600,
      refreshTtlSeconds: 3_600,
      blacklistGraceSeconds: 0,
    });
  });
  afterEach(() => sim.reset());
  afterAll(async () => {
    for (const r of registries) r.close();
    await Promise.all(caches.map((c) => c.close()));
    await sim?.close();
  });

  it.runIf(probe)('authenticates once for 30 concurrent calls in three processes', async () => {
    const accounts = await processes(3);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => accounts[i % 3]!.client.call('GET', '/api/v1/empresa')),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(sim.calls()).toMatchObject({ auth: 1, refresh: 0 });
  });

  it.runIf(probe)(
    'refreshes once per window, and no 401 reaches a business call while tokens rotate',
    async () => {
      const accounts = await processes(3);
      const calls = async () => {
        const answers = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            accounts[i % 3]!.client.call('GET', '/api/v1/empresa').then(
              (a) => a.status,
              (e: Error) => e.message,
            ),
          ),
        );
        expect(answers.every((s) => s === 200)).toBe(true);
      };
      await calls();
      // Five windows: each time every process reaches the soft window (10 % of 600 s → the 60 s
      // buffer) and calls; one of them refreshes, the others keep or pick up the new token.
      for (let w = 1; w <= 5; w++) {
        advance(545);
        await calls();
        // The background refresh finishes; then the next calls use the new token everywhere.
        await expect.poll(() => sim.calls().refresh, { timeout: 5_000 }).toBe(w);
        await calls();
      }
      expect(sim.calls()).toMatchObject({ auth: 1, refresh: 5 });
      // The old tokens were blacklisted by each refresh: a process holding one got a 401 and retried
      // with the newer token from Redis, without refreshing again.
      expect(sim.blacklist().length).toBe(5);
    },
  );

  it.runIf(probe)('recovers through /auth when the refresh chain has ended', async () => {
    const [a, b] = await processes(2);
    await a!.client.call('GET', '/api/v1/empresa');
    // Past the 1 h refresh window counted from the first iat (and past the token's expiry).
    advance(3_700);
    const answers = await Promise.all([
      a!.client.call('GET', '/api/v1/empresa'),
      b!.client.call('GET', '/api/v1/empresa'),
    ]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    const counts = sim.calls();
    expect(counts.auth).toBe(2);
    expect(counts.refresh).toBe(1); // the one refused refresh, then /auth
  });

  it.runIf(probe)('opens the breaker after one refused /auth, for every process, and says why', async () => {
    const [a, b] = await processes(2, { apiKey: CREDS.apiKey, apiSecret: 'wrong-secret' });
    await expect(a!.tokens.getToken()).rejects.toBeInstanceOf(FacturifyCredentialsError);
    await expect(b!.tokens.getToken()).rejects.toBeInstanceOf(FacturifyCredentialsError);
    await expect(a!.client.call('GET', '/api/v1/empresa')).rejects.toBeInstanceOf(FacturifyCredentialsError);
    expect(sim.calls().auth).toBe(1);
    const status = await b!.tokens.status();
    expect(status.breaker?.until).toBeGreaterThan(now());
    expect(status.breaker?.error).toMatch(/rechazó la API key/);
    expect(JSON.stringify(status)).not.toContain('wrong-secret');
  });

  it.runIf(probe)(
    'schedules from the earlier of expires_in and the JWT exp when their units disagree',
    async () => {
      const minutes = await startFacturifySimulator({
        ...CREDS,
        expiresInUnit: 'minutes',
        tokenTtlSeconds: 14_400,
      });
      try {
        const cache = (await redisCache(`boveda-test-pac-units-${process.pid}:`))!;
        caches.push(cache);
        const registry = createFacturifyAccounts({ cache, logger, timeoutMs: 3_000, options, now });
        registries.push(registry);
        const account = registry.get({ environment: 'sandbox', baseUrl: minutes.url, ...CREDS });
        await account.tokens.getToken();
        const { record } = await account.tokens.status();
        // expires_in = 240 (minutes) read as seconds: 240 s, not the 4 h the JWT says.
        expect(record!.lifetimeMismatch).toBe(true);
        expect(record!.expiresAt - record!.obtainedAt).toBeGreaterThan(239_000);
        expect(record!.expiresAt - record!.obtainedAt).toBeLessThanOrEqual(240_000);
        expect(record!.refreshAt).toBe(record!.expiresAt - 60_000);
      } finally {
        await minutes.close();
      }
    },
  );
});
