import {
  type orderInvoiceBody,
  orderInvoiced,
  type PacInvoiceCreateBody,
  type pacInvoiceFailed,
  type pacInvoiceStamped,
  type SystemActorLabel,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Events } from '../../platform/events/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { PacInvoicesService } from '../pac/index.js';
import type { Caller } from './clients.service.js';
import { requestIdOf } from './order-steps.js';
import { createOrdersRepository, type OrderRow, type ReturnRow } from './orders.repository.js';
import type { InvoicingTerms, StoredLine } from './orders.schema.js';
import type { CreditNotes } from './returns.service.js';

type StampedEvent = z.output<typeof pacInvoiceStamped.schema>;
type FailedEvent = z.output<typeof pacInvoiceFailed.schema>;

const TAX_CODES = { ISR: '001', IVA: '002', IEPS: '003' } as const;
/** Who issues what nobody asked for in a request: the credit note of a return made before the stamp. */
const SYSTEM: Caller = {
  actor: { type: 'system', label: 'orders' satisfies SystemActorLabel },
  reader: { type: 'cli', label: 'orders' satisfies SystemActorLabel, command: 'credit-note' },
};

/** CFDI concepts for some units of some lines: their keys, price and taxes as ordered. */
function conceptos(parts: { line: StoredLine; quantity: number }[]): PacInvoiceCreateBody['conceptos'] {
  return parts.map(({ line, quantity }) => {
    const tax = (t: StoredLine['taxes'][number]) => ({
      impuesto: TAX_CODES[t.type],
      tipoFactor: t.exempt ? ('Exento' as const) : ('Tasa' as const),
      ...(t.exempt ? {} : { tasa: t.rate ?? '0.000000' }),
    });
    return {
      claveProdServ: line.productCode,
      claveUnidad: line.unitCode,
      cantidad: String(quantity),
      descripcion: line.description,
      valorUnitario: line.unitPrice,
      objetoImp: line.taxes.length > 0 ? ('02' as const) : ('01' as const),
      traslados: line.taxes.filter((t) => !t.withheld).map(tax),
      retenciones: line.taxes.filter((t) => t.withheld).map(tax),
    };
  });
}

/**
 * Invoicing of orders through the PAC module: the order's invoice (ingreso) from its lines net of
 * what already came back, and for each return of an invoiced order a credit note (egreso, relation
 * 03 "devolución de mercancías") for the returned units, issued in the return's transaction, or
 * when the invoice's stamp arrives (`pac.invoice.stamped`). The UUIDs come back by events.
 */
