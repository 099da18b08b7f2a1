import {
  facturifyTokenIssued,
  facturifyTokenStatus,
  facturifyTokenValue,
  pacAccountBody,
  pacAccountView,
} from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf, readerOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { TokenRecord } from './facturify/token-record.js';
import { maskToken, type PacService } from './pac.service.js';

const tags = ['pac'];
const pacErrors = ['PAC_NOT_CONFIGURED', 'PAC_CREDENTIALS_REJECTED', 'PAC_UNAVAILABLE'] as const;

/** Only an API key holding `pac:token` (an internal service) sees the raw bearer token. */
const mayReadToken = (req: FastifyRequest) => identityOf(req).scopes?.includes('pac:token') ?? false;

function issued(req: FastifyRequest, record: TokenRecord, message: string) {
  return {
    message,
    jwt: {
      token: mayReadToken(req) ? record.token : maskToken(record.token),
      expires_in: Math.max(0, Math.floor((record.expiresAt - Date.now()) / 1000)),
    },
  };
}

/**
 * The organization's PAC account (`/api/v1/pac/account`: read by members, changed by admins) and
 * the four Facturify token endpoints of the system we replace, same paths and shapes, for the
 * caller's organization. Forcing a new token is for admins; reading one for members, masked unless
 * the key holds `pac:token`.
 */
export function registerPacRoutes(app: HttpServer, deps: { pac: PacService; guard: Guard }) {
  const { pac, guard } = deps;

  app.get(
    '/api/v1/pac/account',
    {
      schema: {
        operationId: 'getPacAccount',
        tags,
        summary: 'Which Facturify account the organization stamps with (its own, the instance’s, or none)',
        response: { 200: pacAccountView },
      },
      preHandler: guard('member'),
    },
    async (req) => pac.account(identityOf(req).tenantId),
  );

  app.put(
    '/api/v1/pac/account',
    {
      schema: {
        operationId: 'connectPacAccount',
        tags,
        summary: 'Connect the organization’s Facturify account (API key and secret, stored encrypted)',
        body: pacAccountBody,
        response: { 200: pacAccountView },
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const tenantId = identityOf(req).tenantId;
      await pac.connect(tenantId, actorOf(req), req.body);
      return pac.account(tenantId);
    },
  );

  app.delete(
    '/api/v1/pac/account',
    {
      schema: {
        operationId: 'disconnectPacAccount',
        tags,
        summary: 'Forget the organization’s Facturify account (the instance’s, if any, applies again)',
        response: { 204: noContent('Disconnected') },
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await pac.disconnect(identityOf(req).tenantId, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/facturify/auth/token',
    {
      schema: {
        operationId: 'issueFacturifyToken',
        tags,
        summary: 'A new Facturify token from /auth (one process at a time, shared by every process)',
        response: { 200: facturifyTokenIssued },
        errors: [...pacErrors],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const { record } = await pac.issueToken(identityOf(req).tenantId, readerOf(req));
      return issued(req, record, 'Token obtenido');
    },
  );

  app.post(
    '/api/v1/facturify/auth/token/refresh',
    {
      schema: {
        operationId: 'refreshFacturifyToken',
        tags,
        summary: 'Refresh the Facturify token (a new one from /auth when the chain has ended)',
        response: { 200: facturifyTokenIssued },
        errors: [...pacErrors],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const { record } = await pac.refreshToken(identityOf(req).tenantId, readerOf(req));
      return issued(req, record, record.source === 'refresh' ? 'Token renovado' : 'Token obtenido');
    },
  );

  app.get(
    '/api/v1/facturify/auth/token',
    {
      schema: {
        operationId: 'getFacturifyToken',
        tags,
        summary:
          'A valid Facturify token (refreshed if needed) and its seconds left; masked unless the key holds pac:token',
        response: { 200: facturifyTokenValue },
        errors: [...pacErrors],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { token, ttl } = await pac.currentToken(identityOf(req).tenantId, readerOf(req));
      return { token: mayReadToken(req) ? token : maskToken(token), ttl };
    },
  );

  app.get(
    '/api/v1/facturify/auth/token/status',
    {
      schema: {
        operationId: 'getFacturifyTokenStatus',
        tags,
        summary:
          'Whether a token is held, its seconds left, the refresh schedule and the credentials breaker',
        response: { 200: facturifyTokenStatus },
        errors: ['PAC_NOT_CONFIGURED'],
      },
      preHandler: guard('member'),
    },
    async (req) => pac.status(identityOf(req).tenantId, readerOf(req)),
  );
}
