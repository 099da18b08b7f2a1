import { z } from 'zod';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/http/cursors.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import type { SatEventRow, SatPackageRow, SatRequestRow } from './sat-download.repository.js';
import type { SatDownloadService } from './sat-download.service.js';

const rfcParams = z.object({ rfc: z.string().min(12).max(13) });
const idParams = rfcParams.extend({ id: z.uuid() });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const requestItem = z.object({
  id: z.string(),
  rfc: z.string(),
  type: z.enum(['cfdi', 'metadata']),
  direction: z.enum(['issued', 'received']).nullable(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  filters: z.record(z.string(), z.unknown()),
  folio: z.string().nullable(),
  state: z.string(),
  origin: z.string(),
  satRequestId: z.string().nullable(),
  sat: z.object({
    statusCode: z.number().nullable(),
    statusMessage: z.string().nullable(),
    requestState: z.number().nullable(),
    requestCode: z.number().nullable(),
  }),
  cfdiCount: z.number().nullable(),
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
  splitFrom: z.string().nullable(),
  attempts: z.record(z.string(), z.number()),
  needsAttention: z.string().nullable(),
  submittedAt: z.string().nullable(),
  lastVerifiedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toItem = (r: SatRequestRow) => ({
  id: r.id,
  rfc: r.rfc,
  type: r.kind,
  direction: r.direction,
  period: r.periodStart && r.periodEnd ? { start: r.periodStart, end: r.periodEnd } : null,
  filters: r.filters as Record<string, unknown>,
  folio: r.folio,
  state: r.state,
  origin: r.origin,
  satRequestId: r.satRequestId,
  sat: {
    statusCode: r.satStatusCode,
    statusMessage: r.satStatusMessage,
    requestState: r.satRequestState,
    requestCode: r.satRequestCode,
  },
  cfdiCount: r.cfdiCount,
  replaces: r.replacesId,
  replacedBy: r.replacedById,
  splitFrom: r.splitFromId,
  attempts: r.attempts as Record<string, number>,
  needsAttention: r.needsAttentionReason,
  submittedAt: iso(r.submittedAt),
  lastVerifiedAt: iso(r.lastVerifiedAt),
  finishedAt: iso(r.finishedAt),
  createdAt: r.createdAt.toISOString(),
});
const toEvent = (e: SatEventRow) => ({
  at: e.at.toISOString(),
  type: e.type,
  operation: e.operation,
  fromState: e.fromState,
  toState: e.toState,
  satCode: e.satCode,
  satMessage: e.satMessage,
  message: e.message,
});
const toPackage = (p: SatPackageRow) => ({
  satPackageId: p.satPackageId,
  type: p.kind,
  state: p.state,
  storageKey: p.storageKey,
  size: p.size,
  sha256: p.sha256,
  downloadAttempts: p.downloadAttempts,
  storedAt: iso(p.storedAt),
});

const periodInput = z.object({
  start: z.string().max(19),
  end: z.string().max(19),
});
const createBody = z.object({
  type: z.enum(['cfdi', 'metadata']).default('cfdi'),
  direction: z.enum(['issued', 'received']).optional(),
  period: periodInput.optional(),
  filters: z
    .object({
      documentType: z.enum(['I', 'E', 'T', 'N', 'P']).optional(),
      status: z.enum(['Todos', 'Vigente', 'Cancelado']).optional(),
      counterparts: z.array(z.string().max(13)).max(50).optional(),
      onBehalfRfc: z.string().max(13).optional(),
      complemento: z.string().max(64).optional(),
    })
    .strict()
    .default({}),
  folio: z.string().max(64).optional(),
});

// A bare date reads as the whole day, the way people think of periods.
const startOf = (s: string) => (DAY.test(s) ? `${s}T00:00:00` : s);
const endOf = (s: string) => (DAY.test(s) ? `${s}T23:59:59` : s);

export function registerSatDownloadRoutes(app: HttpServer, deps: { sat: SatDownloadService; guard: Guard }) {
  const { sat, guard } = deps;

  app.post(
    '/api/v1/taxpayers/:rfc/sat-requests',
    {
      schema: {
        operationId: 'createSatRequest',
        tags: ['sat'],
        summary:
          'File one request with the SAT (period with v1.5 filters, or a folio); validated before sending',
        params: rfcParams,
        body: createBody,
        response: { 201: requestItem, 200: requestItem },
        errors: [
          'TAXPAYER_NOT_FOUND',
          'FOLIO_MUST_BE_ALONE',
          'INVALID_FOLIO',
          'DIRECTION_REQUIRED',
          'INVALID_PERIOD',
          'PERIOD_ORDER',
          'PERIOD_TOO_OLD',
          'PERIOD_IN_FUTURE',
          'TOO_MANY_COUNTERPARTS',
          'INVALID_RFC',
          'UNKNOWN_COMPLEMENTO',
          'RECEIVED_CFDI_ONLY_VIGENTE',
        ],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const { type, direction, period, filters, folio } = req.body;
      const { request, created } = await sat.createRequest(identityOf(req).tenantId, req.params.rfc, {
        kind: type,
        direction: direction ?? null,
        periodStart: period ? startOf(period.start) : null,
        periodEnd: period ? endOf(period.end) : null,
        filters,
        folio: folio ?? null,
      });
      return reply.status(created ? 201 : 200).send(toItem(request));
    },
  );

  app.post(
    '/api/v1/taxpayers/:rfc/sat-requests/year',
    {
      schema: {
        operationId: 'fileSatYear',
        tags: ['sat'],
        summary: 'File a whole year: 12 monthly CFDI + 2 semester metadata requests per direction',
        params: rfcParams,
        body: z.object({
          year: z.number().int().min(2000).max(2100),
          direction: z.enum(['issued', 'received', 'both']).default('both'),
        }),
        response: {
          202: z.object({ created: z.number(), existing: z.number(), items: z.array(requestItem) }),
        },
        errors: ['TAXPAYER_NOT_FOUND', 'YEAR_OUT_OF_RANGE'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const results = await sat.fileYear(
        identityOf(req).tenantId,
        req.params.rfc,
        req.body.year,
        req.body.direction,
      );
      return reply.status(202).send({
        created: results.filter((r) => r.created).length,
        existing: results.filter((r) => !r.created).length,
        items: results.map((r) => toItem(r.request)),
      });
    },
  );

  app.get(
    '/api/v1/taxpayers/:rfc/sat-requests',
    {
      schema: {
        operationId: 'listSatRequests',
        tags: ['sat'],
        summary: "A taxpayer's SAT requests, newest first",
        params: rfcParams,
        querystring: z.object({
          state: z.string().max(32).optional(),
          type: z.enum(['cfdi', 'metadata']).optional(),
          direction: z.enum(['issued', 'received']).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ items: z.array(requestItem), nextCursor: z.string().nullable() }) },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const q = req.query;
      const rows = await sat.list(identityOf(req).tenantId, req.params.rfc, {
        state: q.state,
        kind: q.type,
        direction: q.direction,
        year: q.year,
        cursor: q.cursor ? decodeTimeIdCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map(toItem),
        nextCursor:
          rows.length > q.limit ? encodeTimeIdCursor(page.at(-1)!.createdAt, page.at(-1)!.id) : null,
      };
    },
  );

  app.get(
    '/api/v1/taxpayers/:rfc/sat-requests/:id',
    {
      schema: {
        operationId: 'getSatRequest',
        tags: ['sat'],
        summary: 'One request with its full history, packages and the requests it replaced or split into',
        params: idParams,
        response: {
          200: requestItem.extend({
            history: z.array(
              z.object({
                at: z.string(),
                type: z.string(),
                operation: z.string().nullable(),
                fromState: z.string().nullable(),
                toState: z.string().nullable(),
                satCode: z.number().nullable(),
                satMessage: z.string().nullable(),
                message: z.string(),
              }),
            ),
            packages: z.array(
              z.object({
                satPackageId: z.string(),
                type: z.string(),
                state: z.string(),
                storageKey: z.string(),
                size: z.number().nullable(),
                sha256: z.string().nullable(),
                downloadAttempts: z.number(),
                storedAt: z.string().nullable(),
              }),
            ),
            related: z.array(requestItem),
          }),
        },
        errors: ['SAT_REQUEST_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const { request, events, packages, related } = await sat.get(
        identityOf(req).tenantId,
        req.params.rfc,
        req.params.id,
      );
      return {
        ...toItem(request),
        history: events.map(toEvent),
        packages: packages.map(toPackage),
        related: related.map(toItem),
      };
    },
  );

  app.post(
    '/api/v1/taxpayers/:rfc/sat-requests/:id/retry',
    {
      schema: {
        operationId: 'retrySatRequest',
        tags: ['sat'],
        summary: 'File a stopped (failed) request again; it replaces the old one once the SAT accepts it',
        params: idParams,
        response: { 201: requestItem, 200: requestItem },
        errors: ['SAT_REQUEST_NOT_FOUND', 'SAT_REQUEST_NOT_RETRYABLE'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const { request, created } = await sat.retry(identityOf(req).tenantId, req.params.rfc, req.params.id);
      return reply.status(created ? 201 : 200).send(toItem(request));
    },
  );

  app.post(
    '/api/v1/sat/sync',
    {
      schema: {
        operationId: 'syncSat',
        tags: ['sat'],
        summary: "Verify and download now every open request of this organization's taxpayers",
        response: { 202: z.object({ jobId: z.string().nullable() }) },
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const jobId = await sat.enqueueSync(identityOf(req).tenantId);
      return reply.status(202).send({ jobId });
    },
  );
}
