import { createHash, randomBytes } from 'node:crypto';
import { type Claims, signHs512, verifyHs512 } from '../jwt.js';
import type { SimClock } from './clock.js';

/** How tymon/jwt-auth is configured on this simulated Facturify (doc §1.5, §3.4); all in seconds. */
export interface TokenConfig {
  /** `https://api-sandbox.facturify.com` or `https://api.facturify.com`: the `iss` prefix. */
  issuerBase: string;
  secret: string;
  /** `sub` of every token (Facturify's account id; 1002 in the 2021 sandbox tokens). */
  subject: number;
  /** Lifetime of a token from /auth (tymon `ttl`). */
  ttlSeconds: number;
  /** Lifetime of a token from /token/refresh (the 2021 sandbox: 30 days, unlike /auth's 24 h). */
  refreshedTtlSeconds: number;
  /** tymon `refresh_ttl`: refresh works until `iat + refreshTtl`, and `iat` survives refreshes. */
  refreshTtlSeconds: number;
  /** tymon `blacklist_enabled`: a refresh blacklists the token it was given. */
  blacklistEnabled: boolean;
  /** tymon `blacklist_grace_period`: the old token keeps working this long after the refresh. */
  blacklistGraceSeconds: number;
  /** tymon `leeway`: tolerance on exp/nbf/iat. */
  leewaySeconds: number;
  /** tymon `refresh_iat`: when true, a refresh resets `iat` (and so the refresh window). Default false. */
  refreshIat: boolean;
}

/** tymon's `prv`: sha1 of the authenticated model's class; a constant here. */
const PRV = createHash('sha1').update('App\\Models\\Organizacion').digest('hex');

/** A 401 in Facturify's shape (doc §1.3): `{"message", "code"}`. */
export class TokenError extends Error {
  constructor(
    message: string,
    /** "51": expired (also "can no longer be refreshed", which makes the C# client re-authenticate). */
    readonly code: '50' | '51',
  ) {
    super(message);
  }
}

export interface BlacklistEntry {
  jti: string;
  sub: number;
  iat: number;
  exp: number;
  /** The token still works until then (grace period); after it: "The token has been blacklisted". */
  valid_until: string;
  blacklisted_at: string;
  /** valid_until has passed. */
  effective: boolean;
}

export interface IssuedToken {
  jti: string;
  via: 'auth' | 'refresh';
  claims: Claims;
  issued_at: string;
  /** Refresh that produced it: the jti it replaced. */
  replaces: string | null;
}

function jti(): string {
  // tymon: Str::random(16).
  return randomBytes(12).toString('base64url').slice(0, 16);
}

export class TokenService {
  private blacklist = new Map<string, { validUntil: number; at: number; claims: Claims }>();
  private issued: IssuedToken[] = [];

  constructor(
    readonly config: TokenConfig,
    private readonly clock: SimClock,
  ) {}

  private sign(claims: Claims, via: IssuedToken['via'], replaces: string | null): string {
    this.issued.push({ jti: claims.jti, via, claims, issued_at: this.clock.now().toISOString(), replaces });
    if (this.issued.length > 10_000) this.issued = this.issued.slice(-5_000);
    return signHs512(claims, this.config.secret);
  }

  /** POST /api/v1/auth with the right credentials. */
  issue(): { token: string; ttlSeconds: number } {
    const now = this.clock.seconds();
    const c = this.config;
    const claims: Claims = {
      iss: `${c.issuerBase}/api/v1/auth`,
      iat: now,
      exp: now + c.ttlSeconds,
      nbf: now,
      jti: jti(),
      sub: c.subject,
      prv: PRV,
    };
    return { token: this.sign(claims, 'auth', null), ttlSeconds: c.ttlSeconds };
  }

