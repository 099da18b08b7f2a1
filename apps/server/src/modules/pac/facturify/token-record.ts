/**
 * One Facturify token as every process shares it (one cache key, JSON): when it was obtained,
 * when to refresh it and when it stops being usable, computed once from what the server said.
 * `version` grows with every write and fences them (`cache.setIfVersion`).
 */
export interface TokenRecord {
  version: number;
  token: string;
  source: 'auth' | 'refresh';
  /** Local ms when the answer arrived. */
  obtainedAt: number;
  /** Local ms: the earlier of `obtainedAt + expires_in s` and the JWT `exp` (corrected for skew). */
  expiresAt: number;
  /** Local ms when a process should start refreshing it (the soft window). */
  refreshAt: number;
  /** JWT `iat` in ms: kept across refreshes, it dates the chain (tymon's refresh window). */
  chainIat: number | null;
  /** `expires_in` as received, for the status page (its unit is not documented). */
  expiresIn: number;
  /** The two readings of the lifetime disagreed by more than 10 % (units, or a clock). */
  lifetimeMismatch: boolean;
}

interface Claims {
  exp?: number;
  iat?: number;
  nbf?: number;
}

/** The JWT's claims without checking its signature: only for scheduling. */
export function readClaims(token: string): Claims {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const out: Claims = {};
    const exp = num(claims.exp);
    const iat = num(claims.iat);
    const nbf = num(claims.nbf);
    if (exp !== undefined) out.exp = exp;
    if (iat !== undefined) out.iat = iat;
    if (nbf !== undefined) out.nbf = nbf;
    return out;
  } catch {
    return {};
  }
}

/** `expires_in` may come as a number or a numeric string (the C# client typed it as a string). */
export function parseExpiresIn(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export interface WindowOptions {
  /** FACTURIFY_TOKEN_REFRESH_BUFFER: the least soft window, ms. */
  bufferMs: number;
  /** Before expiry, a token is not handed out any more (requests take time), ms. */
  hardMarginMs: number;
}

/**
 * The record for a token just received. `expires_in` is read as seconds (the safe reading: if the
 * server meant minutes we refresh early, never late) and checked against the JWT `exp`, moved into
 * local time by the server's clock offset (`skewMs` = server time − local time, from `Date`).
 */
export function newRecord(
  input: {
    token: string;
    expiresIn: number;
    source: 'auth' | 'refresh';
    obtainedAt: number;
    skewMs: number;
    version: number;
  },
  opts: WindowOptions,
): TokenRecord {
  const claims = readClaims(input.token);
  const byExpiresIn = input.obtainedAt + input.expiresIn * 1000;
  const byExp = claims.exp !== undefined ? claims.exp * 1000 - input.skewMs : Number.POSITIVE_INFINITY;
  const expiresAt = Math.min(byExpiresIn, byExp);
  const lifetime = Math.max(0, expiresAt - input.obtainedAt);
  const otherLifetime =
    Math.max(byExpiresIn, Number.isFinite(byExp) ? byExp : byExpiresIn) - input.obtainedAt;
  // The soft window: at least the buffer, else 10 % of the lifetime up to 5 minutes; never more
  // than half the lifetime (a 4-minute token is refreshed after 2, not at once).
  const window = Math.min(Math.max(opts.bufferMs, Math.min(300_000, lifetime * 0.1)), lifetime / 2);
  return {
    version: input.version,
    token: input.token,
    source: input.source,
    obtainedAt: input.obtainedAt,
    expiresAt,
    refreshAt: expiresAt - window,
    chainIat: claims.iat !== undefined ? claims.iat * 1000 - input.skewMs : null,
    expiresIn: input.expiresIn,
    lifetimeMismatch: Number.isFinite(byExp) && lifetime > 0 && otherLifetime > lifetime * 1.1,
  };
}

/** Where a record stands now: fresh, in its soft window, or past the hard margin (or absent). */
export function stateOf(record: TokenRecord | undefined, now: number, hardMarginMs: number) {
  if (!record) return 'missing' as const;
  if (now < record.refreshAt) return 'fresh' as const;
  if (now < record.expiresAt - hardMarginMs) return 'soft' as const;
  return 'hard' as const;
}
