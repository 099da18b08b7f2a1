import { Readable } from 'node:stream';
import {
  CFDI_PARSE_MAX_BYTES,
  cfdiDetail,
  cfdiFilterQuery,
  cfdiListQuery,
  cfdiPage,
  cfdiParams,
  cfdiParseBody,
  cfdiTotals,
  cfdiZipQuery,
  metadataFilterQuery,
  metadataListQuery,
  metadataPage,
  metadataReconciliation,
  metadataReconciliationQuery,
  metadataTotals,
  parsedCfdi,
  taxpayerSummaryParams,
  taxpayerSummaryQuery,
  yearSummary,
} from '@boveda/contracts';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { fileResponse } from '../../platform/http/openapi.js';
import type { CfdiDownloadService } from './cfdi.downloads.service.js';
import { type CfdiParseService, unparsable } from './cfdi.parse.service.js';
import type { CfdiSearchService, ExportFormat } from './cfdi.search.service.js';
import type {
  CfdiFilters,
  CommonFilters,
  MetadataFilters,
  SortField,
  SortOrder,
  SortSpec,
} from './cfdi.search.sql.js';
import { attachment, exportFileName } from './export/xml-zip.js';
import { decodeXml, isCfdiParseError } from './parsing/index.js';

const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: `${MEDIA_TYPES.csv}; charset=utf-8`,
  xlsx: MEDIA_TYPES.xlsx,
};

/** Query → repository filters (undefined dropped) and sort. */
function filtersOf(query: { sort: SortField; order: SortOrder } & Record<string, unknown>): {
  filters: CfdiFilters & MetadataFilters;
  sort: SortSpec;
} {
  const { sort, order, cursor: _cursor, limit: _limit, pdf: _pdf, ...rest } = query;
  const filters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) filters[k] = v;
  return { filters: filters as CfdiFilters & MetadataFilters, sort: { field: sort, order } };
}

function checkFilters(filters: CommonFilters) {
  if (filters.direction && !filters.rfc) {
    throw appError('VALIDATION_FAILED', '`direction` needs `rfc`: issued or received by whom?', {
      errors: [
        {
          path: 'querystring.direction',
          code: 'requires_field',
          params: { field: 'rfc' },
          message: 'requires rfc',
        },
      ],
    });
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    throw appError('VALIDATION_FAILED', '`from` is after `to`.', {
      errors: [
        { path: 'querystring.from', code: 'after_field', params: { field: 'to' }, message: 'after to' },
      ],
    });
  }
  // Both are exact decimal strings checked by the contract; comparing them as numbers is safe here.
  if (filters.minTotal && filters.maxTotal && Number(filters.minTotal) > Number(filters.maxTotal)) {
    throw appError('VALIDATION_FAILED', '`minTotal` is above `maxTotal`.', {
      errors: [
        {
          path: 'querystring.minTotal',
          code: 'above_field',
          params: { field: 'maxTotal' },
          message: 'above maxTotal',
        },
      ],
    });
  }
}

function sendExport(
  reply: FastifyReply,
  prefix: 'CFDI' | 'Metadatos',
  filters: CfdiFilters & MetadataFilters,
  format: ExportFormat,
  chunks: AsyncIterable<unknown>,
) {
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', attachment(exportFileName(prefix, filters, format)))
    .header('cache-control', 'no-store')
    .send(Readable.from(chunks));
}

