import { Readable } from 'node:stream';
import {
  decodeCursor,
  encodeCursor,
  idParams,
  invoiceConfirmBody,
  invoiceDataPage,
  invoiceDataQuery,
  invoiceDetail,
  invoiceEditBody,
  invoiceExportQuery,
  invoiceFileParams,
  invoiceListQuery,
  invoicePage,
  invoiceRejectBody,
  invoiceSummary,
  invoiceUploadResult,
} from '@boveda/contracts';
import { z } from 'zod';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import {
  decodeTimeIdCursor,
  encodeTimeIdCursor,
  invalidCursor,
  isUuid,
} from '../../platform/http/cursors.js';
import { type Guard, identityOf, type RequestIdentity } from '../../platform/http/identity.js';
import { fileResponse } from '../../platform/http/openapi.js';
import type { InboxActor, InboxService } from './inbox.service.js';
import { toDetail, toItem } from './invoice-view.js';
import { readInvoiceUpload } from './upload-reader.js';

const uploadForm = z.unknown().meta({
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'array',
      items: { type: 'string', format: 'binary' },
      description:
        'One or more PDF, JPG, PNG or CFDI XML files (repeat the part). An XML and a PDF with the same name are one invoice.',
    },
  },
});

const actorOfIdentity = (id: RequestIdentity): InboxActor => ({
  type: id.actor.type,
  id: id.actor.id,
  label: id.actor.label,
});

/** `from`/`to` days (UTC; calendar days, checked by the contract) → [start of from, start of the day after to). */
function dayRange(from?: string, to?: string) {
  const start = from ? new Date(`${from}T00:00:00Z`) : undefined;
  const end = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : undefined;
  if (start && end && start >= end) {
    throw appError('VALIDATION_FAILED', '`from` is after `to`.', {
      errors: [
        { path: 'querystring.from', code: 'after_field', params: { field: 'to' }, message: 'after to' },
      ],
    });
  }
  return { start, end };
}

