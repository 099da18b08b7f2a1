import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import { clientFolder } from './client-folder.js';

/** The three pieces of an e.firma, each sealed and stored as its own object. */
export const EFIRMA_ITEMS = ['cer', 'key', 'password'] as const;
export type EfirmaItem = (typeof EFIRMA_ITEMS)[number];

export interface EfirmaMaterial {
  certificateDer: Buffer;
  privateKeyDer: Buffer;
  password: string;
}

export function efirmaObjectKey(tenantId: string, rfc: string, item: EfirmaItem): string {
  return `${clientFolder(tenantId, rfc)}certificados/efirma.${item}.enc`;
}

/** AAD binds each ciphertext to its taxpayer and item: a swapped or moved object does not open. */
const aadOf = (taxpayerId: string, item: EfirmaItem) => `taxpayer:${taxpayerId}:efirma-${item}`;

export function createEfirmaVault(deps: { storage: ObjectStore; secretBox: SecretBox }) {
  const { storage, secretBox } = deps;

  async function sealAll(tenantId: string, taxpayerId: string, m: EfirmaMaterial) {
    const plain: Record<EfirmaItem, Buffer> = {
      cer: m.certificateDer,
      key: m.privateKeyDer,
      password: Buffer.from(m.password, 'utf8'),
    };
    const sealed = {} as Record<EfirmaItem, Buffer>;
    for (const item of EFIRMA_ITEMS)
      sealed[item] = await secretBox.encrypt(tenantId, aadOf(taxpayerId, item), plain[item]);
    return sealed;
  }

  async function remove(tenantId: string, rfc: string): Promise<void> {
    for (const item of EFIRMA_ITEMS) await storage.delete(efirmaObjectKey(tenantId, rfc, item));
  }

  return {
    /** Encrypts first, then writes; a failed write removes what was written. */
    async store(tenantId: string, taxpayerId: string, rfc: string, material: EfirmaMaterial): Promise<void> {
      const sealed = await sealAll(tenantId, taxpayerId, material);
      try {
        for (const item of EFIRMA_ITEMS) {
          await storage.put(efirmaObjectKey(tenantId, rfc, item), sealed[item], {
            contentType: 'application/octet-stream',
          });
        }
      } catch (err) {
        await remove(tenantId, rfc).catch(() => {});
        throw err;
      }
    },

    /** Each of the three decryptions is recorded with `reader` (the secret box's access log). */
    async open(tenantId: string, taxpayerId: string, rfc: string, reader: Reader): Promise<EfirmaMaterial> {
      const read = async (item: EfirmaItem) =>
        secretBox.decrypt(
          tenantId,
          aadOf(taxpayerId, item),
          await storage.getBuffer(efirmaObjectKey(tenantId, rfc, item)),
          reader,
        );
      const [certificateDer, privateKeyDer, password] = [
        await read('cer'),
        await read('key'),
        await read('password'),
      ];
      return { certificateDer, privateKeyDer, password: password.toString('utf8') };
    },

    /** Idempotent: erases whatever is left of the material. */
    remove,
  };
}

export type EfirmaVault = ReturnType<typeof createEfirmaVault>;
