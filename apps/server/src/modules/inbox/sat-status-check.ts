import { invoiceSatStatusChecked } from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import type { SatStatusClient } from '../cfdi/index.js';
import { createInboxRepository } from './inbox.repository.js';
import { eventHeader } from './invoice-events.js';

/**
 * The `inbox.check-sat-status` job: asks the SAT's status service (ConsultaCFDIService) whether a
 * CFDI read from a PDF or a photo exists, is in force or cancelled, and whether its issuer is on the
 * EFOS list. Only for invoices the vault does not know (the vault's own copy has its status from
 * the SAT's metadata). Informational: it changes no value and no version, so it never makes a
 * person's pending edit conflict.
 */
export function createSatStatusCheck(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  satStatus: Pick<SatStatusClient, 'check'>;
}) {
  const repo = createInboxRepository(deps.db);
  return async ({ tenantId, invoiceId }: { tenantId: string; invoiceId: string }) => {
    const row = await repo.get(tenantId, invoiceId);
    if (!row || row.inVault || !row.uuid || !row.emisorRfc || !row.receptorRfc || row.total === null) {
      return { skipped: true };
    }
    if (row.status === 'failed' || row.status === 'rejected') return { skipped: true };
    const result = await deps.satStatus.check({
      uuid: row.uuid,
      rfcEmisor: row.emisorRfc,
      rfcReceptor: row.receptorRfc,
      total: row.total,
    });
    const satStatus = {
      estado: result.estado,
      cancelable: result.cancelable,
      cancellationStatus: result.cancellationStatus,
      efosListed: result.efos.listed,
      checkedAt: result.checkedAt.toISOString(),
    };
    await deps.transaction(async (tx) => {
      const updated = await createInboxRepository(tx.db).setSatStatus(tenantId, invoiceId, satStatus);
      if (!updated) return;
      await deps.events.publish(
        tx,
        invoiceSatStatusChecked,
        { ...eventHeader(updated), estado: satStatus.estado, efosListed: satStatus.efosListed },
        { tenantId },
      );
    });
    return satStatus;
  };
}
