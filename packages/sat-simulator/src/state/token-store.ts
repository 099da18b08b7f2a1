import { createHmac, randomBytes } from 'node:crypto';

interface TokenRecord {
  expiresAt: Date;
  serialHex: string;
}

export interface IssuedToken {
  value: string;
  created: Date;
  expires: Date;
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * Issues tokens shaped like the SAT's: an HMAC-SHA256 JWT whose `actort` is the hex certificate number,
 * followed by the URL-encoded `&wrap_subject=<hex>` (doc §1.5). The JWT `exp` says 10 minutes like the
 * real one, but the token is honoured for `lifetimeSeconds` (5 minutes) of simulated time, as the SOAP
 * Timestamp of the real response says.
 */
export class TokenStore {
  private readonly secret = randomBytes(32);
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly lifetimeSeconds: number) {}

  issue(now: Date, serialHex: string, alreadyExpired = false): IssuedToken {
    const iat = Math.floor(now.getTime() / 1000);
    const header = base64url(
      JSON.stringify({ alg: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256', typ: 'JWT' }),
    );
    const payload = base64url(
      JSON.stringify({
        nbf: iat,
        exp: iat + 600,
        iat,
        iss: 'LoadSolicitudDecargaMasivaTerceros',
        actort: serialHex,
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const signature = base64url(createHmac('sha256', this.secret).update(`${header}.${payload}`).digest());
    const value = `${header}.${payload}.${signature}%26wrap_subject%3d${serialHex}`;
    const expires = new Date(now.getTime() + this.lifetimeSeconds * 1000);
    // An injected "expired token" is issued normally but is already dead on the server side.
    this.tokens.set(value, { expiresAt: alreadyExpired ? now : expires, serialHex });
    return { value, created: now, expires };
  }

  /** The token from `Authorization: WRAP access_token="…"`, if it is known and alive. */
  check(authorization: string | undefined, now: Date): TokenRecord | undefined {
    const match = /^\s*WRAP\s+access_token\s*=\s*"?([^"]+)"?\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const raw = match[1]!;
    // Some clients send the `&wrap_subject=` part decoded (SAT15-1 shows it that way).
    const value = this.tokens.has(raw) ? raw : raw.replace('&wrap_subject=', '%26wrap_subject%3d');
    const record = this.tokens.get(value);
    if (!record || record.expiresAt.getTime() <= now.getTime()) return undefined;
    return record;
  }
}