export function createOrderInvoicing(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  audit: AuditRecorder;
  pacInvoices: Pick<PacInvoicesService, 'create'>;
  fiscalDataOf: (
    tenantId: string,
    clientId: string,
  ) => Promise<{
    name: string;
    rfc: string | null;
    fiscalRegime: string | null;
    postalCode: string | null;
    cfdiUse: string | null;
  }>;
}) {
  async function issueCreditNote(tx: Tx, order: OrderRow, ret: ReturnRow, caller: Caller) {
    const terms = order.invoicing!;
    const body: PacInvoiceCreateBody = {
      issuerRfc: terms.issuerRfc,
      tipo: 'E',
      receptor: { ...terms.receptor, usoCfdi: 'G02' },
      metodoPago: 'PUE',
      // A credit note is paid in some form: the invoice's, or 15 (condonación) when it was "por definir".
      formaPago: terms.formaPago === '99' ? '15' : terms.formaPago,
      moneda: 'MXN',
      conceptos: conceptos(
        ret.items.map((i) => ({ line: order.lines.find((l) => l.sku === i.sku)!, quantity: i.quantity })),
      ),
      relacionados: { tipoRelacion: '03', uuids: [order.invoiceUuid!] },
    };
    const invoice = await deps.pacInvoices.create(order.tenantId, caller.actor, body, { tx });
    await createOrdersRepository(tx.db).updateReturn(ret.id, {
      creditNoteInvoiceId: invoice.id,
      creditNoteStatus: invoice.status,
      creditNotePending: false,
    });
  }

  const creditNotes: CreditNotes = {
    async forReturn(tx, order, ret, caller) {
      if (!order.invoiceId) return;
      // Not stamped yet, or failed (the PAC page may retry the same invoice): issued at the stamp.
      if (order.invoiceStatus === 'stamped' && order.invoiceUuid)
        await issueCreditNote(tx, order, ret, caller);
      else await createOrdersRepository(tx.db).updateReturn(ret.id, { creditNotePending: true });
    },
  };

  return {
    creditNotes,

    async invoice(tenantId: string, number: string, caller: Caller, body: z.output<typeof orderInvoiceBody>) {
      const order = await deps.transaction(async (tx) => {
        const orders = createOrdersRepository(tx.db);
        const order = await orders.byNumber(tenantId, number, { forUpdate: true });
        if (!order) throw appError('ORDER_NOT_FOUND');
        if (order.status === 'cancelled' || order.status === 'returned')
          throw appError('ORDER_NOT_INVOICEABLE');
        if (order.invoiceId && order.invoiceStatus !== 'failed') throw appError('ORDER_ALREADY_INVOICED');
        const client = await deps.fiscalDataOf(tenantId, order.clientId);
        if (!client.rfc || !client.fiscalRegime || !client.postalCode)
          throw appError('CLIENT_FISCAL_DATA_MISSING', undefined, {
            params: {
              missing: [
                ...(client.rfc ? [] : ['rfc']),
                ...(client.fiscalRegime ? [] : ['fiscalRegime']),
                ...(client.postalCode ? [] : ['postalCode']),
              ],
            },
          });
        // Units already back are not invoiced (their return needs no credit note).
        const parts = order.lines
          .map((line) => ({ line, quantity: line.quantity - line.returnedQuantity }))
          .filter((p) => p.quantity > 0);
        if (parts.length === 0) throw appError('ORDER_NOT_INVOICEABLE');
        const terms: InvoicingTerms = {
          issuerRfc: body.issuerRfc,
          formaPago: body.formaPago,
          metodoPago: body.metodoPago,
          ...(body.serie ? { serie: body.serie } : {}),
          receptor: {
            rfc: client.rfc,
            nombre: client.name,
            regimenFiscal: client.fiscalRegime,
            codigoPostal: client.postalCode,
            usoCfdi: body.usoCfdi ?? client.cfdiUse ?? 'G03',
          },
        };
        const invoice = await deps.pacInvoices.create(
          tenantId,
          caller.actor,
          {
            issuerRfc: terms.issuerRfc,
            tipo: 'I',
            ...(terms.serie ? { serie: terms.serie } : {}),
            receptor: terms.receptor,
            metodoPago: terms.metodoPago,
            formaPago: terms.formaPago,
            moneda: 'MXN',
            conceptos: conceptos(parts),
          },
          { tx },
        );
        // A new invoice leaves out what came back, so earlier returns need no credit note.
        for (const ret of await orders.returnsOf(order.id))
          if (ret.creditNotePending) await orders.updateReturn(ret.id, { creditNotePending: false });
        return orders.update(order.id, {
          invoiceId: invoice.id,
          invoiceStatus: invoice.status,
          invoiceUuid: null,
          invoicing: terms,
        });
      });
      await deps.audit.record({
        tenantId,
        actor: caller.actor,
        action: 'order.invoice_requested',
        target: { type: 'order', id: order.id },
        metadata: { number: order.number, invoiceId: order.invoiceId, requestId: requestIdOf(caller) },
      });
      return order;
    },

    /** The PAC stamped an invoice: if it is an order's or a return's, link its UUID and announce it. */
    async onStamped(tx: Tx, tenantId: string, e: StampedEvent) {
      const orders = createOrdersRepository(tx.db);
      const order = await orders.byInvoice(tenantId, e.invoiceId);
      if (order) {
        const updated = await orders.update(order.id, { invoiceStatus: 'stamped', invoiceUuid: e.uuid });
        await announce(tx, updated, e, null);
        for (const ret of await orders.returnsOf(order.id))
          if (ret.creditNotePending) await issueCreditNote(tx, updated, ret, SYSTEM);
        return;
      }
      const ret = await orders.returnByCreditNote(tenantId, e.invoiceId);
      if (!ret) return;
      await orders.updateReturn(ret.id, { creditNoteStatus: 'stamped', creditNoteUuid: e.uuid });
      const parent = await orders.byId(tenantId, ret.orderId);
      if (parent) await announce(tx, parent, e, ret.id);
    },

    /**
     * Stamping gave up: the order or return says so. Returns waiting on that invoice keep waiting:
     * a retry of the same invoice may stamp it; a new invoice of the order clears them.
     */
    async onFailed(tx: Tx, tenantId: string, e: FailedEvent) {
      const orders = createOrdersRepository(tx.db);
      const order = await orders.byInvoice(tenantId, e.invoiceId);
      if (order) {
        await orders.update(order.id, { invoiceStatus: 'failed' });
        return;
      }
      const ret = await orders.returnByCreditNote(tenantId, e.invoiceId);
      if (ret) await orders.updateReturn(ret.id, { creditNoteStatus: 'failed' });
    },
  };

  async function announce(tx: Tx, order: OrderRow, e: StampedEvent, returnId: string | null) {
    const client = await createOrdersRepository(tx.db).clientSummary(order.clientId);
    await deps.events.publish(
      tx,
      orderInvoiced,
      {
        orderId: order.id,
        number: order.number,
        clientId: order.clientId,
        clientName: client.name,
        invoiceId: e.invoiceId,
        uuid: e.uuid,
        tipo: e.tipo,
        returnId,
        total: e.total,
      },
      { tenantId: order.tenantId },
    );
  }
}

export type OrderInvoicing = ReturnType<typeof createOrderInvoicing>;
