import {
  orderReturned,
  type ReturnReasonCode,
  type returnCreateBody,
  returnReasonCodes,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Events } from '../../platform/events/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { Caller } from './clients.service.js';
import { totalsOf } from './order-amounts.js';
import { applyTransition, assertTransition, eventActorOf, requestIdOf } from './order-steps.js';
import { toReturnView } from './order-views.js';
import { createOrdersRepository, type OrderRow, type ReturnRow } from './orders.repository.js';
import type { StoredReturnItem } from './orders.schema.js';

type Page = { limit: number; after?: { createdAt: Date; id: string } };
type ReturnInput = z.output<typeof returnCreateBody>;

/** What the invoicing side does when a return is recorded on an invoiced order. */
export interface CreditNotes {
  /** In the return's transaction: issue it now (invoice stamped) or mark it pending (being stamped). */
  forReturn(tx: Tx, order: OrderRow, ret: ReturnRow, caller: Caller): Promise<void>;
}

/**
 * Returns: units of a shipped or delivered order that came back, never more than went out and have
 * not come back already. All units back makes the order `returned`; fewer leave it where it was,
 * marked partially returned. An invoiced order's return gets its credit note.
 */
export function createReturnsService(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  audit: AuditRecorder;
  creditNotes: CreditNotes;
}) {
  const repo = createOrdersRepository(deps.db);

  async function create(tenantId: string, number: string, caller: Caller, input: ReturnInput) {
    const { order, ret, fully } = await deps.transaction(async (tx) => {
      const orders = createOrdersRepository(tx.db);
      const order = await orders.byNumber(tenantId, number, { forUpdate: true });
      if (!order) throw appError('ORDER_NOT_FOUND');
      if (order.status !== 'shipped' && order.status !== 'delivered')
        throw appError('RETURN_ORDER_NOT_SHIPPED', `The order is ${order.status}.`, {
          params: { status: order.status },
        });
      const lines = order.lines.map((l) => ({ ...l }));
      const items: StoredReturnItem[] = input.items.map((item) => {
        const line = lines.find((l) => l.sku === item.sku);
        if (!line)
          throw appError('RETURN_SKU_UNKNOWN', `The order has no line ${item.sku}.`, {
            params: { sku: item.sku },
          });
        const available = line.shippedQuantity - line.returnedQuantity;
        if (item.quantity > available)
          throw appError(
            'RETURN_QUANTITY_EXCEEDED',
            `${available} unit(s) of ${item.sku} can still come back.`,
            {
              params: { sku: item.sku, available },
            },
          );
        line.returnedQuantity += item.quantity;
        return {
          sku: line.sku,
          description: line.description,
          quantity: item.quantity,
          receivedQuantity: item.receivedQuantity ?? item.quantity,
          damagedQuantity: item.damagedQuantity,
          total: totalsOf([{ line, quantity: item.quantity }]).total,
        };
      });
      const total = totalsOf(
        items.map((i) => ({ line: lines.find((l) => l.sku === i.sku)!, quantity: i.quantity })),
      ).total;
      const fully = lines.every((l) => l.returnedQuantity >= l.shippedQuantity);
      const seq = order.returnCount + 1;
      const now = new Date();
      const ret = await orders.insertReturn({
        id: crypto.randomUUID(),
        tenantId,
        orderId: order.id,
        number: `${order.number}-D${seq}`,
        reasonCode: input.reasonCode,
        note: input.note,
        items,
        total,
        returnedAt: input.returnedAt ? new Date(input.returnedAt) : now,
        createdBy: caller.actor.label ?? null,
        createdAt: now,
      });
      const client = await orders.clientSummary(order.clientId);
      const returnedTotal = totalsOf(lines.map((line) => ({ line, quantity: line.returnedQuantity }))).total;
      const patch = {
        lines,
        returnCount: seq,
        returnedTotal,
        returnStatus: fully ? 'returned' : 'partially_returned',
      } as const;
      const updated = fully
        ? await applyTransition(tx, deps.events, order, client, 'returned', caller, {
            patch: { ...patch, returnedAt: ret.returnedAt },
            note: `${ret.number}: ${input.note}`,
          })
        : await orders.update(order.id, patch);
      await deps.events.publish(
        tx,
        orderReturned,
        {
          orderId: order.id,
          number: order.number,
          clientId: order.clientId,
          clientName: client.name,
          returnId: ret.id,
          returnNumber: ret.number,
          reasonCode: ret.reasonCode,
          items: items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
          total,
          fullyReturned: fully,
          returnedAt: ret.returnedAt.toISOString(),
        },
        { tenantId, actor: eventActorOf(caller), requestId: requestIdOf(caller) },
      );
      await deps.creditNotes.forReturn(tx, updated, ret, caller);
      return { order: updated, ret: (await orders.returnsOf(order.id)).find((r) => r.id === ret.id)!, fully };
    });
    await deps.audit.record({
      tenantId,
      actor: caller.actor,
      action: 'order.returned',
      target: { type: 'order', id: order.id },
      metadata: {
        number: order.number,
        return: ret.number,
        reasonCode: ret.reasonCode,
        items: ret.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
        total: ret.total,
        fullyReturned: fully,
        requestId: requestIdOf(caller),
      },
    });
    return toReturnView(ret, order.number, await repo.clientSummary(order.clientId));
  }

  return {
    create,

    /**
     * `PATCH {status: "returned"}` and the original `PUT` with `return_reason`: every unit still
     * out comes back at once, with a catalogue reason (`other` for the original's free text).
     */
    async returnEverything(
      tenantId: string,
      number: string,
      caller: Caller,
      reason: { reasonCode?: string | undefined; note: string | null },
    ) {
      const order = await repo.byNumber(tenantId, number);
      if (!order) throw appError('ORDER_NOT_FOUND');
      // A status change first (409 with the allowed states): returned only from shipped or delivered.
      assertTransition(order.status, 'returned');
      const code = reason.reasonCode?.trim();
      if (!code && !reason.note) throw appError('RETURN_REASON_REQUIRED');
      if (code && !(returnReasonCodes as readonly string[]).includes(code))
        throw appError('VALIDATION_FAILED', `reasonCode: one of ${returnReasonCodes.join(', ')}`, {
          errors: [
            {
              path: 'body.reasonCode',
              code: 'invalid_enum',
              params: { allowed: [...returnReasonCodes] },
              message: `one of ${returnReasonCodes.join(', ')}`,
            },
          ],
        });
      const items = order.lines
        .map((l) => ({ sku: l.sku, quantity: l.shippedQuantity - l.returnedQuantity, damagedQuantity: 0 }))
        .filter((i) => i.quantity > 0);
      return create(tenantId, number, caller, {
        reasonCode: (code ?? 'other') as ReturnReasonCode,
        note: reason.note ?? code!,
        items,
      });
    },

    async listOf(tenantId: string, number: string) {
      const order = await repo.byNumber(tenantId, number);
      if (!order) throw appError('ORDER_NOT_FOUND');
      const [client, rets] = await Promise.all([
        repo.clientSummary(order.clientId),
        repo.returnsOf(order.id),
      ]);
      return rets.map((r) => toReturnView(r, order.number, client)).reverse();
    },

    list(tenantId: string, filter: { reasonCode?: ReturnReasonCode; clientId?: string }, page: Page) {
      return repo.listReturns(tenantId, filter, page);
    },
  };
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
