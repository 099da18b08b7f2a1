import { orderTransitions as allowed, type OrderView, type ReturnView } from '@boveda/contracts';
import { formatMoney } from '../../platform/money/index.js';
import { lineAmounts } from './order-amounts.js';
import type { OrderRow, ReturnRow, TransitionRow } from './orders.repository.js';

type ClientSummary = { id: string; name: string; rfc: string | null };
const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** numeric(18,2) arrives as text ("10.5" never: PostgreSQL keeps the scale), kept as is. */
const money = (v: string) => v;

export function toOrderView(row: OrderRow, client: ClientSummary, history: TransitionRow[] = []): OrderView {
  return {
    id: row.id,
    number: row.number,
    clientId: row.clientId,
    client,
    status: row.status,
    returnStatus: row.returnStatus,
    allowedNext: [...allowed[row.status]],
    lines: row.lines.map((l) => {
      const a = lineAmounts(l, l.quantity);
      return {
        sku: l.sku,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxes: a.taxes.map((t) => ({ ...t.tax, amount: formatMoney(t.amount) })),
        productCode: l.productCode,
        unitCode: l.unitCode,
        subtotal: formatMoney(a.subtotal),
        total: formatMoney(a.total),
        shippedQuantity: l.shippedQuantity,
        returnedQuantity: l.returnedQuantity,
      };
    }),
    currency: 'MXN',
    subtotal: money(row.subtotal),
    taxes: money(row.taxes),
    withheld: money(row.withheld),
    total: money(row.total),
    returnedTotal: money(row.returnedTotal),
    notes: row.notes,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    cancelReason: row.cancelReason,
    invoice:
      row.invoiceId && row.invoiceStatus
        ? { invoiceId: row.invoiceId, uuid: row.invoiceUuid, status: row.invoiceStatus }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    shippedAt: iso(row.shippedAt),
    deliveredAt: iso(row.deliveredAt),
    returnedAt: iso(row.returnedAt),
    cancelledAt: iso(row.cancelledAt),
    history: history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      at: h.createdAt.toISOString(),
      actor: h.actorLabel,
      note: h.note,
    })),
  };
}

export function toReturnView(ret: ReturnRow, orderNumber: string, client: ClientSummary): ReturnView {
  return {
    id: ret.id,
    number: ret.number,
    orderNumber,
    orderId: ret.orderId,
    client,
    reasonCode: ret.reasonCode,
    note: ret.note,
    items: ret.items,
    total: money(ret.total),
    returnedAt: ret.returnedAt.toISOString(),
    createdAt: ret.createdAt.toISOString(),
    createdBy: ret.createdBy,
    creditNote:
      ret.creditNoteInvoiceId && ret.creditNoteStatus
        ? { invoiceId: ret.creditNoteInvoiceId, uuid: ret.creditNoteUuid, status: ret.creditNoteStatus }
        : null,
    creditNotePending: ret.creditNotePending,
  };
}
