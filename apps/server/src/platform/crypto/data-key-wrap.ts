import { open, seal } from './aes-gcm.js';
import type { MasterKey } from './master-key.js';

/**
 * A wrapped data key is AES-256-GCM(master key, data key) stored as iv || ciphertext || tag.
 * The associated data names the tenant and version, so a wrapped key copied to another tenant's
 * row (or another version) does not unwrap.
 */
function wrapAad(tenantId: string, version: number): Buffer {
  return Buffer.from(`tenant:${tenantId}:dk:${version}`, 'utf8');
}

export function wrapDataKey(master: MasterKey, tenantId: string, version: number, dataKey: Buffer): Buffer {
  return seal(master.key, dataKey, wrapAad(tenantId, version));
}

export function unwrapDataKey(
  master: MasterKey,
  tenantId: string,
  version: number,
  wrapped: Buffer,
): Buffer | undefined {
  return open(master.key, wrapped, wrapAad(tenantId, version));
}
