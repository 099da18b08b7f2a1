import {
  orderCreateBody,
  orderInvoiceBody,
  orderLegacyUpdateBody,
  orderListQuery,
  orderNumberParams,
  orderPage,
  orderStatusBody,
  orderView,
  returnCreateBody,
  returnListQuery,
  returnPage,
  returnReasonCodes,
  returnReasonLabels,
  returnReasonView,
  returnView,
} from '@boveda/contracts';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { afterTimeId, timeIdPage } from '../../platform/http/cursors.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import { callerOf } from './clients.routes.js';
import type { OrderInvoicing } from './order-invoicing.js';
import { toOrderView, toReturnView } from './order-views.js';
import type { OrdersService } from './orders.service.js';
import type { ReturnsService } from './returns.service.js';

const tags = ['orders'];
const notFound = ['ORDER_NOT_FOUND'] as const;
const transition = [
  'ORDER_TRANSITION_NOT_ALLOWED',
  'RETURN_REASON_REQUIRED',
  'RETURN_ORDER_NOT_SHIPPED',
] as const;

/**
 * `/api/v1/orders`: viewers read; members create orders, move them, record returns and invoice;
 * admins delete. An order is addressed by its number, as in the original API.
 */
export function registerOrderRoutes(
  app: HttpServer,
  deps: { orders: OrdersService; returns: ReturnsService; invoicing: OrderInvoicing; guard: Guard },
) {
  const { orders, returns, invoicing, guard } = deps;

  app.get(
    '/api/v1/orders',
    {
      schema: {
        operationId: 'listOrders',
        tags,
        summary: 'Orders, newest first, with their client',
        querystring: orderListQuery,
        response: { 200: orderPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => {
      const { limit, cursor, status, clientId, q } = req.query;
      const rows = await orders.list(
        identityOf(req).tenantId,
        { ...(status ? { status } : {}), ...(clientId ? { clientId } : {}), ...(q ? { q } : {}) },
        { limit: limit + 1, ...afterTimeId(cursor) },
      );
      return timeIdPage(
        rows,
        limit,
        (r) => ({ at: r.order.createdAt, id: r.order.id }),
        (r) => toOrderView(r.order, r.client),
      );
    },
  );

  app.post(
    '/api/v1/orders',
    {
      schema: {
        operationId: 'createOrder',
        tags,
        summary: 'Create an order for an existing client, with its lines (status received)',
        body: orderCreateBody,
        response: { 201: orderView },
        errors: ['ORDER_NUMBER_TAKEN', 'CLIENT_UNKNOWN', 'CLIENT_ARCHIVED'],
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req, reply) =>
      reply.status(201).send(await orders.create(identityOf(req).tenantId, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/orders/returns',
    {
      schema: {
        operationId: 'listReturns',
        tags,
        summary: 'Returns of every order, newest first',
        querystring: returnListQuery,
        response: { 200: returnPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => {
      const { limit, cursor, reasonCode, clientId } = req.query;
      const rows = await returns.list(
        identityOf(req).tenantId,
        { ...(reasonCode ? { reasonCode } : {}), ...(clientId ? { clientId } : {}) },
        { limit: limit + 1, ...afterTimeId(cursor) },
      );
      return timeIdPage(
        rows,
        limit,
        (r) => ({ at: r.ret.createdAt, id: r.ret.id }),
        (r) => toReturnView(r.ret, r.orderNumber, r.client),
      );
    },
  );

  app.get(
    '/api/v1/orders/return-reasons',
    {
      schema: {
        operationId: 'listReturnReasons',
        tags,
        summary: 'The catalogue of return reasons (code and Spanish label)',
        response: { 200: z.array(returnReasonView) },
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async () => returnReasonCodes.map((code) => ({ code, label: returnReasonLabels[code] })),
  );

  app.get(
    '/api/v1/orders/:number',
    {
      schema: {
        operationId: 'getOrder',
        tags,
        summary: 'One order with its lines, totals, invoice and history',
        params: orderNumberParams,
        response: { 200: orderView },
        errors: [...notFound],
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => orders.get(identityOf(req).tenantId, req.params.number),
  );

  app.patch(
    '/api/v1/orders/:number',
    {
      schema: {
        operationId: 'changeOrderStatus',
        tags,
        summary:
          'Move an order one step (the transition table; 409 lists the allowed states). `returned` returns everything at once',
        params: orderNumberParams,
        body: orderStatusBody,
        response: { 200: orderView },
        errors: [...notFound, ...transition],
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req) => orders.changeStatus(identityOf(req).tenantId, req.params.number, callerOf(req), req.body),
  );

  app.put(
    '/api/v1/orders/:number',
    {
      schema: {
        operationId: 'updateOrder',
        tags,
        summary: "The original API's update: notes and status (`returned` with `return_reason`)",
        params: orderNumberParams,
        body: orderLegacyUpdateBody,
        response: { 200: orderView },
        errors: [...notFound, ...transition],
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req) => orders.legacyUpdate(identityOf(req).tenantId, req.params.number, callerOf(req), req.body),
  );

  app.delete(
    '/api/v1/orders/:number',
    {
      schema: {
        operationId: 'deleteOrder',
        tags,
        summary: 'Delete an order that was only received and never invoiced (otherwise cancel it)',
        params: orderNumberParams,
        response: { 204: noContent('Deleted') },
        errors: [...notFound, 'ORDER_NOT_DELETABLE'],
      },
      preHandler: guard('admin', { scope: 'orders:write' }),
    },
    async (req, reply) => {
      await orders.delete(identityOf(req).tenantId, req.params.number, callerOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/orders/:number/returns',
    {
      schema: {
        operationId: 'createReturn',
        tags,
        summary:
          'Record units that came back (never more than shipped and not yet returned); an invoiced order gets a credit note',
        params: orderNumberParams,
        body: returnCreateBody,
        response: { 201: returnView },
        errors: [
          ...notFound,
          'RETURN_ORDER_NOT_SHIPPED',
          'RETURN_QUANTITY_EXCEEDED',
          'RETURN_SKU_UNKNOWN',
          'PAC_INVOICE_INVALID',
          'PAC_ISSUER_UNKNOWN',
        ],
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await returns.create(identityOf(req).tenantId, req.params.number, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/orders/:number/returns',
    {
      schema: {
        operationId: 'listOrderReturns',
        tags,
        summary: "An order's returns, newest first",
        params: orderNumberParams,
        response: { 200: z.object({ items: z.array(returnView) }) },
        errors: [...notFound],
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => ({ items: await returns.listOf(identityOf(req).tenantId, req.params.number) }),
  );

  app.post(
    '/api/v1/orders/:number/invoice',
    {
      schema: {
        operationId: 'invoiceOrder',
        tags,
        summary: 'Invoice the order through the PAC (stamped by a job; the UUID arrives on the order)',
        params: orderNumberParams,
        body: orderInvoiceBody,
        response: { 202: orderView },
        errors: [
          ...notFound,
          'ORDER_ALREADY_INVOICED',
          'ORDER_NOT_INVOICEABLE',
          'CLIENT_FISCAL_DATA_MISSING',
          'PAC_INVOICE_INVALID',
          'PAC_ISSUER_UNKNOWN',
        ],
      },
      preHandler: guard('member', { scope: 'orders:write' }),
    },
    async (req, reply) => {
      const row = await invoicing.invoice(
        identityOf(req).tenantId,
        req.params.number,
        callerOf(req),
        req.body,
      );
      return reply.status(202).send(await orders.view(row));
    },
  );
}
