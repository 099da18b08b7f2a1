import { createHmac, hkdfSync } from 'node:crypto';
import { SecretBoxInputError } from './crypto.errors.js';

/** Turns a value into the one spelling that is indexed: `normalize.email`, `.phoneMx`, `.rfc`. */
export type Normalizer = (value: string) => string;

/**
 * Full HMAC-SHA256 output, stored as `bytea`: the index enforces uniqueness, so it must not have
 * deliberate collisions (CipherSweet-style truncation would make two clients "the same email").
 * 32 raw bytes rather than 64 hex characters: half the size in the row and in the btree.
 */
export const BLIND_INDEX_BYTES = 32;

// Names the table and column it indexes, e.g. `clients.email`; part of the key derivation.
const PURPOSE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function checkPurpose(purpose: string): string {
  if (typeof purpose !== 'string' || !PURPOSE.test(purpose))
    throw new SecretBoxInputError('purpose must be a lower-case name such as clients.email');
  return purpose;
}

/**
 * HMAC-SHA256 under a key derived for this purpose from the tenant's blind-index root key
 * (HKDF-SHA256, info = `boveda:blind-index:v1:<purpose>`). Different purposes get unrelated keys,
 * so an email's index value never matches a phone index, and a tenant's key never leaves it.
 */
export function computeBlindIndex(rootKey: Buffer, purpose: string, value: string, normalize: Normalizer) {
  const normalized = normalize(value);
  if (typeof normalized !== 'string' || normalized.length === 0)
    throw new SecretBoxInputError('the value is empty once normalized: index null instead');
  const key = Buffer.from(
    hkdfSync('sha256', rootKey, Buffer.alloc(0), `boveda:blind-index:v1:${purpose}`, BLIND_INDEX_BYTES),
  );
  return createHmac('sha256', key).update(normalized, 'utf8').digest();
}
