import type { Db } from '../../platform/db/client.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import type { VaultPort } from './inbox.ports.js';
import { createInboxRepository } from './inbox.repository.js';

/**
 * The `inbox.register-in-vault` job: a confirmed invoice that came with its XML joins the vault, so
 * the explorer, exports and the original-XML download know it like a CFDI from the SAT. Idempotent:
 * the vault keeps one copy per UUID, and a registered invoice is skipped.
 */
export function createVaultRegistration(deps: { db: Db; storage: ObjectStore; vault: VaultPort }) {
  const repo = createInboxRepository(deps.db);
  return async ({ tenantId, invoiceId }: { tenantId: string; invoiceId: string }) => {
    const row = await repo.get(tenantId, invoiceId);
    if (!row || row.status !== 'processed' || row.registeredInVaultAt) return { skipped: true };
    const xml = (await repo.files(tenantId, invoiceId)).find((f) => f.kind === 'xml');
    if (!xml) return { skipped: true };
    const registered = await deps.vault.register({
      tenantId,
      xml: await deps.storage.getBuffer(xml.storageKey),
      objectKey: xml.storageKey,
    });
    await repo.markRegistered(tenantId, invoiceId);
    return registered;
  };
}
