import {
  connectorCreateBody,
  connectorExportListQuery,
  connectorExportPage,
  connectorListQuery,
  connectorPage,
  connectorRunListQuery,
  connectorRunPage,
  connectorRunParams,
  connectorRunView,
  connectorStats,
  connectorTestResult,
  connectorUpdateBody,
  connectorView,
  documentExportsQuery,
  documentExportsResult,
  exportLogListQuery,
  exportLogPage,
  idParams,
  pullRunBody,
  pushPreview,
  pushPreviewBody,
  pushRunBody,
  recordReviewBody,
  recordReviewResult,
  runQueued,
  stagedRecordListQuery,
  stagedRecordPage,
} from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { afterTimeId, timeIdPage } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf, readerOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import { toConnector, toExport, toLogEntry, toRecord, toRun } from './connector-views.js';
import type { ConnectorRow } from './connectors.repository.js';
import type { ConnectorsService } from './connectors.service.js';

const tags = ['connectors'];
const notFound = ['CONNECTOR_NOT_FOUND'] as const;
const configErrors = [
  'CONNECTOR_URL_INVALID',
  'CONNECTOR_URL_BLOCKED',
  'CONNECTOR_SECRET_REQUIRED',
  'CONNECTOR_SCHEDULE_INVALID',
  'CONNECTOR_TEMPLATE_INVALID',
] as const;
const page = (cursor: string | undefined, limit: number) => ({ limit: limit + 1, ...afterTimeId(cursor) });

/**
 * Reading connectors, runs, exports and staged records needs `member`; running a connector needs
 * `member` too (it is what "Exportar a…" does); configuring one, testing its credentials and
 * reviewing staged records need `admin`. The tenant always comes from the identity.
 */
