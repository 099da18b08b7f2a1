import {
  canTransition,
  type EventActor,
  type OrderStatus,
  orderStatusChanged,
  orderTransitions,
} from '@boveda/contracts';
import type { Tx } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Events } from '../../platform/events/index.js';
import type { Caller } from './clients.service.js';
import { createOrdersRepository, type NewOrder, type OrderRow } from './orders.repository.js';

export const eventActorOf = (caller: Caller): EventActor => ({
  type: caller.actor.type === 'cli' ? 'system' : caller.actor.type,
  id: caller.actor.id ?? null,
  label: caller.actor.label ?? caller.actor.type,
});

export const requestIdOf = (caller: Caller) =>
  'requestId' in caller.reader ? caller.reader.requestId : null;

/** 409 with the allowed next states when the table has no `from → to`. */
export function assertTransition(from: OrderStatus, to: OrderStatus) {
  if (!canTransition(from, to))
    throw appError('ORDER_TRANSITION_NOT_ALLOWED', `An order in ${from} cannot move to ${to}.`, {
      params: { from, to, allowed: [...orderTransitions[from]] },
    });
}

/**
 * One step of an order's life, in the caller's transaction on the locked row: the table is checked,
 * the row updated with the step's side fields, the step written to the order's history and
 * announced. Every status change goes through here.
 */
export async function applyTransition(
  tx: Tx,
  events: Events,
  order: OrderRow,
  client: { name: string },
  to: OrderStatus,
  caller: Caller,
  extra: { patch?: Partial<NewOrder>; note?: string | null } = {},
): Promise<OrderRow> {
  assertTransition(order.status, to);
  const repo = createOrdersRepository(tx.db);
  const at = new Date();
  const dated: Partial<NewOrder> =
    to === 'shipped'
      ? { shippedAt: at, lines: order.lines.map((l) => ({ ...l, shippedQuantity: l.quantity })) }
      : to === 'delivered'
        ? { deliveredAt: at }
        : to === 'cancelled'
          ? { cancelledAt: at }
          : to === 'returned'
            ? { returnedAt: at }
            : {};
  const updated = await repo.update(order.id, { ...dated, ...extra.patch, status: to });
  await repo.addTransition({
    tenantId: order.tenantId,
    orderId: order.id,
    fromStatus: order.status,
    toStatus: to,
    actorType: caller.actor.type,
    actorId: caller.actor.id ?? null,
    actorLabel: caller.actor.label ?? null,
    note: extra.note ?? null,
    requestId: requestIdOf(caller),
    createdAt: at,
  });
  await events.publish(
    tx,
    orderStatusChanged,
    {
      orderId: order.id,
      number: order.number,
      clientId: order.clientId,
      clientName: client.name,
      from: order.status,
      to,
      changedAt: at.toISOString(),
    },
    { tenantId: order.tenantId, actor: eventActorOf(caller), requestId: requestIdOf(caller) },
  );
  return updated;
}
