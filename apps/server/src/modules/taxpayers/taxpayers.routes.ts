import {
  rfcParams,
  type TaxpayerItem,
  taxpayerItem,
  taxpayerListQuery,
  taxpayerPage,
} from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { EfirmaFiles } from './efirma-validation.js';
import { taxpayerErrors } from './taxpayers.errors.js';
import type { TaxpayersService, TaxpayerView } from './taxpayers.service.js';

// A SAT .cer or .key is 1–2 KB; anything near this limit is not one.
const MAX_EFIRMA_FILE_BYTES = 64 * 1024;

// Documentation only (OpenAPI lists the multipart body); the parts are read by readEfirmaForm.
const efirmaForm = z.unknown().meta({
  type: 'object',
  required: ['certificate', 'privateKey', 'password'],
  properties: {
    certificate: { type: 'string', format: 'binary', description: 'The e.firma certificate (.cer)' },
    privateKey: { type: 'string', format: 'binary', description: 'The e.firma private key (.key)' },
    password: { type: 'string', description: 'The private key password' },
  },
});

const toItem = (t: TaxpayerView): TaxpayerItem => ({
  ...t,
  validFrom: t.validFrom.toISOString(),
  validUntil: t.validUntil.toISOString(),
  createdAt: t.createdAt.toISOString(),
  removedAt: t.removedAt?.toISOString() ?? null,
});

/** Reads the three parts; other parts are drained and ignored. Nothing is written anywhere. */
async function readEfirmaForm(req: FastifyRequest): Promise<EfirmaFiles> {
  if (!req.isMultipart()) {
    throw appError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send multipart/form-data with certificate, privateKey and password.',
    );
  }
  let certificate: Buffer | undefined;
  let privateKey: Buffer | undefined;
  let password: string | undefined;
  for await (const part of req.parts({ limits: { fileSize: MAX_EFIRMA_FILE_BYTES, files: 4, fields: 8 } })) {
    if (part.type === 'file') {
      if (part.fieldname === 'certificate') certificate = await part.toBuffer();
      else if (part.fieldname === 'privateKey') privateKey = await part.toBuffer();
      else part.file.resume();
    } else if (part.fieldname === 'password' && typeof part.value === 'string') {
      password = part.value;
    }
  }
  const missing = [
    certificate?.length ? null : 'certificate (.cer)',
    privateKey?.length ? null : 'privateKey (.key)',
    password ? null : 'password',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) throw taxpayerErrors('EFIRMA_MISSING_FILE', `Missing: ${missing.join(', ')}.`);
  return { certificate: certificate!, privateKey: privateKey!, password: password! };
}

export function registerTaxpayerRoutes(app: HttpServer, deps: { taxpayers: TaxpayersService; guard: Guard }) {
  const { taxpayers, guard } = deps;

  app.post(
    '/api/v1/taxpayers',
    {
      schema: {
        operationId: 'createTaxpayer',
        tags: ['taxpayers'],
        summary: 'Register a taxpayer with its e.firma',
        description:
          'multipart/form-data with the files `certificate` (.cer) and `privateKey` (.key) and the field `password`. ' +
          'The RFC and name come from the certificate. When it is refused (see the responses), nothing is stored.',
        consumes: ['multipart/form-data'],
        body: efirmaForm,
        response: { 201: taxpayerItem },
        errors: [
          'EFIRMA_MISSING_FILE',
          'EFIRMA_NOT_A_CERTIFICATE',
          'EFIRMA_NOT_ISSUED_BY_SAT',
          'EFIRMA_NOT_A_KEY',
          'EFIRMA_KEY_UNSUPPORTED',
          'EFIRMA_IS_CSD',
          'EFIRMA_EXPIRED',
          'EFIRMA_NOT_YET_VALID',
          'EFIRMA_BAD_PASSWORD',
          'EFIRMA_KEY_MISMATCH',
          'EFIRMA_CHECK_UNAVAILABLE',
          'TAXPAYER_ALREADY_EXISTS',
        ],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const files = await readEfirmaForm(req);
      const created = await taxpayers.addTaxpayer(identityOf(req).tenantId, files, actorOf(req));
      return reply.status(201).send(toItem(created));
    },
  );

  app.get(
    '/api/v1/taxpayers',
    {
      schema: {
        operationId: 'listTaxpayers',
        tags: ['taxpayers'],
        summary: "The organization's taxpayers with their e.firma validity, by RFC",
        querystring: taxpayerListQuery,
        response: { 200: taxpayerPage },
      },
      preHandler: guard('viewer'),
    },
    async (req) => {
      const items = await taxpayers.listTaxpayers(identityOf(req).tenantId, {
        includeRemoved: req.query.includeRemoved === 'true',
      });
      // Every taxpayer at once: the envelope is every list's, with no next page.
      return { items: items.map(toItem), nextCursor: null };
    },
  );

  app.get(
    '/api/v1/taxpayers/:rfc',
    {
      schema: {
        operationId: 'getTaxpayer',
        tags: ['taxpayers'],
        summary: 'One registered taxpayer: certificate serial, validity, status',
        params: rfcParams,
        response: { 200: taxpayerItem },
        errors: ['TAXPAYER_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => toItem(await taxpayers.getTaxpayer(identityOf(req).tenantId, req.params.rfc)),
  );

  app.delete(
    '/api/v1/taxpayers/:rfc',
    {
      schema: {
        operationId: 'removeTaxpayer',
        tags: ['taxpayers'],
        summary: 'Remove a taxpayer: erases its e.firma and keeps a tombstone so its history stays linked',
        params: rfcParams,
        response: { 204: noContent('Removed') },
        errors: ['TAXPAYER_NOT_FOUND'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await taxpayers.removeTaxpayer(identityOf(req).tenantId, req.params.rfc, actorOf(req));
      return reply.status(204).send();
    },
  );
}
