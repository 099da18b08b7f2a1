import { randomUUID } from 'node:crypto';
import { invoiceFailed } from '@boveda/contracts';
import type { Tx } from '../../../platform/db/transaction.js';
import type { Events } from '../../../platform/events/index.js';

/**
 * Publishes inbox failures (`inbox.invoice.failed` → `document.failed`) the way the inbox does: in
 * a transaction, through the outbox. One per file name, for tests and the benchmark.
 */
export async function publishFailedDocuments(
  events: Events,
  tx: Tx,
  tenantId: string,
  fileNames: readonly string[],
): Promise<void> {
  for (const fileName of fileNames)
    await events.publish(
      tx,
      invoiceFailed,
      {
        invoiceId: randomUUID(),
        fileName,
        uuid: null,
        emisorRfc: 'EKU9003173C9',
        receptorRfc: null,
        total: '1160.00',
        code: 'EXTRACTION_UNREADABLE',
        message: 'Nothing could be read.',
      },
      { tenantId, actor: { type: 'system', label: 'test' } },
    );
}
