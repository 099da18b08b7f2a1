import {
  type OrderStatus,
  type orderCreateBody,
  orderCreated,
  type orderLegacyUpdateBody,
  type orderStatusBody,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Events } from '../../platform/events/index.js';
import { type AuditRecorder, changesOf } from '../audit/index.js';
import { createClientsRepository } from './clients.repository.js';
import type { Caller, ClientsService } from './clients.service.js';
import { storedTaxes, totalsOf } from './order-amounts.js';
import { applyTransition, assertTransition, eventActorOf, requestIdOf } from './order-steps.js';
import { toOrderView } from './order-views.js';
import { createOrdersRepository, type OrderRow } from './orders.repository.js';
import type { StoredLine } from './orders.schema.js';
import type { ReturnsService } from './returns.service.js';

type Page = { limit: number; after?: { createdAt: Date; id: string } };

/**
 * Orders: created for an existing client with their lines and totals, then moved one step at a
 * time through the transition table (`order-steps.ts`), each step recorded with who and when.
 */
export function createOrdersService(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  audit: AuditRecorder;
  clients: Pick<ClientsService, 'forOrder'>;
  returns: Pick<ReturnsService, 'returnEverything'>;
}) {
  const repo = createOrdersRepository(deps.db);

  async function found(tenantId: string, number: string) {
    const row = await repo.byNumber(tenantId, number);
    if (!row) throw appError('ORDER_NOT_FOUND');
    return row;
  }

  async function view(row: OrderRow) {
    const [client, history] = await Promise.all([repo.clientSummary(row.clientId), repo.history(row.id)]);
    return toOrderView(row, client, history);
  }

  function record(tenantId: string, caller: Caller, action: string, row: OrderRow, metadata: object) {
    return deps.audit.record({
      tenantId,
      actor: caller.actor,
      action,
      target: { type: 'order', id: row.id },
      metadata: { number: row.number, ...metadata, requestId: requestIdOf(caller) },
    });
  }

  /** A status change under the row lock; `returned` returns every unit still out. */
  async function changeStatus(
    tenantId: string,
    number: string,
    caller: Caller,
    body: z.output<typeof orderStatusBody>,
  ) {
    if (body.status === 'returned') {
      const current = await found(tenantId, number);
      if (current.status === 'returned') return view(current);
      await deps.returns.returnEverything(tenantId, number, caller, {
        reasonCode: body.reasonCode,
        note: body.returnReason ?? body.note ?? null,
      });
      return view(await found(tenantId, number));
    }
    const { before, after } = await deps.transaction(async (tx) => {
      const order = await createOrdersRepository(tx.db).byNumber(tenantId, number, { forUpdate: true });
      if (!order) throw appError('ORDER_NOT_FOUND');
      if (order.status === body.status) return { before: order, after: order };
      assertTransition(order.status, body.status);
      const client = await createOrdersRepository(tx.db).clientSummary(order.clientId);
      const patch =
        body.status === 'shipped'
          ? {
              carrier: body.carrier ?? order.carrier,
              trackingNumber: body.trackingNumber ?? order.trackingNumber,
            }
          : body.status === 'cancelled'
            ? { cancelReason: body.cancelReason ?? body.note ?? null }
            : {};
      const after = await applyTransition(tx, deps.events, order, client, body.status, caller, {
        patch,
        note: body.note ?? body.cancelReason ?? null,
      });
      return { before: order, after };
    });
    if (before.status !== after.status)
      await record(tenantId, caller, 'order.status_changed', after, {
        changes: { status: { before: before.status, after: after.status } },
      });
    return view(after);
  }

  return {
    view,
    changeStatus,

    async create(tenantId: string, caller: Caller, body: z.output<typeof orderCreateBody>) {
      const client = await deps.clients.forOrder(tenantId, body.clientId);
      const lines: StoredLine[] = body.lines.map((l) => ({
        sku: l.sku,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxes: storedTaxes(l.taxes),
        productCode: l.productCode ?? '01010101',
        unitCode: l.unitCode ?? 'H87',
        shippedQuantity: 0,
        returnedQuantity: 0,
      }));
      const totals = totalsOf(lines.map((line) => ({ line, quantity: line.quantity })));
      const id = crypto.randomUUID();
      const now = new Date();
      const row = await deps.transaction(async (tx) => {
        const orders = createOrdersRepository(tx.db);
        const created = await orders.insert({
          id,
          tenantId,
          number: body.number,
          clientId: client.id,
          lines,
          ...totals,
          notes: body.notes ?? null,
          createdBy: caller.actor.label ?? null,
          createdAt: now,
          updatedAt: now,
        });
        if (!created) throw appError('ORDER_NUMBER_TAKEN');
        await createClientsRepository(tx.db).addOrders(tenantId, client.id, 1);
        await orders.addTransition({
          tenantId,
          orderId: id,
          fromStatus: null,
          toStatus: 'received',
          actorType: caller.actor.type,
          actorId: caller.actor.id ?? null,
          actorLabel: caller.actor.label ?? null,
          requestId: requestIdOf(caller),
          createdAt: now,
        });
        await deps.events.publish(
          tx,
          orderCreated,
          {
            orderId: id,
            number: created.number,
            clientId: client.id,
            clientName: client.name,
            status: created.status,
            lineCount: lines.length,
            total: created.total,
            createdAt: now.toISOString(),
          },
          { tenantId, actor: eventActorOf(caller), requestId: requestIdOf(caller) },
        );
        return created;
      });
      await record(tenantId, caller, 'order.created', row, {
        client: client.id,
        lines: lines.length,
        total: row.total,
      });
      return view(row);
    },

    async get(tenantId: string, number: string) {
      return view(await found(tenantId, number));
    },

    async list(
      tenantId: string,
      filter: { status?: OrderStatus; clientId?: string; q?: string },
      page: Page,
    ) {
      return repo.list(tenantId, filter, page);
    },

    /** The original API's `PUT`: notes, and a status (`returned` with its free-text reason). */
    async legacyUpdate(
      tenantId: string,
      number: string,
      caller: Caller,
      body: z.output<typeof orderLegacyUpdateBody>,
    ) {
      let row = await found(tenantId, number);
      if (body.notes !== undefined && body.notes !== row.notes) {
        const before = row.notes;
        row = await repo.update(row.id, { notes: body.notes });
        await record(tenantId, caller, 'order.updated', row, {
          changes: changesOf({ notes: before }, { notes: row.notes }),
        });
      }
      if (body.status && body.status !== row.status)
        return changeStatus(tenantId, number, caller, {
          status: body.status,
          returnReason: body.returnReason ?? body.return_reason ?? null,
        });
      return view(row);
    },

    /** Only an order that never moved and was never invoiced; anything else is cancelled. */
    async delete(tenantId: string, number: string, caller: Caller) {
      const row = await deps.transaction(async (tx) => {
        const orders = createOrdersRepository(tx.db);
        const order = await orders.byNumber(tenantId, number, { forUpdate: true });
        if (!order) throw appError('ORDER_NOT_FOUND');
        if (order.status !== 'received' || order.invoiceId) throw appError('ORDER_NOT_DELETABLE');
        await orders.delete(order.id);
        await createClientsRepository(tx.db).addOrders(tenantId, order.clientId, -1);
        return order;
      });
      await record(tenantId, caller, 'order.deleted', row, { total: row.total });
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
