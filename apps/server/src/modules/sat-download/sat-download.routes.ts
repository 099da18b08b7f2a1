import {
  createSatRequestBody,
  fileMissingXmlBody,
  fileMissingXmlResult,
  fileSatYearBody,
  fileSatYearResult,
  rfcParams,
  type SatHistoryEvent,
  type SatPackage,
  type SatRequestItem,
  type SatRequestState,
  satPackageParams,
  satRequestDetail,
  satRequestItem,
  satRequestListQuery,
  satRequestPage,
  satRequestParams,
  satYearProgressList,
  syncSatResult,
} from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { fileResponse } from '../../platform/http/openapi.js';
import type { SatEventRow, SatPackageRow, SatRequestRow } from './sat-download.repository.js';
import type { SatDownloadService } from './sat-download.service.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toItem = (r: SatRequestRow): SatRequestItem => ({
  id: r.id,
  rfc: r.rfc,
  type: r.kind,
  direction: r.direction,
  period: r.periodStart && r.periodEnd ? { start: r.periodStart, end: r.periodEnd } : null,
  filters: r.filters,
  folio: r.folio,
  // A text column; the request recorder writes only the catalogue's states (canMoveSatRequest).
  state: r.state as SatRequestState,
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
  attention: r.needsAttentionCode
    ? { code: r.needsAttentionCode, params: r.needsAttentionParams ?? {} }
    : null,
  submittedAt: iso(r.submittedAt),
  lastVerifiedAt: iso(r.lastVerifiedAt),
  finishedAt: iso(r.finishedAt),
  createdAt: r.createdAt.toISOString(),
});
const toEvent = (e: SatEventRow): SatHistoryEvent => ({
  at: e.at.toISOString(),
  type: e.type,
  operation: e.operation,
  fromState: e.fromState,
  toState: e.toState,
  satCode: e.satCode,
  satMessage: e.satMessage,
  message: e.message,
  code: e.code,
  params: e.params,
});
const toPackage = (p: SatPackageRow): SatPackage => ({
  satPackageId: p.satPackageId,
  type: p.kind,
  state: p.state,
  storageKey: p.storageKey,
  size: p.size,
  sha256: p.sha256,
  downloadAttempts: p.downloadAttempts,
  storedAt: iso(p.storedAt),
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
        body: createSatRequestBody,
        response: { 201: satRequestItem, 200: satRequestItem },
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
        body: fileSatYearBody,
        response: { 202: fileSatYearResult },
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

  app.post(
    '/api/v1/taxpayers/:rfc/sat-requests/missing-xml',
    {
      schema: {
        operationId: 'fileMissingXml',
        tags: ['sat'],
        summary:
          'One folio request per CFDI the SAT lists in metadata but the vault lacks (not cancelled), at most 200 per call',
        description:
          'Selection: `direction`, `from`/`to` (days of issue) and/or `uuids` (only the missing ones among them are filed). UUIDs that already have an open folio request are skipped; past 200 the rest is `left` for another call. The requests are filed with the SAT by the usual job, not in this call.',
        params: rfcParams,
        body: fileMissingXmlBody,
        response: { 202: fileMissingXmlResult },
        errors: ['TAXPAYER_NOT_FOUND', 'PERIOD_ORDER'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const outcome = await sat.fileMissingXml(
        identityOf(req).tenantId,
        actorOf(req),
        req.params.rfc,
        req.body,
      );
      return reply.status(202).send({ ...outcome, items: outcome.items.map(toItem) });
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
        querystring: satRequestListQuery,
        response: { 200: satRequestPage },
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
    '/api/v1/taxpayers/:rfc/sat-requests/years',
    {
      schema: {
        operationId: 'listSatYears',
        tags: ['sat'],
        summary: 'Per year with requests: how they stand and whether the year is complete',
        params: rfcParams,
        response: { 200: satYearProgressList },
        errors: ['TAXPAYER_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => ({ items: await sat.years(identityOf(req).tenantId, req.params.rfc) }),
  );

  app.get(
    '/api/v1/taxpayers/:rfc/sat-requests/:id',
    {
      schema: {
        operationId: 'getSatRequest',
        tags: ['sat'],
        summary: 'One request with its full history, packages and the requests it replaced or split into',
        params: satRequestParams,
        response: { 200: satRequestDetail },
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

  app.get(
    '/api/v1/taxpayers/:rfc/sat-requests/:id/packages/:packageId',
    {
      schema: {
        operationId: 'downloadSatPackage',
        tags: ['sat'],
        summary: 'A stored package: the zip exactly as the SAT delivered it (its `sha256`), streamed',
        params: satPackageParams,
        response: { 200: fileResponse('application/zip', 'The package, sent as an attachment') },
        errors: ['SAT_REQUEST_NOT_FOUND', 'SAT_PACKAGE_NOT_FOUND'],
      },
      // The raw SAT delivery, every CFDI of a period at once: people who run the downloads.
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const { rfc, id, packageId } = req.params;
      const file = await sat.packageFile(identityOf(req).tenantId, actorOf(req), rfc, id, packageId);
      const name = `${file.satPackageId.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`;
      reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      if (file.size !== null) reply.header('content-length', String(file.size));
      return reply.send(file.body);
    },
  );

  app.post(
    '/api/v1/taxpayers/:rfc/sat-requests/:id/retry',
    {
      schema: {
        operationId: 'retrySatRequest',
        tags: ['sat'],
        summary: 'File a stopped (failed) request again; it replaces the old one once the SAT accepts it',
        params: satRequestParams,
        response: { 201: satRequestItem, 200: satRequestItem },
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
        response: { 202: syncSatResult },
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const jobId = await sat.enqueueSync(identityOf(req).tenantId);
      return reply.status(202).send({ jobId });
    },
  );
}
