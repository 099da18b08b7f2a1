import {
  idParams,
  pageQuery,
  webhookAttemptListQuery,
  webhookAttemptPage,
  webhookEndpoint,
  webhookEndpointCreateBody,
  webhookEndpointCreated,
  webhookEndpointPage,
  webhookEndpointStats,
  webhookEndpointUpdateBody,
  webhookEventTypePage,
  webhookMessageDetail,
  webhookMessageListQuery,
  webhookMessagePage,
  webhookQueued,
  webhookRecoverBody,
  webhookResendBody,
  webhookSecret,
  webhookTestResult,
} from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { afterTimeId, timeIdPage } from '../../platform/http/cursors.js';
import { actorOf, type Guard, identityOf, readerOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import { toAttempt, toEndpoint, toMessage } from './webhook-views.js';
import type { WebhooksService } from './webhooks.service.js';

const tags = ['webhooks'];
const notFound = ['WEBHOOK_ENDPOINT_NOT_FOUND'] as const;
const urlErrors = ['WEBHOOK_URL_INVALID', 'WEBHOOK_URL_NOT_HTTPS', 'WEBHOOK_URL_BLOCKED'] as const;

function range(since?: string, until?: string) {
  const from = since ? new Date(since) : undefined;
  const to = until ? new Date(until) : undefined;
  if (from && to && from >= to)
    throw appError('VALIDATION_FAILED', '`since` is not before `until`.', {
      errors: [
        { path: 'since', code: 'not_before_field', params: { field: 'until' }, message: 'not before until' },
      ],
    });
  return { since: from, until: to };
}

const paged = timeIdPage;
const after = afterTimeId;

/**
 * Reading endpoints and the delivery log needs `member`; everything that changes an endpoint, shows
 * its secret or sends something needs `admin`. The tenant always comes from the identity.
 */
export function registerWebhookRoutes(app: HttpServer, deps: { webhooks: WebhooksService; guard: Guard }) {
  const { webhooks, guard } = deps;

  app.get(
    '/api/v1/webhooks/event-types',
    {
      schema: {
        operationId: 'listWebhookEventTypes',
        tags,
        summary:
          'The event types an endpoint can subscribe to, each with its version, JSON Schema and an example',
        response: { 200: webhookEventTypePage },
      },
      preHandler: guard('viewer'),
    },
    async () => ({ items: webhooks.eventTypes(), nextCursor: null }),
  );

  app.post(
    '/api/v1/webhooks/endpoints',
    {
      schema: {
        operationId: 'createWebhookEndpoint',
        tags,
        summary: 'Register an endpoint; the answer carries its signing secret, shown this once',
        body: webhookEndpointCreateBody,
        response: { 201: webhookEndpointCreated },
        errors: [...urlErrors, 'WEBHOOK_TOO_MANY_ENDPOINTS'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const { row, secret } = await webhooks.createEndpoint(identityOf(req).tenantId, actorOf(req), req.body);
      return reply.status(201).send({ ...toEndpoint(row), secret });
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints',
    {
      schema: {
        operationId: 'listWebhookEndpoints',
        tags,
        summary: 'The organization’s endpoints, newest first',
        querystring: pageQuery(50, 200),
        response: { 200: webhookEndpointPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { limit, cursor } = req.query;
      const rows = await webhooks.listEndpoints(identityOf(req).tenantId, {
        limit: limit + 1,
        ...after(cursor),
      });
      return paged(rows, limit, (r) => ({ at: r.createdAt, id: r.id }), toEndpoint);
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints/:id',
    {
      schema: {
        operationId: 'getWebhookEndpoint',
        tags,
        summary: 'One endpoint',
        params: idParams,
        response: { 200: webhookEndpoint },
        errors: [...notFound],
      },
      preHandler: guard('member'),
    },
    async (req) => toEndpoint(await webhooks.getEndpoint(identityOf(req).tenantId, req.params.id)),
  );

  app.patch(
    '/api/v1/webhooks/endpoints/:id',
    {
      schema: {
        operationId: 'updateWebhookEndpoint',
        tags,
        summary: 'Change an endpoint; enabling it again starts a fresh run (its failures no longer count)',
        params: idParams,
        body: webhookEndpointUpdateBody,
        response: { 200: webhookEndpoint },
        errors: [...notFound, ...urlErrors],
      },
      preHandler: guard('admin'),
    },
    async (req) =>
      toEndpoint(
        await webhooks.updateEndpoint(identityOf(req).tenantId, actorOf(req), req.params.id, req.body),
      ),
  );

  app.delete(
    '/api/v1/webhooks/endpoints/:id',
    {
      schema: {
        operationId: 'deleteWebhookEndpoint',
        tags,
        summary: 'Delete an endpoint with its deliveries and log',
        params: idParams,
        response: { 204: noContent('Deleted') },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await webhooks.deleteEndpoint(identityOf(req).tenantId, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints/:id/secret',
    {
      schema: {
        operationId: 'getWebhookEndpointSecret',
        tags,
        summary: 'The endpoint’s signing secret (admins; the reading is audited)',
        params: idParams,
        response: { 200: webhookSecret },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const r = await webhooks.revealSecret(identityOf(req).tenantId, req.params.id, readerOf(req));
      return { secret: r.secret, previousSecretExpiresAt: r.previousSecretExpiresAt?.toISOString() ?? null };
    },
  );

  app.post(
    '/api/v1/webhooks/endpoints/:id/secret/rotate',
    {
      schema: {
        operationId: 'rotateWebhookEndpointSecret',
        tags,
        summary: 'A new signing secret; the old one keeps signing beside it for 24 h',
        params: idParams,
        response: { 200: webhookSecret },
        errors: [...notFound],
      },
      preHandler: guard('admin'),
    },
    async (req) => {
      const id = identityOf(req);
      const r = await webhooks.rotateSecret(id.tenantId, actorOf(req), req.params.id, readerOf(req));
      return { secret: r.secret, previousSecretExpiresAt: r.previousSecretExpiresAt?.toISOString() ?? null };
    },
  );

  app.post(
    '/api/v1/webhooks/endpoints/:id/test',
    {
      schema: {
        operationId: 'sendWebhookTest',
        tags,
        summary: 'Send a `webhook.test` event to this endpoint (one attempt, shown in its log)',
        params: idParams,
        response: { 202: webhookTestResult },
        errors: [...notFound, 'WEBHOOK_ENDPOINT_DISABLED'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) =>
      reply.status(202).send(await webhooks.sendTest(identityOf(req).tenantId, req.params.id)),
  );

  app.post(
    '/api/v1/webhooks/endpoints/:id/recover',
    {
      schema: {
        operationId: 'recoverWebhookEndpoint',
        tags,
        summary: 'Resend every failed message of the endpoint created since a time (bulk replay)',
        params: idParams,
        body: webhookRecoverBody,
        response: { 202: webhookQueued },
        errors: [...notFound, 'WEBHOOK_ENDPOINT_DISABLED'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const { since, until } = range(req.body.since, req.body.until);
      const result = await webhooks.recover(
        identityOf(req).tenantId,
        actorOf(req),
        req.params.id,
        since!,
        until ?? new Date(),
      );
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints/:id/stats',
    {
      schema: {
        operationId: 'getWebhookEndpointStats',
        tags,
        summary: 'Success rate and latency over 24 h and 7 days, pending deliveries',
        params: idParams,
        response: { 200: webhookEndpointStats },
        errors: [...notFound],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { row, periods, pending } = await webhooks.stats(identityOf(req).tenantId, req.params.id);
      return {
        periods: periods.map((p) => ({
          period: p.period,
          attempts: p.attempts,
          succeeded: p.succeeded,
          failed: p.attempts - p.succeeded,
          successRate: p.attempts > 0 ? p.succeeded / p.attempts : null,
          latencyP50Ms: p.p50,
          latencyP95Ms: p.p95,
        })),
        pending,
        lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
        lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
      };
    },
  );

  app.get(
    '/api/v1/webhooks/messages',
    {
      schema: {
        operationId: 'listWebhookMessages',
        tags,
        summary: 'Messages sent, newest first, with each endpoint’s delivery status',
        querystring: webhookMessageListQuery,
        response: { 200: webhookMessagePage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { limit, cursor, since, until, ...filters } = req.query;
      const rows = await webhooks.listMessages(
        identityOf(req).tenantId,
        { ...filters, ...range(since, until) },
        { limit: limit + 1, ...after(cursor) },
      );
      return paged(rows, limit, (r) => ({ at: r.created_at, id: r.id }), toMessage);
    },
  );

  app.get(
    '/api/v1/webhooks/messages/:id',
    {
      schema: {
        operationId: 'getWebhookMessage',
        tags,
        summary: 'One message with the body sent (the envelope) and its deliveries',
        params: idParams,
        response: { 200: webhookMessageDetail },
        errors: ['WEBHOOK_MESSAGE_NOT_FOUND'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const row = await webhooks.getMessage(identityOf(req).tenantId, req.params.id);
      return { ...toMessage(row), payload: JSON.parse(row.body) as unknown };
    },
  );

  app.post(
    '/api/v1/webhooks/messages/:id/resend',
    {
      schema: {
        operationId: 'resendWebhookMessage',
        tags,
        summary: 'One more attempt of a message, to one endpoint or to every endpoint it went to',
        params: idParams,
        body: webhookResendBody,
        response: { 202: webhookQueued },
        errors: ['WEBHOOK_MESSAGE_NOT_FOUND', ...notFound, 'WEBHOOK_ENDPOINT_DISABLED'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await webhooks.resend(identityOf(req).tenantId, actorOf(req), req.params.id, req.body.endpointId),
        ),
  );

  app.get(
    '/api/v1/webhooks/attempts',
    {
      schema: {
        operationId: 'listWebhookAttempts',
        tags,
        summary: 'The delivery log: every attempt, newest first',
        querystring: webhookAttemptListQuery,
        response: { 200: webhookAttemptPage },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const { limit, cursor, since, until, ...filters } = req.query;
      const rows = await webhooks.listAttempts(
        identityOf(req).tenantId,
        { ...filters, ...range(since, until) },
        { limit: limit + 1, ...after(cursor) },
      );
      return paged(rows, limit, (r) => ({ at: r.at, id: r.id }), toAttempt);
    },
  );
}
