import {
  clientCreateBody,
  clientListQuery,
  clientPage,
  clientUpdateBody,
  clientView,
  idParams,
  orderListQuery,
  orderPage,
} from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { afterTimeId, timeIdPage } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf, readerOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { Caller, ClientsService } from './clients.service.js';
import { toClientView } from './clients.service.js';
import { toOrderView } from './order-views.js';
import type { OrdersService } from './orders.service.js';

const tags = ['clients'];
const notFound = ['CLIENT_NOT_FOUND'] as const;
export const callerOf = (req: FastifyRequest): Caller => ({ actor: actorOf(req), reader: readerOf(req) });

/**
 * `/api/v1/clients`: viewers read (each read of personal data is recorded), members create and
 * change, admins delete. The original API's `PUT` is kept beside `PATCH`.
 */
export function registerClientRoutes(
  app: HttpServer,
  deps: { clients: ClientsService; orders: OrdersService; guard: Guard },
) {
  const { clients, orders, guard } = deps;

  app.get(
    '/api/v1/clients',
    {
      schema: {
        operationId: 'listClients',
        tags,
        summary:
          'Clients, newest first, with their order counts (email shown; phone and address in the detail)',
        querystring: clientListQuery,
        response: { 200: clientPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer', { scope: 'clients:read' }),
    },
    async (req) => {
      const { limit, cursor } = req.query;
      const rows = await clients.list(
        identityOf(req).tenantId,
        req.query,
        { limit: limit + 1, ...afterTimeId(cursor) },
        readerOf(req),
      );
      return timeIdPage(
        rows,
        limit,
        (r) => ({ at: r.row.createdAt, id: r.row.id }),
        (r) => {
          const {
            phone: _p,
            address: _a,
            ...item
          } = toClientView(r.row, { email: r.email, phone: null, address: null });
          return item;
        },
      );
    },
  );

  app.post(
    '/api/v1/clients',
    {
      schema: {
        operationId: 'createClient',
        tags,
        summary: 'Create a client (email unique in the organization, whatever its case or spaces)',
        body: clientCreateBody,
        response: { 201: clientView },
        errors: ['CLIENT_EMAIL_TAKEN'],
      },
      preHandler: guard('member', { scope: 'clients:write' }),
    },
    async (req, reply) =>
      reply.status(201).send(await clients.create(identityOf(req).tenantId, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/clients/:id',
    {
      schema: {
        operationId: 'getClient',
        tags,
        summary: 'One client with its personal data (the read is recorded in the audit trail)',
        params: idParams,
        response: { 200: clientView },
        errors: [...notFound],
      },
      preHandler: guard('viewer', { scope: 'clients:read' }),
    },
    async (req) => clients.get(identityOf(req).tenantId, req.params.id, readerOf(req)),
  );

  for (const method of ['patch', 'put'] as const)
    app[method](
      '/api/v1/clients/:id',
      {
        schema: {
          operationId: method === 'patch' ? 'updateClient' : 'replaceClient',
          tags,
          summary:
            method === 'patch'
              ? 'Change some fields of a client'
              : "Change a client with all its fields (the original API's update)",
          params: idParams,
          body: method === 'patch' ? clientUpdateBody : clientCreateBody,
          response: { 200: clientView },
          errors: [...notFound, 'CLIENT_EMAIL_TAKEN'],
        },
        preHandler: guard('member', { scope: 'clients:write' }),
      },
      async (req) => clients.update(identityOf(req).tenantId, req.params.id, callerOf(req), req.body),
    );

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const)
    app.post(
      `/api/v1/clients/:id/${path}`,
      {
        schema: {
          operationId: archived ? 'archiveClient' : 'unarchiveClient',
          tags,
          summary: archived
            ? 'Archive a client: hidden from lists and new orders, its orders kept'
            : 'Bring an archived client back',
          params: idParams,
          response: { 200: clientView },
          errors: [...notFound],
        },
        preHandler: guard('member', { scope: 'clients:write' }),
      },
      async (req) => clients.setArchived(identityOf(req).tenantId, req.params.id, callerOf(req), archived),
    );

  app.delete(
    '/api/v1/clients/:id',
    {
      schema: {
        operationId: 'deleteClient',
        tags,
        summary: 'Delete a client without orders (one with orders is archived instead)',
        params: idParams,
        response: { 204: noContent('Deleted') },
        errors: [...notFound, 'CLIENT_HAS_ORDERS'],
      },
      preHandler: guard('admin', { scope: 'clients:write' }),
    },
    async (req, reply) => {
      await clients.delete(identityOf(req).tenantId, req.params.id, callerOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/clients/:id/orders',
    {
      schema: {
        operationId: 'listClientOrders',
        tags,
        summary: "A client's orders, newest first",
        params: idParams,
        querystring: orderListQuery.omit({ clientId: true }),
        response: { 200: orderPage },
        errors: [...notFound, 'INVALID_CURSOR'],
      },
      preHandler: guard('viewer', { scope: 'orders:read' }),
    },
    async (req) => {
      const tenantId = identityOf(req).tenantId;
      await clients.fiscalData(tenantId, req.params.id);
      const { limit, cursor, status, q } = req.query;
      const rows = await orders.list(
        tenantId,
        { clientId: req.params.id, ...(status ? { status } : {}), ...(q ? { q } : {}) },
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
}