  /** Signature, issuer and claim structure; tymon's "TokenInvalidException" otherwise. */
  private decode(token: string | undefined): Claims {
    if (!token) throw new TokenError('Token not provided', '50');
    const claims = verifyHs512(token, this.config.secret);
    if (typeof claims === 'string') throw new TokenError(claims, '50');
    // A token of the other environment (another iss) is useless here (doc §1.2).
    if (!claims.iss.startsWith(`${this.config.issuerBase}/`))
      throw new TokenError('Token Signature could not be verified.', '50');
    return claims;
  }

  private checkBlacklist(claims: Claims): void {
    if (!this.config.blacklistEnabled) return;
    const entry = this.blacklist.get(claims.jti);
    // tymon Blacklist::has: blacklisted once valid_until is no longer in the future.
    if (entry && entry.validUntil <= this.clock.now().getTime() / 1000)
      throw new TokenError('The token has been blacklisted', '50');
  }

  /** The normal flow (every business call and /token/validate): tymon Manager::decode. */
  check(token: string | undefined): Claims {
    const claims = this.decode(token);
    const now = this.clock.now().getTime() / 1000;
    const leeway = this.config.leewaySeconds;
    if (claims.nbf > now + leeway)
      throw new TokenError('Not Before (nbf) timestamp cannot be in the future', '50');
    if (claims.iat > now + leeway)
      throw new TokenError('Issued At (iat) timestamp cannot be in the future', '50');
    if (claims.exp + leeway < now) throw new TokenError('Token has expired', '51');
    this.checkBlacklist(claims);
    return claims;
  }

  /**
   * POST /api/v1/token/refresh: tymon Manager::refresh. Only `iat + refresh_ttl` is checked (an expired
   * token refreshes fine inside the window); the new token keeps `sub` and the original `iat`, gets a new
   * jti/nbf/exp, `iss` = the refresh URL and no `prv`; the old one is blacklisted (after the grace period).
   */
  refresh(token: string | undefined): { token: string; ttlSeconds: number; claims: Claims } {
    const old = this.decode(token);
    const c = this.config;
    const nowMs = this.clock.now().getTime();
    if ((old.iat + c.refreshTtlSeconds) * 1000 < nowMs)
      throw new TokenError('Token has expired and can no longer be refreshed', '51');
    this.checkBlacklist(old);
    const now = Math.floor(nowMs / 1000);
    const claims: Claims = {
      iss: `${c.issuerBase}/api/v1/token/refresh`,
      iat: c.refreshIat ? now : old.iat,
      exp: now + c.refreshedTtlSeconds,
      nbf: now,
      jti: jti(),
      sub: old.sub,
    };
    if (c.blacklistEnabled && !this.blacklist.has(old.jti))
      this.blacklist.set(old.jti, { validUntil: now + c.blacklistGraceSeconds, at: nowMs, claims: old });
    return { token: this.sign(claims, 'refresh', old.jti), ttlSeconds: c.refreshedTtlSeconds, claims };
  }

  blacklisted(): BlacklistEntry[] {
    const now = this.clock.now().getTime() / 1000;
    return [...this.blacklist.entries()].map(([id, e]) => ({
      jti: id,
      sub: e.claims.sub,
      iat: e.claims.iat,
      exp: e.claims.exp,
      valid_until: new Date(e.validUntil * 1000).toISOString(),
      blacklisted_at: new Date(e.at).toISOString(),
      effective: e.validUntil <= now,
    }));
  }

  /** Blacklists a token at once (no grace): a token revoked by another instance or by Facturify. */
  revoke(token: string): boolean {
    const claims = verifyHs512(token, this.config.secret);
    if (typeof claims === 'string') return false;
    this.blacklist.set(claims.jti, { validUntil: 0, at: this.clock.now().getTime(), claims });
    return true;
  }

  tokens(): IssuedToken[] {
    return this.issued.map((t) => ({ ...t, claims: { ...t.claims } }));
  }

  clear(): void {
    this.blacklist.clear();
    this.issued = [];
  }
}
