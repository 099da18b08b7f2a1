import { type InvoiceStatus, invoiceStateChanged } from '@boveda/contracts';
import type { Tx } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import { normalizeDecimal } from '../cfdi/index.js';
import type { InvoiceRow } from './inbox.repository.js';

/** NUMERIC(24,6) reads back as '1160.000000'; events carry the amount as written: '1160'. */
const amount = (v: string | null) => (v === null ? null : normalizeDecimal(v, 0));

/** The fields every invoice event starts with. */
export const eventHeader = (row: InvoiceRow) => ({
  invoiceId: row.id,
  fileName: row.fileName,
  uuid: row.uuid,
  emisorRfc: row.emisorRfc,
  receptorRfc: row.receptorRfc,
  total: amount(row.total),
});

/** Announces a move (or an arrival: `from` null) in the transaction that made it. */
export async function announceMove(events: Events, tx: Tx, from: InvoiceStatus | null, after: InvoiceRow) {
  await events.publish(
    tx,
    invoiceStateChanged,
    { ...eventHeader(after), from, to: after.status, version: after.version },
    { tenantId: after.tenantId },
  );
}
