import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'bov_live_';
const API_KEY_RE = /^bov_live_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** `bov_live_<8 id chars>_<256-bit secret>`; the first part is safe to show, the whole is stored hashed. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const id = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: `${API_KEY_PREFIX}${id}`, hash: sha256(key) };
}

export const SIGNING_SECRET_PREFIX = 'bsk_';

/** `bsk_<256-bit secret>`: the HMAC key of signed requests, used as its UTF-8 bytes. */
export const generateSigningSecret = () => `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

export const looksLikeApiKey = (value: string) => API_KEY_RE.test(value);

export function generateSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

/**
 * The CSRF token is derived from the session token, so it needs no storage and a token planted
 * by another site (cookie injection) cannot match a session it does not know.
 */
export const csrfTokenFor = (sessionToken: string) => sha256(`csrf:${sessionToken}`);