export function registerInboxRoutes(
  app: HttpServer,
  deps: { inbox: InboxService; guard: Guard; limits: { maxFileBytes: number; maxFiles: number } },
) {
  const { inbox, guard } = deps;
  const errors404 = ['INVOICE_NOT_FOUND'] as const;

  app.post(
    '/api/v1/invoices',
    {
      schema: {
        operationId: 'uploadInvoices',
        tags: ['inbox'],
        summary: 'Upload invoices (PDF, JPG, PNG, CFDI XML) to the inbox; they are read in the background',
        description:
          'multipart/form-data with one or more parts named `file`. Types are checked by content. ' +
          'All or nothing: one refused file refuses the upload and nothing is stored. Bytes uploaded before answer ' +
          'with the earlier invoice (`duplicate: true`).',
        consumes: ['multipart/form-data'],
        body: uploadForm,
        response: { 202: invoiceUploadResult },
        errors: [
          'INVOICE_NO_FILES',
          'INVOICE_TOO_MANY_FILES',
          'INVOICE_FILE_TOO_LARGE',
          'INVOICE_UNSUPPORTED_TYPE',
        ],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const identity = identityOf(req);
      const uploads = await readInvoiceUpload(req, {
        storage: inbox.storage,
        tenantId: identity.tenantId,
        maxFileBytes: deps.limits.maxFileBytes,
        maxFiles: deps.limits.maxFiles,
      });
      const items = await inbox.receive(identity.tenantId, actorOfIdentity(identity), uploads);
      return reply.status(202).send({ items });
    },
  );

  app.get(
    '/api/v1/invoices',
    {
      schema: {
        operationId: 'listInvoices',
        tags: ['inbox'],
        summary: 'The inbox, newest first, with filters',
        querystring: invoiceListQuery,
        response: { 200: invoicePage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const { cursor, limit, from, to, ...filters } = req.query;
      const { start, end } = dayRange(from, to);
      const rows = await inbox.list(
        identityOf(req).tenantId,
        { ...filters, createdFrom: start, createdBefore: end },
        { limit: limit + 1, ...(cursor ? { after: decodeTimeIdCursor(cursor) } : {}) },
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toItem),
        nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null,
      };
    },
  );

  app.get(
    '/api/v1/invoices/export',
    {
      schema: {
        operationId: 'exportInvoices',
        tags: ['inbox'],
        summary: 'The inbox as CSV or XLSX, with the list’s filters (streamed)',
        querystring: invoiceExportQuery,
        response: {
          200: fileResponse(
            'text/csv',
            'CSV (UTF-8 with BOM) or XLSX (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
          ),
        },
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      const { format, from, to, ...filters } = req.query;
      const { start, end } = dayRange(from, to);
      const chunks = inbox.export(
        identityOf(req).tenantId,
        { ...filters, createdFrom: start, createdBefore: end },
        format,
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="bandeja-${day}.${format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(chunks));
    },
  );

  app.get(
    '/api/v1/invoices/summary',
    {
      schema: {
        operationId: 'invoiceSummary',
        tags: ['inbox'],
        summary: 'How many invoices are in each status',
        response: { 200: invoiceSummary },
      },
      preHandler: guard('viewer'),
    },
    async (req) => inbox.summary(identityOf(req).tenantId),
  );

  app.get(
    '/api/v1/invoices/data',
    {
      schema: {
        operationId: 'listProcessedInvoiceData',
        tags: ['inbox'],
        summary:
          'The confirmed values of processed invoices, oldest processing first (pull forward with the cursor)',
        querystring: invoiceDataQuery,
        response: { 200: invoiceDataPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const { cursor, limit, from, to } = req.query;
      const { start, end } = dayRange(from, to);
      let after: { processedAt: Date; id: string } | undefined;
      if (cursor) {
        const [at, id] = decodeCursor(cursor, 'processed-asc') ?? [];
        const when = typeof at === 'string' ? new Date(at) : null;
        if (!when || Number.isNaN(when.getTime()) || !isUuid(id)) throw invalidCursor();
        after = { processedAt: when, id };
      }
      const rows = await inbox.processed(
        identityOf(req).tenantId,
        { from: start, before: end },
        { limit: limit + 1, ...(after ? { after } : {}) },
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          processedAt: r.processedAt!.toISOString(),
          fields: r.finalData?.fields ?? {},
          taxes: r.finalData?.taxes ?? [],
          conceptos: r.finalData?.conceptos ?? [],
          direction: r.direction,
        })),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor([last.processedAt!.toISOString(), last.id], 'processed-asc')
            : null,
      };
    },
  );

  app.get(
    '/api/v1/invoices/:id',
    {
      schema: {
        operationId: 'getInvoice',
        tags: ['inbox'],
        summary: 'One invoice: status, files, preview with each value’s source and confidence, final data',
        params: idParams,
        response: { 200: invoiceDetail },
        errors: [...errors404],
      },
      preHandler: guard('viewer'),
    },
    async (req) => toDetail(await inbox.get(identityOf(req).tenantId, req.params.id)),
  );

  const detailOf = async (tenantId: string, id: string) => toDetail(await inbox.get(tenantId, id));

  app.patch(
    '/api/v1/invoices/:id',
    {
      schema: {
        operationId: 'editInvoice',
        tags: ['inbox'],
        summary: 'Correct values of an invoice waiting for validation (each change is recorded)',
        params: idParams,
        body: invoiceEditBody,
        response: { 200: invoiceDetail },
        errors: [...errors404, 'INVOICE_WRONG_STATE', 'INVOICE_EDIT_CONFLICT'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const identity = identityOf(req);
      await inbox.edit(identity.tenantId, req.params.id, actorOfIdentity(identity), req.body);
      return detailOf(identity.tenantId, req.params.id);
    },
  );

  app.post(
    '/api/v1/invoices/:id/confirm',
    {
      schema: {
        operationId: 'confirmInvoice',
        tags: ['inbox'],
        summary: 'Confirm the values: the invoice becomes processed (and, with its XML, joins the vault)',
        params: idParams,
        body: invoiceConfirmBody,
        response: { 200: invoiceDetail },
        errors: [
          ...errors404,
          'INVOICE_WRONG_STATE',
          'INVOICE_EDIT_CONFLICT',
          'INVOICE_INCOMPLETE',
          'INVOICE_DUPLICATE',
        ],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const identity = identityOf(req);
      await inbox.confirm(identity.tenantId, req.params.id, actorOfIdentity(identity), req.body.version);
      return detailOf(identity.tenantId, req.params.id);
    },
  );

  app.post(
    '/api/v1/invoices/:id/reject',
    {
      schema: {
        operationId: 'rejectInvoice',
        tags: ['inbox'],
        summary: 'Reject an invoice with a reason',
        params: idParams,
        body: invoiceRejectBody,
        response: { 200: invoiceDetail },
        errors: [...errors404, 'INVOICE_WRONG_STATE', 'INVOICE_EDIT_CONFLICT'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const identity = identityOf(req);
      await inbox.reject(
        identity.tenantId,
        req.params.id,
        actorOfIdentity(identity),
        req.body.version,
        req.body.reason,
      );
      return detailOf(identity.tenantId, req.params.id);
    },
  );

  app.post(
    '/api/v1/invoices/:id/retry',
    {
      schema: {
        operationId: 'retryInvoice',
        tags: ['inbox'],
        summary: 'Read a failed or rejected invoice again from its files',
        params: idParams,
        response: { 202: invoiceDetail },
        errors: [...errors404, 'INVOICE_WRONG_STATE'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const { tenantId } = identityOf(req);
      await inbox.retry(tenantId, req.params.id);
      return reply.status(202).send(await detailOf(tenantId, req.params.id));
    },
  );

  app.get(
    '/api/v1/invoices/:id/files/:fileId',
    {
      schema: {
        operationId: 'downloadInvoiceFile',
        tags: ['inbox'],
        summary: 'The uploaded file, byte for byte',
        params: invoiceFileParams,
        response: { 200: fileResponse('application/octet-stream', 'The original file') },
        errors: [...errors404, 'INVOICE_FILE_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      const { file, body } = await inbox.openFile(identityOf(req).tenantId, req.params.id, req.params.fileId);
      // PDFs and images show inline (the validation view frames them). An XML is always an
      // attachment in a sandbox: a browser would run script an XML document carries, on our origin.
      const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      const disposition = file.kind === 'xml' ? 'attachment' : 'inline';
      return reply
        .type(file.mediaType)
        .header(
          'content-disposition',
          `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header(
          'content-security-policy',
          // The web's validation view frames the PDF (same origin only); nothing in it may load.
          file.kind === 'xml'
            ? "default-src 'none'; sandbox"
            : "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'",
        )
        .header('content-length', String(file.size))
        .send(body);
    },
  );
}