export function registerCfdiRoutes(
  app: HttpServer,
  deps: {
    cfdiSearch: CfdiSearchService;
    cfdiDownloads: CfdiDownloadService;
    cfdiParse: CfdiParseService;
    guard: Guard;
  },
) {
  const { cfdiSearch, cfdiDownloads, cfdiParse, guard } = deps;
  const viewer = guard('viewer');

  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // The XML as sent, in this scope only (elsewhere an XML body stays 415). Bytes are decoded as
    // the parser decodes a file: a BOM or the XML declaration's encoding, invalid bytes refused.
    // text/plain would reach the handler decoded as UTF-8 whatever the XML declares: 415 instead.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (_req, body, done) => {
      try {
        done(null, decodeXml(body as Buffer, CFDI_PARSE_MAX_BYTES));
      } catch (e) {
        done(isCfdiParseError(e) ? unparsable(e) : (e as Error), undefined);
      }
    });
    scope.post(
      '/api/v1/cfdi/parse',
      {
        bodyLimit: CFDI_PARSE_MAX_BYTES,
        schema: {
          operationId: 'parseCfdi',
          tags: ['cfdi'],
          summary: 'Parse one CFDI XML into its normalized JSON; nothing is stored',
          description:
            'Send the XML as `application/xml` or `text/xml` (any encoding its declaration or BOM names), or JSON `{ "xml": "…" }`; at most 5 MB. A stamped CFDI 4.0, 3.3, 3.2 or Retenciones 1.0/2.0 answers its normalized fields and the whole document as JSON; anything else is 422 CFDI_UNPARSABLE, whose `detail` starts with the parser\'s code.',
          consumes: ['application/xml', 'text/xml', 'application/json'],
          body: cfdiParseBody,
          response: { 200: parsedCfdi },
          errors: ['CFDI_UNPARSABLE'],
        },
        preHandler: viewer,
      },
      async (req) => cfdiParse.parseDocument(typeof req.body === 'string' ? req.body : req.body.xml),
    );
  });

  app.get(
    '/api/v1/cfdi',
    {
      schema: {
        operationId: 'listCfdi',
        tags: ['cfdi'],
        summary: 'Search stored CFDI; keyset pagination (`nextCursor`), amounts as exact decimal strings',
        querystring: cfdiListQuery,
        response: { 200: cfdiPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: viewer,
    },
    async (req) => {
      const { filters, sort } = filtersOf(req.query);
      checkFilters(filters);
      return cfdiSearch.searchCfdi(identityOf(req).tenantId, filters, {
        sort,
        limit: req.query.limit,
        cursor: req.query.cursor,
      });
    },
  );

  app.get(
    '/api/v1/cfdi/totals',
    {
      schema: {
        operationId: 'getCfdiTotals',
        tags: ['cfdi'],
        summary:
          'How many CFDI a search finds and their sums in MXN by tipo, with income net of credit notes',
        querystring: cfdiFilterQuery,
        response: { 200: cfdiTotals },
      },
      preHandler: viewer,
    },
    async (req) => {
      const { filters } = filtersOf(req.query);
      checkFilters(filters);
      return cfdiSearch.searchTotals(identityOf(req).tenantId, filters);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    const Format = format === 'csv' ? 'Csv' : 'Xlsx';
    const file = fileResponse(MEDIA_TYPES[format], `A ${format.toUpperCase()} file, sent as an attachment`);
    app.get(
      `/api/v1/cfdi/export.${format}`,
      {
        schema: {
          operationId: `exportCfdi${Format}`,
          tags: ['cfdi'],
          summary: `Every CFDI of a search as ${format.toUpperCase()} (same filters and sort), streamed`,
          querystring: cfdiFilterQuery,
          response: { 200: file },
        },
        preHandler: viewer,
      },
      async (req, reply) => {
        const { filters, sort } = filtersOf(req.query);
        checkFilters(filters);
        const chunks = await cfdiSearch.exportCfdi(
          identityOf(req).tenantId,
          actorOf(req),
          filters,
          sort,
          format,
        );
        return sendExport(reply, 'CFDI', filters, format, chunks);
      },
    );
    app.get(
      `/api/v1/metadata/export.${format}`,
      {
        schema: {
          operationId: `exportMetadata${Format}`,
          tags: ['cfdi'],
          summary: `Every metadata row of a search as ${format.toUpperCase()}, streamed`,
          querystring: metadataFilterQuery,
          response: { 200: file },
        },
        preHandler: viewer,
      },
      async (req, reply) => {
        const { filters, sort } = filtersOf(req.query);
        checkFilters(filters);
        const tenantId = identityOf(req).tenantId;
        const chunks = await cfdiSearch.exportMetadata(tenantId, actorOf(req), filters, sort, format);
        return sendExport(reply, 'Metadatos', filters, format, chunks);
      },
    );
  }

  app.get(
    '/api/v1/cfdi/export.zip',
    {
      schema: {
        operationId: 'exportCfdiZip',
        tags: ['cfdi'],
        summary:
          'The original XML of every CFDI of a search (or of the selected `uuids`) as one ZIP, streamed',
        description:
          'Same filters and sort as `export.csv`. Each CFDI is `<RFC emisor>_<serie><folio>_<UUID>.xml`, byte for byte as stored; with `pdf=true` its PDF beside it. CFDI whose XML is not stored are listed in `NO_INCLUIDOS.txt`. More CFDI than `CFDI_ZIP_MAX_DOCUMENTS` (or `CFDI_ZIP_MAX_PDF` with PDFs) is 422 `CFDI_ZIP_TOO_LARGE`, before any byte.',
        querystring: cfdiZipQuery,
        response: { 200: fileResponse('application/zip', 'A ZIP file, sent as an attachment') },
        errors: ['CFDI_ZIP_TOO_LARGE'],
      },
      preHandler: viewer,
    },
    async (req, reply) => {
      const { filters, sort } = filtersOf(req.query);
      checkFilters(filters);
      const zip = await cfdiDownloads.zip(identityOf(req).tenantId, actorOf(req), filters, sort, {
        pdf: req.query.pdf,
      });
      return reply
        .type('application/zip')
        .header('content-disposition', attachment(zip.fileName))
        .header('cache-control', 'no-store')
        .header('x-cfdi-count', String(zip.count))
        .send(Readable.from(zip.chunks));
    },
  );

  app.get(
    '/api/v1/cfdi/:uuid/pdf',
    {
      schema: {
        operationId: 'getCfdiPdf',
        tags: ['cfdi'],
        summary: 'The PDF representation of a stored CFDI (generic layout), generated once and kept',
        params: cfdiParams,
        response: { 200: fileResponse('application/pdf', 'The PDF, sent as an attachment') },
        errors: ['CFDI_NOT_FOUND', 'CFDI_XML_UNAVAILABLE', 'CFDI_XML_UNREADABLE', 'CFDI_PDF_FAILED'],
      },
      preHandler: viewer,
    },
    async (req, reply) => {
      const pdf = await cfdiDownloads.pdf(identityOf(req).tenantId, req.params.uuid);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${req.params.uuid.toLowerCase()}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/cfdi/:uuid',
    {
      schema: {
        operationId: 'getCfdi',
        tags: ['cfdi'],
        summary: 'One CFDI: normalized fields and the full document as JSON',
        params: cfdiParams,
        response: { 200: cfdiDetail },
        errors: ['CFDI_NOT_FOUND'],
      },
      preHandler: viewer,
    },
    async (req) => cfdiSearch.getCfdi(identityOf(req).tenantId, req.params.uuid),
  );

  app.get(
    '/api/v1/cfdi/:uuid/xml',
    {
      schema: {
        operationId: 'getCfdiXml',
        tags: ['cfdi'],
        summary: 'The original XML, byte for byte as stored',
        params: cfdiParams,
        response: { 200: fileResponse('application/xml', 'The XML, sent as an attachment') },
        errors: ['CFDI_NOT_FOUND', 'CFDI_XML_UNAVAILABLE', 'CFDI_XML_UNREADABLE'],
      },
      preHandler: viewer,
    },
    async (req, reply) => {
      const body = await cfdiSearch.originalXml(identityOf(req).tenantId, req.params.uuid);
      return reply
        .type('application/xml')
        .header('content-disposition', `attachment; filename="${req.params.uuid.toLowerCase()}.xml"`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/metadata',
    {
      schema: {
        operationId: 'listMetadata',
        tags: ['cfdi'],
        summary: 'Search SAT metadata rows; same filters (`efecto` instead of `tipo`), keyset pagination',
        querystring: metadataListQuery,
        response: { 200: metadataPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: viewer,
    },
    async (req) => {
      const { filters, sort } = filtersOf(req.query);
      checkFilters(filters);
      return cfdiSearch.searchMetadata(identityOf(req).tenantId, filters, {
        sort,
        limit: req.query.limit,
        cursor: req.query.cursor,
      });
    },
  );

  app.get(
    '/api/v1/metadata/totals',
    {
      schema: {
        operationId: 'getMetadataTotals',
        tags: ['cfdi'],
        summary:
          'How many metadata rows a search finds: not cancelled (with `monto` by efecto), cancelled, and missing their XML',
        querystring: metadataFilterQuery,
        response: { 200: metadataTotals },
      },
      preHandler: viewer,
    },
    async (req) => {
      const { filters } = filtersOf(req.query);
      checkFilters(filters);
      return cfdiSearch.metadataTotals(identityOf(req).tenantId, filters);
    },
  );

  app.get(
    '/api/v1/metadata/reconciliation',
    {
      schema: {
        operationId: 'getMetadataReconciliation',
        tags: ['cfdi'],
        summary:
          "A taxpayer's SAT metadata against its vault, per month and direction: rows, cancelled, CFDI stored, XML missing",
        description:
          'By `year` (default: the current Mexico City year) or the whole months from `from` to `to` (at most 24). Missing = not cancelled and no stored CFDI with that UUID, as `missingXml=true` lists them.',
        querystring: metadataReconciliationQuery,
        response: { 200: metadataReconciliation },
        errors: ['RECONCILIATION_PERIOD_TOO_LONG'],
      },
      preHandler: viewer,
    },
    async (req) => cfdiSearch.reconciliation(identityOf(req).tenantId, req.query.rfc, req.query),
  );

  app.get(
    '/api/v1/taxpayers/:rfc/summary',
    {
      schema: {
        operationId: 'getTaxpayerSummary',
        tags: ['cfdi'],
        summary:
          'Per month of a year: issued and received CFDI by tipo and currency (counts, subtotal, taxes, total); ' +
          'cancelled ones are counted apart and left out of the sums; `net`: income and expenses as base and IVA ' +
          'with credit notes subtracted; `yearsWithData`; without `year`, the newest year with data',
        params: taxpayerSummaryParams,
        querystring: taxpayerSummaryQuery,
        response: { 200: yearSummary },
      },
      preHandler: viewer,
    },
    async (req) => {
      return cfdiSearch.yearSummary(identityOf(req).tenantId, req.params.rfc, req.query.year);
    },
  );
}
