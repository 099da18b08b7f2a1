import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http/answer.js';
import type { TokenStore } from './state/tokens.js';

/** How this simulator instance wants /api calls authenticated (one method per instance). */
export type AuthConfig =
  | { type: 'none' }
  | { type: 'api-key'; key: string /** Default `X-Api-Key`. */; header?: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth2'; clientId: string; clientSecret: string };

export type AuthType = AuthConfig['type'];

/** Compares through digests so neither length nor content leaks through timing (habit, not need). */
export function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** `Authorization: Basic …` as [user, password], or undefined when absent or unreadable. */
export function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

function unauthorized(message: string, challenge: string, code = 'unauthorized'): HttpError {
  return new HttpError(401, code, message, undefined, { 'WWW-Authenticate': challenge });
}

/** Throws a 401 HttpError unless the request carries this instance's credentials. */
export function authenticate(auth: AuthConfig, tokens: TokenStore, req: IncomingMessage): void {
  const authorization = req.headers.authorization;
  switch (auth.type) {
    case 'none':
      return;
    case 'api-key': {
      const header = auth.header ?? 'X-Api-Key';
      const given = req.headers[header.toLowerCase()];
      if (typeof given !== 'string') throw unauthorized(`missing ${header} header`, 'ApiKey');
      if (!same(given, auth.key)) throw unauthorized('invalid API key', 'ApiKey');
      return;
    }
    case 'bearer': {
      const token = bearer(authorization);
      if (!token) throw unauthorized('missing bearer token', 'Bearer realm="erp"');
      if (!same(token, auth.token))
        throw unauthorized(
          'invalid bearer token',
          'Bearer realm="erp", error="invalid_token"',
          'invalid_token',
        );
      return;
    }
    case 'basic': {
      const credentials = basicCredentials(authorization);
      if (!credentials) throw unauthorized('missing basic credentials', 'Basic realm="erp"');
      if (!(same(credentials[0], auth.username) && same(credentials[1], auth.password)))
        throw unauthorized('invalid username or password', 'Basic realm="erp"');
      return;
    }
    case 'oauth2': {
      const token = bearer(authorization);
      if (!token) throw unauthorized('missing bearer token', 'Bearer realm="erp"');
      const state = tokens.check(token);
      if (state === 'ok') return;
      // RFC 6750 §3.1: an expired token is `invalid_token`, which tells the client to fetch a new one.
      const why = state === 'expired' ? 'the access token expired' : 'unknown access token';
      throw unauthorized(
        why,
        `Bearer realm="erp", error="invalid_token", error_description="${why}"`,
        'invalid_token',
      );
    }
  }
}

/** How the request tried to authenticate, for the request log (never the secret itself). */
export function schemeOf(req: IncomingMessage, auth: AuthConfig): string {
  const header = req.headers.authorization ?? '';
  if (/^Bearer\s/i.test(header)) return 'bearer';
  if (/^Basic\s/i.test(header)) return 'basic';
  const keyHeader = (auth.type === 'api-key' ? (auth.header ?? 'X-Api-Key') : 'X-Api-Key').toLowerCase();
  if (req.headers[keyHeader] !== undefined) return 'api-key';
  return 'none';
}
