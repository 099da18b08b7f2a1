import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims tymon/jwt-auth puts in Facturify's tokens (doc §1.5). `prv` only on tokens from /auth. */
export interface Claims {
  iss: string;
  iat: number;
  exp: number;
  nbf: number;
  jti: string;
  sub: number;
  prv?: string;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const HEADER = b64(JSON.stringify({ typ: 'JWT', alg: 'HS512' }));

export function signHs512(claims: Claims, secret: string): string {
  const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha512', secret).update(body).digest('base64url')}`;
}

/** The claims when `token` is an HS512 JWT signed with `secret`; a reason string otherwise. */
export function verifyHs512(token: string, secret: string): Claims | string {
  const parts = token.split('.');
  if (parts.length !== 3) return 'Wrong number of segments';
  const [header = '', payload = '', signature = ''] = parts;
  let decodedHeader: unknown;
  let claims: unknown;
  try {
    decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'Could not decode token';
  }
  if ((decodedHeader as { alg?: unknown } | null)?.alg !== 'HS512')
    return 'Token Signature could not be verified.';
  const expected = createHmac('sha512', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'Token Signature could not be verified.';
  const c = claims as Partial<Claims> | null;
  if (
    !c ||
    typeof c.iat !== 'number' ||
    typeof c.exp !== 'number' ||
    typeof c.nbf !== 'number' ||
    typeof c.jti !== 'string' ||
    typeof c.iss !== 'string' ||
    c.sub === undefined
  )
    return 'JWT payload does not contain the required claims';
  return c as Claims;
}

/** Decodes without verifying (what a client does to read `exp`). */
export function decodeClaims(token: string): Claims {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Claims;
}
