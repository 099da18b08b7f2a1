import {
  catalogEntry,
  catalogEntryCreateBody,
  catalogEntryPage,
  catalogEntryUpdateBody,
  catalogImportResult,
  catalogListQuery,
  decodeCursor,
  encodeCursor,
  idParams,
} from '@boveda/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { invalidCursor } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { type CatalogService, toCatalogEntry } from './catalog.service.js';

const tags = ['catalog'];
const notFound = ['CATALOG_ENTRY_NOT_FOUND'] as const;
/** A chart of accounts of 5,000 lines is well under this. */
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
const csvBody = z
  .custom<Buffer>((b) => Buffer.isBuffer(b))
  .meta({
    type: 'string',
    format: 'binary',
    description: 'The CSV file (UTF-8, with or without BOM; `,` or `;`)',
  });

/**
 * `/api/v1/catalog/entries`: the organization's categories and accounts. Viewers read; members
 * create, change, deactivate and import (the same people who validate invoices keep the catalogue).
 */
export function registerCatalogRoutes(app: HttpServer, deps: { catalog: CatalogService; guard: Guard }) {
  const { catalog, guard } = deps;

  app.get(
    '/api/v1/catalog/entries',
    {
      schema: {
        operationId: 'listCatalogEntries',
        tags,
        summary: 'Categories and accounts, by kind then code (active ones unless `active=all|false`)',
        querystring: catalogListQuery,
        response: { 200: catalogEntryPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const { limit, cursor, ...filters } = req.query;
      let after: [string, string] | undefined;
      if (cursor) {
        const keys = decodeCursor(cursor, 'catalog');
        if (!keys || typeof keys[0] !== 'string' || typeof keys[1] !== 'string') throw invalidCursor();
        after = [keys[0], keys[1]];
      }
      const rows = await catalog.list(identityOf(req).tenantId, filters, {
        limit: limit + 1,
        ...(after ? { after } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toCatalogEntry),
        nextCursor: rows.length > limit && last ? encodeCursor([last.kind, last.code], 'catalog') : null,
      };
    },
  );

  app.post(
    '/api/v1/catalog/entries',
    {
      schema: {
        operationId: 'createCatalogEntry',
        tags,
        summary: 'Add a category or an account (its kind and code are unique in the organization)',
        body: catalogEntryCreateBody,
        response: { 201: catalogEntry },
        errors: ['CATALOG_CODE_TAKEN'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toCatalogEntry(await catalog.create(identityOf(req).tenantId, actorOf(req), req.body))),
  );

  app.get(
    '/api/v1/catalog/entries/:id',
    {
      schema: {
        operationId: 'getCatalogEntry',
        tags,
        summary: 'One category or account',
        params: idParams,
        response: { 200: catalogEntry },
        errors: [...notFound],
      },
      preHandler: guard('viewer'),
    },
    async (req) => toCatalogEntry(await catalog.get(identityOf(req).tenantId, req.params.id)),
  );

  app.patch(
    '/api/v1/catalog/entries/:id',
    {
      schema: {
        operationId: 'updateCatalogEntry',
        tags,
        summary: 'Rename, move or (de)activate an entry; its kind and code never change',
        params: idParams,
        body: catalogEntryUpdateBody,
        response: { 200: catalogEntry },
        errors: [...notFound],
      },
      preHandler: guard('member'),
    },
    async (req) =>
      toCatalogEntry(await catalog.update(identityOf(req).tenantId, actorOf(req), req.params.id, req.body)),
  );

  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // The file as sent, in this scope only.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser(
      ['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'],
      { parseAs: 'buffer' },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/catalog/entries/import',
      {
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          operationId: 'importCatalogEntries',
          tags,
          summary: 'Import categories and accounts from a CSV: new codes created, known ones updated',
          description:
            'Send the file as `text/csv` (at most 2 MB, 5,000 lines). UTF-8 with or without BOM; `,` or `;` as separator. ' +
            'The header names the columns, in Spanish or English: `tipo` (categoria | cuenta), `clave`, `nombre`, and optionally ' +
            '`cuenta_padre`, `codigo_agrupador`, `activo` (sí | no). Each bad line is answered in `rejected` with its line ' +
            'number and reason; the good ones are imported.',
          consumes: ['text/csv'],
          body: csvBody,
          response: { 200: catalogImportResult },
          errors: ['CATALOG_IMPORT_INVALID'],
        },
        preHandler: guard('member'),
      },
      async (req) => catalog.importCsv(identityOf(req).tenantId, actorOf(req), req.body),
    );
  });
}
