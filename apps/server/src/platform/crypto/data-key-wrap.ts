import { open, seal } from './aes-gcm.js';
import type { TenantKeyKind } from './crypto.schema.js';
import type { MasterKey } from './master-key.js';

/**
 * A wrapped tenant key is AES-256-GCM(master key, tenant key) stored as iv || ciphertext || tag.
 * The associated data names the tenant, kind and version, so a wrapped key copied to another
 * tenant's row, another version, or from a blind-index row into a data-key row does not unwrap.
 * Data keys keep the AAD they had before kinds existed (`dk`), so existing rows still unwrap.
 */
const AAD_TAG: Record<TenantKeyKind, string> = { data: 'dk', 'blind-index': 'bik' };

function wrapAad(tenantId: string, kind: TenantKeyKind, version: number): Buffer {
  return Buffer.from(`tenant:${tenantId}:${AAD_TAG[kind]}:${version}`, 'utf8');
}

export interface TenantKeyId {
  tenantId: string;
  kind: TenantKeyKind;
  version: number;
}

export function wrapTenantKey(master: MasterKey, id: TenantKeyId, key: Buffer): Buffer {
  return seal(master.key, key, wrapAad(id.tenantId, id.kind, id.version));
}

export function unwrapTenantKey(master: MasterKey, id: TenantKeyId, wrapped: Buffer): Buffer | undefined {
  return open(master.key, wrapped, wrapAad(id.tenantId, id.kind, id.version));
}
