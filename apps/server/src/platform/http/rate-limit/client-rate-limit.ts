import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { appError } from '../../errors/app-error.js';

/** One fixed one-minute window of one bucket: requests counted so far and ms until it resets. */
export interface WindowCount {
  count: number;
  resetMs: number;
}

/** Counts a request in several buckets at once (one Redis round trip). */
export interface RateCounter {
  hit(keys: readonly string[], windowMs: number): Promise<WindowCount[]>;
}

/** In-process counters: correct for one API process (several need REDIS_URL). */
export function createMemoryRateCounter(now: () => number = Date.now): RateCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return {
    async hit(keys, windowMs) {
      const t = now();
      if (t >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextSweep = t + windowMs;
      }
      return keys.map((key) => {
        let w = windows.get(key);
        if (!w || w.resetAt <= t) {
          w = { count: 0, resetAt: t + windowMs };
          windows.set(key, w);
        }
        w.count += 1;
        return { count: w.count, resetMs: w.resetAt - t };
      });
    },
  };
}

// INCR each key; a key without expiry (new) gets the window. Answers count, pttl per key.
const HIT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

/** Counters in Redis, shared by every API process: one EVAL per request for all its buckets. */
export function createRedisRateCounter(redis: Redis, keyPrefix: string): RateCounter {
  return {
    async hit(keys, windowMs) {
      const raw = (await redis.eval(
        HIT_SCRIPT,
        keys.length,
        ...keys.map((k) => `${keyPrefix}${k}`),
        String(windowMs),
      )) as number[];
      return keys.map((_, i) => ({ count: Number(raw[2 * i]), resetMs: Number(raw[2 * i + 1]) }));
    },
  };
}

export interface ClientRateLimitOptions {
  counter: RateCounter;
  perClientPerMinute: number;
  perTenantPerMinute: number;
  /**
   * The organization's own per-minute limit (its plan), replacing `perTenantPerMinute` when not
   * null. Called on every counted request: cache it.
   */
  tenantLimit?: (tenantId: string) => Promise<number | null>;
  /** Redis down: log and let the request through (the per-IP limit still applies). */
  onError?: (error: unknown) => void;
}

const WINDOW_MS = 60_000;

/**
 * The preHandler that runs after a route's guard: counts the request against its API client
 * (the API key, or the signed-in person) and its organization, sets the IETF `RateLimit-*`
 * headers from the tighter of the two, and answers 429 `RATE_LIMITED` with `Retry-After` over
 * either limit. Requests without an identity (public routes, probes, static files) are not counted.
 */
export function createClientRateLimit(opts: ClientRateLimitOptions) {
  return async function clientRateLimit(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const identity = req.identity;
    if (!identity) return;
    const client = `${identity.actor.type}:${identity.actor.id}`;
    let counts: WindowCount[];
    let planLimit: number | null = null;
    try {
      [counts, planLimit] = await Promise.all([
        opts.counter.hit([`rl:client:${client}`, `rl:tenant:${identity.tenantId}`], WINDOW_MS),
        opts.tenantLimit ? opts.tenantLimit(identity.tenantId) : null,
      ]);
    } catch (error) {
      opts.onError?.(error);
      return;
    }
    const limits = [opts.perClientPerMinute, planLimit ?? opts.perTenantPerMinute];
    // The bucket closest to its limit is the one a client must pace itself by.
    let tightest = 0;
    for (let i = 1; i < counts.length; i++) {
      const remaining = limits[i]! - counts[i]!.count;
      if (remaining < limits[tightest]! - counts[tightest]!.count) tightest = i;
    }
    const limit = limits[tightest]!;
    const { count, resetMs } = counts[tightest]!;
    const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(Math.max(0, limit - count)));
    reply.header('ratelimit-reset', String(resetSeconds));
    if (count > limit) {
      reply.header('retry-after', String(resetSeconds));
      throw appError(
        'RATE_LIMITED',
        tightest === 0
          ? `This API client is over ${limit} requests per minute; retry in ${resetSeconds} s.`
          : `This organization${planLimit !== null ? "'s plan" : ''} allows ${limit} requests per minute; retry in ${resetSeconds} s.`,
      );
    }
  };
}
