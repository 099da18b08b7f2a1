import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { KEY_BYTES } from './aes-gcm.js';
import { MasterKeyConfigError } from './crypto.errors.js';

export interface MasterKey {
  /** First 16 hex chars of sha256(key): identifies the key without revealing it. */
  readonly id: string;
  readonly key: Buffer;
  readonly createdAt: Date;
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * The key bytes are non-enumerable and hidden from JSON and util.inspect, so logging a keyring or
 * a key object by mistake prints only its id.
 */
export function masterKey(key: Buffer, createdAt: Date): MasterKey {
  if (key.length !== KEY_BYTES) throw new MasterKeyConfigError(`A master key must be ${KEY_BYTES} bytes`);
  const id = masterKeyId(key);
  const shown = { id, createdAt };
  const k = { id, createdAt } as MasterKey;
  Object.defineProperty(k, 'key', { value: key, enumerable: false });
  Object.defineProperty(k, 'toJSON', { value: () => shown, enumerable: false });
  Object.defineProperty(k, inspect.custom, { value: () => `MasterKey(${id})`, enumerable: false });
  return k;
}

/** Decodes a base64 master key (as given in BOVEDA_MASTER_KEY); the message never echoes the value. */
export function masterKeyFromBase64(value: string, what: string, createdAt = new Date(0)): MasterKey {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new MasterKeyConfigError(`${what} must be ${KEY_BYTES} bytes, base64-encoded`);
  }
  return masterKey(key, createdAt);
}
