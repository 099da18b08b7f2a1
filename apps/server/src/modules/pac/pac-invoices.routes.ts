import {
  idParams,
  pacCancelBody,
  pacInvoiceCreateBody,
  pacInvoiceListQuery,
  pacInvoicePage,
  pacInvoiceView,
} from '@boveda/contracts';
import { z } from 'zod';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { afterTimeId, timeIdPage } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { fileResponse } from '../../platform/http/openapi.js';
import { type PacInvoicesService, toPacInvoice } from './pac-invoices.service.js';

const tags = ['pac'];
const notFound = ['PAC_INVOICE_NOT_FOUND'] as const;

/**
 * *Facturación* (`/api/v1/pac/invoices`): members issue and read invoices, admins cancel them.
 * Stamping and cancelling run in jobs; the answers are the invoice as it stands.
 */
export function registerPacInvoiceRoutes(
  app: HttpServer,
  deps: { invoices: PacInvoicesService; guard: Guard },
) {
  const { invoices, guard } = deps;

  app.post(
    '/api/v1/pac/invoices',
    {
      schema: {
        operationId: 'createPacInvoice',
        tags,
        summary: 'Issue a CFDI 4.0 (ingreso or credit note): checked now, stamped by the PAC in a job',
        body: pacInvoiceCreateBody,
        response: { 202: pacInvoiceView },
        errors: ['PAC_INVOICE_INVALID', 'PAC_ISSUER_UNKNOWN'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const row = await invoices.create(identityOf(req).tenantId, actorOf(req), req.body);
      return reply.status(202).send(toPacInvoice(row));
    },
  );

  app.get(
    '/api/v1/pac/invoices',
    {
      schema: {
        operationId: 'listPacInvoices',
        tags,
        summary: 'Invoices issued through the PAC, newest first',
        querystring: pacInvoiceListQuery,
        response: { 200: pacInvoicePage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const { cursor, limit, status } = req.query;
      const rows = await invoices.list(identityOf(req).tenantId, status ? { status } : {}, {
        limit: limit + 1,
        ...afterTimeId(cursor),
      });
      return timeIdPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }), toPacInvoice);
    },
  );

  app.get(
    '/api/v1/pac/invoices/:id',
    {
      schema: {
        operationId: 'getPacInvoice',
        tags,
        summary: 'One issued invoice: its status, UUID, amounts, error and cancellation',
        params: idParams,
        response: { 200: pacInvoiceView },
        errors: [...notFound],
      },
      preHandler: guard('viewer'),
    },
    async (req) => toPacInvoice(await invoices.get(identityOf(req).tenantId, req.params.id)),
  );

  for (const kind of ['xml', 'pdf'] as const) {
    const type = kind === 'xml' ? 'application/xml' : 'application/pdf';
    app.get(
      `/api/v1/pac/invoices/:id/${kind}`,
      {
        schema: {
          operationId: kind === 'xml' ? 'getPacInvoiceXml' : 'getPacInvoicePdf',
          tags,
          summary: `The stamped ${kind.toUpperCase()}`,
          params: idParams,
          response: { 200: fileResponse(type, `The ${kind.toUpperCase()}, sent as an attachment`) },
          errors: [...notFound],
        },
        preHandler: guard('viewer'),
      },
      async (req, reply) => {
        const { row, bytes } = await invoices.file(identityOf(req).tenantId, req.params.id, kind);
        const name = `${row.serie ?? ''}${row.folio ?? row.uuid ?? row.id}`.toLowerCase();
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${name}.${kind}"`)
          .send(bytes);
      },
    );
  }

  app.post(
    '/api/v1/pac/invoices/:id/retry',
    {
      schema: {
        operationId: 'retryPacInvoice',
        tags,
        summary: 'Send a failed invoice to the PAC again (after fixing what it said)',
        params: idParams,
        response: { 202: pacInvoiceView },
        errors: [...notFound, 'PAC_INVOICE_NOT_RETRYABLE'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) =>
      reply.status(202).send(toPacInvoice(await invoices.retry(identityOf(req).tenantId, req.params.id))),
  );

  app.post(
    '/api/v1/pac/invoices/:id/cancel',
    {
      schema: {
        operationId: 'cancelPacInvoice',
        tags,
        summary: 'Ask the SAT (through the PAC) to cancel a stamped invoice with motive 01–04',
        params: idParams,
        body: pacCancelBody,
        response: { 202: pacInvoiceView },
        errors: [...notFound, 'PAC_INVOICE_NOT_CANCELLABLE'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          toPacInvoice(
            await invoices.cancel(identityOf(req).tenantId, actorOf(req), req.params.id, req.body),
          ),
        ),
  );

  app.post(
    '/api/v1/pac/facturify/callback/:tenantId/:token',
    {
      schema: {
        operationId: 'facturifyCallback',
        tags,
        summary:
          'Where Facturify posts stamping and cancellation results (an unguessable URL per organization)',
        params: z.object({ tenantId: z.uuid(), token: z.string().regex(/^[0-9a-f]{64}$/) }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ received: z.boolean() }) },
        errors: ['NOT_FOUND'],
      },
    },
    async (req) => {
      // A wrong token is answered like a URL that does not exist.
      if (!(await invoices.callback(req.params.tenantId, req.params.token, req.body)))
        throw appError('NOT_FOUND');
      return { received: true };
    },
  );
}
