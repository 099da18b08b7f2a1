import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Recognizable prefixes, so a leaked credential is easy to spot and tell apart from an API key. */
export const CLIENT_ID_PREFIX = 'bov_ci_';
export const CLIENT_SECRET_PREFIX = 'bov_cs_';
export const ACCESS_TOKEN_PREFIX = 'bov_at_';
export const REFRESH_TOKEN_PREFIX = 'bov_rt_';
export const CODE_PREFIX = 'bov_ac_';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const random = (prefix: string, bytes = 32) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export const generateClientId = () =>
  `${CLIENT_ID_PREFIX}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
export const generateClientSecret = () => random(CLIENT_SECRET_PREFIX);
export const generateAccessToken = () => random(ACCESS_TOKEN_PREFIX);
export const generateRefreshToken = () => random(REFRESH_TOKEN_PREFIX);
export const generateCode = () => random(CODE_PREFIX);

/** Constant-time comparison of a presented secret with the stored SHA-256. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
