import type { Cache } from '../../../platform/cache/index.js';
import type { Logger } from '../../../platform/logging/index.js';
import { FacturifyError, type FacturifyHttp, type IssuedToken } from './facturify-http.js';
import { newRecord, stateOf, type TokenRecord, type WindowOptions } from './token-record.js';

export interface TokenManagerOptions extends WindowOptions {
  /** The lock is an efficiency lock (the version fences writes): above one refresh's worst case. */
  lockTtlMs: number;
  /** After /auth refused the credentials, no /auth for this long (every process sees it). */
  breakerMs: number;
  /** Tries of a call that failed transiently, and the full-jitter backoff's base and cap. */
  attempts: number;
  backoffBaseMs: number;
  /** The backoff's growth per try (FACTURIFY_RETRY_BACKOFF, 2 = doubling). */
  backoffFactor: number;
  backoffCapMs: number;
}

export interface BreakerState {
  until: number;
  error: string;
}

export interface Meta {
  lastRefreshAt: number | null;
  lastError: string | null;
}

/** /auth refused the key and secret: a person must fix them; nothing retries until the breaker closes. */
export class FacturifyCredentialsError extends Error {
  constructor(
    message: string,
    readonly breakerOpenUntil: number,
  ) {
    super(message);
    this.name = 'FacturifyCredentialsError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Facturify token of one account in one environment, shared by every process (shared docs
 * `pac-facturify.md` §3.5). Reads come from memory, then the shared record. Refreshing is single
 * flight in the process and serialised across processes by a lock; the one that holds it re-reads
 * the record first (another may have refreshed), refreshes the chain or, when it has ended or the
 * token was refused, authenticates again, and writes fenced by the version. A timer per process
 * refreshes in the soft window; past the hard margin a caller waits for the new token.
 */
export function createTokenManager(deps: {
  cache: Cache;
  http: FacturifyHttp;
  credentials: { apiKey: string; apiSecret: string };
  /** `pac:facturify:<env>:<hash of the api key>`: never the key itself. */
  keyBase: string;
  logger: Logger;
  options: TokenManagerOptions;
  now?: () => number;
}) {
  const { cache, http, options } = deps;
  const now = deps.now ?? Date.now;
  const recordKey = `${deps.keyBase}:token`;
  const breakerKey = `${deps.keyBase}:breaker`;
  const metaKey = `${deps.keyBase}:meta`;
  const lockKey = `${deps.keyBase}:refresh`;
  let memory: TokenRecord | undefined;
  let inflight: Promise<TokenRecord> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let armedFor = -1;
  let stopped = false;

  function remember(record: TokenRecord | undefined) {
    if (!record || (memory && memory.version > record.version)) return;
    memory = record;
    arm(record);
  }

  /** The proactive refresh of this process: at refreshAt plus jitter, re-armed per version. */
  function arm(record: TokenRecord) {
    if (stopped || armedFor === record.version) return;
    armedFor = record.version;
    if (timer) clearTimeout(timer);
    const lifetime = record.expiresAt - record.obtainedAt;
    const jitter = Math.random() * Math.min(30_000, lifetime * 0.05);
    timer = setTimeout(
      () => {
        timer = null;
        refresh({ seen: record.version }).catch((err: unknown) =>
          deps.logger.warn({ err: (err as Error).message }, 'facturify proactive refresh failed'),
        );
      },
      Math.max(0, record.refreshAt - now() + jitter),
    );
    timer.unref();
  }

  async function read(): Promise<TokenRecord | undefined> {
    const record = await cache.get<TokenRecord>(recordKey);
    remember(record);
    return record;
  }

  async function breaker(): Promise<BreakerState | undefined> {
    const b = await cache.get<BreakerState>(breakerKey);
    return b && b.until > now() ? b : undefined;
  }

  /** Retries what failed transiently, with full-jitter exponential backoff (`Retry-After` wins). */
  async function withBackoff<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof FacturifyError) || !err.retryable || attempt >= options.attempts) throw err;
        const cap = Math.min(
          options.backoffCapMs,
          options.backoffBaseMs * options.backoffFactor ** (attempt - 1),
        );
        await sleep(err.retryAfterMs ?? Math.random() * cap);
      }
    }
  }

  async function authenticate(): Promise<IssuedToken> {
    const open = await breaker();
    if (open) throw new FacturifyCredentialsError(open.error, open.until);
    try {
      return await withBackoff(() => http.auth(deps.credentials.apiKey, deps.credentials.apiSecret));
    } catch (err) {
      if (err instanceof FacturifyError && err.kind === 'credentials') {
        // Bad credentials will not fix themselves: one attempt, then the breaker for everyone.
        const until = now() + options.breakerMs;
        const message = `Facturify rechazó la API key y el secreto (${err.status}): ${err.message}`;
        await cache.set(
          breakerKey,
          { until, error: message } satisfies BreakerState,
          options.breakerMs / 1000,
        );
        await cache.set(metaKey, { lastRefreshAt: null, lastError: message } satisfies Meta);
        throw new FacturifyCredentialsError(message, until);
      }
      throw err;
    }
  }

  /**
   * Under the lock: re-read, and keep what another process wrote if it answers the need; else
   * refresh the chain (or authenticate), and write fenced by the version read.
   */
  async function rotate(need: {
    seen: number;
    invalid?: string;
    force?: 'auth' | 'refresh';
  }): Promise<TokenRecord> {
    const current = await cache.get<TokenRecord>(recordKey);
    if (!need.force && current) {
      const replacedSinceSeen = current.version > need.seen && current.token !== need.invalid;
      const stillFresh =
        stateOf(current, now(), options.hardMarginMs) === 'fresh' && current.token !== need.invalid;
      if (replacedSinceSeen || stillFresh) return current;
    }
    let issued: IssuedToken | null = null;
    let source: 'auth' | 'refresh' = 'auth';
    if (current && need.force !== 'auth') {
      try {
        issued = await withBackoff(() => http.refresh(current.token));
        source = 'refresh';
      } catch (err) {
        // The chain ended (tymon's refresh window), the token was blacklisted, or it is unknown:
        // the key and secret never expire, so /auth is always the way back.
        if (
          !(err instanceof FacturifyError) ||
          (err.kind !== 'unauthorized' && err.kind !== 'validation' && err.kind !== 'rejected')
        )
          throw err;
        deps.logger.info(
          { code: err.code, status: err.status },
          'facturify refresh refused; authenticating again',
        );
      }
    }
    if (!issued) issued = await authenticate();
    const record = newRecord(
      { ...issued, source, obtainedAt: issued.receivedAt, version: (current?.version ?? 0) + 1 },
      options,
    );
    if (record.lifetimeMismatch)
      deps.logger.warn(
        { expiresIn: record.expiresIn, source },
        'facturify expires_in and the JWT exp disagree by more than 10 %; using the earlier expiry',
      );
    const ttlSeconds = Math.max(1, (record.expiresAt - now()) / 1000);
    const written = await cache.setIfVersion(recordKey, current?.version ?? null, { ...record }, ttlSeconds);
    if (!written) {
      // A stale holder (its lock expired mid-refresh) lost the race: the newer record stands.
      const newer = await cache.get<TokenRecord>(recordKey);
      if (newer) return newer;
      await cache.set(recordKey, { ...record }, ttlSeconds);
    }
    await cache.set(metaKey, { lastRefreshAt: now(), lastError: null } satisfies Meta);
    return record;
  }

  function refresh(need: {
    seen: number;
    invalid?: string;
    force?: 'auth' | 'refresh';
  }): Promise<TokenRecord> {
    if (inflight && !need.force) return inflight;
    const run = (async () => {
      try {
        const record = await cache.withLock(
          lockKey,
          { ttlMs: options.lockTtlMs, waitMs: options.lockTtlMs * 2 },
          () => rotate(need),
        );
        remember(record);
        return record;
      } catch (err) {
        if (!(err instanceof FacturifyCredentialsError)) {
          const message = err instanceof Error ? err.message : String(err);
          const meta = (await cache.get<Meta>(metaKey).catch(() => undefined)) ?? {
            lastRefreshAt: null,
            lastError: null,
          };
          await cache.set(metaKey, { ...meta, lastError: message } satisfies Meta).catch(() => {});
        }
        throw err;
      }
    })();
    if (!need.force) {
      inflight = run;
      void run.then(
        () => {
          inflight = null;
        },
        () => {
          inflight = null;
        },
      );
    }
    return run;
  }

  return {
    /** A token usable now: from memory or the shared record, refreshed when it must be. */
    async getToken(): Promise<string> {
      const t = now();
      const record = memory && stateOf(memory, t, options.hardMarginMs) === 'fresh' ? memory : await read();
      const state = stateOf(record, t, options.hardMarginMs);
      if (record && state === 'fresh') return record.token;
      if (record && state === 'soft') {
        // Keep serving the current token; one process refreshes in the background.
        refresh({ seen: record.version }).catch((err: unknown) =>
          deps.logger.warn({ err: (err as Error).message }, 'facturify background refresh failed'),
        );
        return record.token;
      }
      return (await refresh({ seen: record?.version ?? 0 })).token;
    },

    /**
     * A business call answered 401 with `used`: the token another process wrote since, or a new
     * one (refreshed, else authenticated) when `used` is still the current one. Call once per 401.
     */
    async afterUnauthorized(used: string): Promise<string> {
      const record = await read();
      if (record && record.token !== used) return record.token;
      return (await refresh({ seen: record?.version ?? 0, invalid: used })).token;
    },

    /** `POST …/auth/token`: a new chain now (under the lock). */
    forceAuth: () => refresh({ seen: memory?.version ?? 0, force: 'auth' }),
    /** `POST …/auth/token/refresh`: refresh now, or authenticate when the chain cannot be. */
    forceRefresh: () => refresh({ seen: memory?.version ?? 0, force: 'refresh' }),

    async status() {
      const [record, open, meta] = await Promise.all([
        cache.get<TokenRecord>(recordKey),
        breaker(),
        cache.get<Meta>(metaKey),
      ]);
      return {
        record,
        breaker: open ?? null,
        meta: meta ?? { lastRefreshAt: null, lastError: null },
        now: now(),
      };
    },

    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type TokenManager = ReturnType<typeof createTokenManager>;
