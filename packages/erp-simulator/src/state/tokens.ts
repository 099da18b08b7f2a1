import { randomBytes } from 'node:crypto';

/** OAuth access tokens issued by POST /oauth/token: opaque random strings with an expiry. */
export class TokenStore {
  private readonly tokens = new Map<string, number>();

  constructor(private ttlSeconds: number) {}

  get ttl(): number {
    return this.ttlSeconds;
  }

  issue(): { token: string; expiresIn: number } {
    const now = Date.now();
    if (this.tokens.size > 10_000) {
      for (const [token, expires] of this.tokens) if (expires <= now) this.tokens.delete(token);
    }
    const token = `erp_at_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, now + this.ttlSeconds * 1000);
    return { token, expiresIn: this.ttlSeconds };
  }

  check(token: string): 'ok' | 'expired' | 'unknown' {
    const expires = this.tokens.get(token);
    if (expires === undefined) return 'unknown';
    return Date.now() < expires ? 'ok' : 'expired';
  }

  /** Makes every issued token expired (still known, so the 401 says "expired", not "unknown"). */
  expireAll(): number {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }
}