export function registerConnectorRoutes(
  app: HttpServer,
  deps: { connectors: ConnectorsService; guard: Guard },
) {
  const { connectors, guard } = deps;

  async function view(tenantId: string, row: ConnectorRow) {
    const [last] = await connectors.latestRuns(tenantId, [row.id]);
    return toConnector(row, last ?? null, connectors.nextRunAt(row));
  }

  app.post(
    '/api/v1/connectors',
    {
      schema: {
        operationId: 'createConnector',
        tags,
        summary: 'Register an ERP connector (push, pull or both); its credentials are stored encrypted',
        body: connectorCreateBody,
        response: { 201: connectorView },
        errors: [...configErrors],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const tenantId = identityOf(req).tenantId;
      const row = await connectors.create(tenantId, actorOf(req), req.body);
      return reply.status(201).send(await view(tenantId, row));
    },
  );

  app.get(
    '/api/v1/connectors',
    {
      schema: {
        operationId: 'listConnectors',
        tags,
        summary: 'The organization’s connectors, newest first, each with its last run',
        querystring: connectorListQuery,
        response: { 200: connectorPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const tenantId = identityOf(req).tenantId;
      const rows = await connectors.list(tenantId, page(req.query.cursor, req.query.limit));
      const last = new Map(
        (
          await connectors.latestRuns(
            tenantId,
            rows.map((r) => r.id),
          )
        ).map((r) => [r.connectorId, r]),
      );
      return timeIdPage(
        rows,
        req.query.limit,
        (r) => ({ at: r.createdAt, id: r.id }),
        (r) => toConnector(r, last.get(r.id) ?? null, connectors.nextRunAt(r)),
      );
    },
  );

  app.get(
    '/api/v1/connectors/exports',
    {
      schema: {
        operationId: 'listDocumentExports',
        tags,
        summary: 'Where these documents were exported (every connector), for the inbox and the CFDI explorer',
        querystring: documentExportsQuery,
        response: { 200: documentExportsResult },
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const rows = await connectors.documentExports(identityOf(req).tenantId, req.query.kind, req.query.ids);
      return {
        items: rows.map((r) => ({
          ...toExport(r.exp),
          connectorId: r.exp.connectorId,
          connectorName: r.connectorName,
        })),
      };
    },
  );

  app.get(
    '/api/v1/connectors/:id',
    {
      schema: {
        operationId: 'getConnector',
        tags,
        summary: 'One connector (its auth method and non-secret settings)',
        params: idParams,
        response: { 200: connectorView },
        errors: [...notFound],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const tenantId = identityOf(req).tenantId;
      return view(tenantId, await connectors.get(tenantId, req.params.id));
    },
  );

  app.patch(
    '/api/v1/connectors/:id',
    {
      schema: {
        operationId: 'updateConnector',
        tags,
        summary:
          'Change a connector; a secret left out of `auth` keeps the stored one if the method is the same',
        params: idParams,
        body: connectorUpdateBody,
        response: { 200: connectorView },
        errors: [...notFound, ...configErrors],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const tenantId = identityOf(req).tenantId;
      return view(tenantId, await connectors.update(tenantId, actorOf(req), req.params.id, req.body));
    },
  );

  app.delete(
    '/api/v1/connectors/:id',
    {
      schema: {
        operationId: 'deleteConnector',
        tags,
        summary: 'Delete a connector with its runs, export log and staged records',
        params: idParams,
        response: { 204: noContent('Deleted') },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await connectors.remove(identityOf(req).tenantId, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/connectors/:id/test',
    {
      schema: {
        operationId: 'testConnector',
        tags,
        summary: 'One authenticated GET of the test path: do the URL and credentials work?',
        params: idParams,
        response: { 200: connectorTestResult },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req) => connectors.test(identityOf(req).tenantId, req.params.id, readerOf(req)),
  );

  app.post(
    '/api/v1/connectors/:id/preview',
    {
      schema: {
        operationId: 'previewConnectorPush',
        tags,
        summary: 'Dry run: the request a push would send for one document, rendered and not sent',
        params: idParams,
        body: pushPreviewBody,
        response: { 200: pushPreview },
        errors: [
          ...notFound,
          'CONNECTOR_DIRECTION_MISMATCH',
          'CONNECTOR_DOCUMENT_NOT_FOUND',
          'CONNECTOR_TEMPLATE_INVALID',
        ],
      },
      preHandler: guard('member'),
    },
    async (req) =>
      connectors.preview(identityOf(req).tenantId, req.params.id, req.body.document, req.body.push),
  );

  app.post(
    '/api/v1/connectors/:id/push',
    {
      schema: {
        operationId: 'runConnectorPush',
        tags,
        summary: 'Export pending documents (or the ones named) to the ERP, in a background run',
        params: idParams,
        body: pushRunBody,
        response: { 202: runQueued },
        errors: [...notFound, 'CONNECTOR_DISABLED', 'CONNECTOR_DIRECTION_MISMATCH'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      const run = await connectors.queuePush(
        id.tenantId,
        req.params.id,
        req.body,
        actorOf(req).label ?? null,
      );
      return reply.status(202).send({ runId: run.id, status: run.status });
    },
  );

  app.post(
    '/api/v1/connectors/:id/pull',
    {
      schema: {
        operationId: 'runConnectorPull',
        tags,
        summary:
          'Read the ERP’s records into staging (only what changed since the last run), in a background run',
        params: idParams,
        body: pullRunBody,
        response: { 202: runQueued },
        errors: [
          ...notFound,
          'CONNECTOR_DISABLED',
          'CONNECTOR_DIRECTION_MISMATCH',
          'CONNECTOR_RESOURCE_UNKNOWN',
        ],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      const run = await connectors.queuePull(
        id.tenantId,
        req.params.id,
        req.body,
        actorOf(req).label ?? null,
      );
      return reply.status(202).send({ runId: run.id, status: run.status });
    },
  );

  app.get(
    '/api/v1/connectors/:id/runs',
    {
      schema: {
        operationId: 'listConnectorRuns',
        tags,
        summary: 'The connector’s runs, newest first',
        params: idParams,
        querystring: connectorRunListQuery,
        response: { 200: connectorRunPage },
        errors: [...notFound, 'INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { cursor, limit, kind } = req.query;
      const rows = await connectors.runs(
        identityOf(req).tenantId,
        req.params.id,
        kind ? { kind } : {},
        page(cursor, limit),
      );
      return timeIdPage(rows, limit, (r) => ({ at: r.queuedAt, id: r.id }), toRun);
    },
  );

  app.get(
    '/api/v1/connectors/:id/runs/:runId',
    {
      schema: {
        operationId: 'getConnectorRun',
        tags,
        summary: 'One run with its counts (per resource on pull) and error',
        params: connectorRunParams,
        response: { 200: connectorRunView },
        errors: ['CONNECTOR_RUN_NOT_FOUND'],
      },
      preHandler: guard('member'),
    },
    async (req) => toRun(await connectors.run(identityOf(req).tenantId, req.params.id, req.params.runId)),
  );

  app.get(
    '/api/v1/connectors/:id/exports',
    {
      schema: {
        operationId: 'listConnectorExports',
        tags,
        summary: 'Documents this connector exported or failed to, with the ERP’s id, latest first',
        params: idParams,
        querystring: connectorExportListQuery,
        response: { 200: connectorExportPage },
        errors: [...notFound, 'INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { cursor, limit, status } = req.query;
      const rows = await connectors.exports(
        identityOf(req).tenantId,
        req.params.id,
        status ? { status } : {},
        page(cursor, limit),
      );
      return timeIdPage(rows, limit, (r) => ({ at: r.updatedAt, id: r.id }), toExport);
    },
  );

  app.get(
    '/api/v1/connectors/:id/export-log',
    {
      schema: {
        operationId: 'listConnectorExportLog',
        tags,
        summary: 'Every call a push made: request and response excerpts, status, latency (no credentials)',
        params: idParams,
        querystring: exportLogListQuery,
        response: { 200: exportLogPage },
        errors: [...notFound, 'INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { cursor, limit, runId, documentId } = req.query;
      const rows = await connectors.exportLog(
        identityOf(req).tenantId,
        req.params.id,
        { ...(runId ? { runId } : {}), ...(documentId ? { documentId: documentId.toLowerCase() } : {}) },
        page(cursor, limit),
      );
      return timeIdPage(rows, limit, (r) => ({ at: r.at, id: r.id }), toLogEntry);
    },
  );

  app.get(
    '/api/v1/connectors/:id/stats',
    {
      schema: {
        operationId: 'getConnectorStats',
        tags,
        summary:
          'Export statistics (exported, failed, pending, last 30 days) and staged records per resource',
        params: idParams,
        response: { 200: connectorStats },
        errors: [...notFound],
      },
      preHandler: guard('member'),
    },
    async (req) => connectors.stats(identityOf(req).tenantId, req.params.id),
  );

  app.get(
    '/api/v1/connectors/:id/records',
    {
      schema: {
        operationId: 'listConnectorRecords',
        tags,
        summary: 'Records pulled from the ERP (latest version each), most recently changed first',
        params: idParams,
        querystring: stagedRecordListQuery,
        response: { 200: stagedRecordPage },
        errors: [...notFound, 'INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { cursor, limit, ...filter } = req.query;
      const rows = await connectors.records(
        identityOf(req).tenantId,
        req.params.id,
        filter,
        page(cursor, limit),
      );
      return timeIdPage(rows, limit, (r) => ({ at: r.lastModifiedAt, id: r.id }), toRecord);
    },
  );

  app.post(
    '/api/v1/connectors/:id/records/review',
    {
      schema: {
        operationId: 'reviewConnectorRecords',
        tags,
        summary: 'Accept staged records for import (announced to the module that owns them) or ignore them',
        params: idParams,
        body: recordReviewBody,
        response: { 200: recordReviewResult },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req) => ({
      changed: await connectors.review(
        identityOf(req).tenantId,
        actorOf(req),
        req.params.id,
        req.body.ids,
        req.body.action,
      ),
    }),
  );
}
