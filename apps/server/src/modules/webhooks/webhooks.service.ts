import { randomUUID } from 'node:crypto';
import {
  type webhookEndpointCreateBody,
  type webhookEndpointUpdateBody,
  webhookEventTypes,
  webhookTestType,
} from '@boveda/contracts';
import type pg from 'pg';
import { z } from 'zod';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Notifications } from '../../platform/notify/index.js';
import type { OutboundClient } from '../../platform/outbound/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import type { AttemptFilters, DeliveriesRepository, MessageFilters } from './deliveries.repository.js';
import { WEBHOOKS_CHANNEL } from './delivery/dispatcher.js';
import { checkEndpointUrl } from './endpoint-url.js';
import { createEndpointsRepository, type EndpointPatch, type EndpointRow } from './endpoints.repository.js';
import { envelope } from './public-events.js';
import { newWebhookSecret } from './signature.js';

type CreateBody = z.output<typeof webhookEndpointCreateBody>;
type UpdateBody = z.output<typeof webhookEndpointUpdateBody>;
type Keyset = { createdAt: Date; id: string };

export interface WebhooksOptions {
  requireHttps: boolean;
  maxEndpoints: number;
  secretOverlapSeconds: number;
}

const cell = (id: string, column: 'secret' | 'previous_secret' | 'headers') => ({
  table: 'webhook_endpoints',
  column,
  id,
});

/** The catalogue as the API publishes it: each type's `data` as JSON Schema, with an example. */
const eventTypeItems = webhookEventTypes.map((t) => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(t.data as z.ZodType, { io: 'output' });
  return { type: t.type, version: t.version, description: t.description, schema, example: t.example };
});

/**
 * Endpoints and the delivery log of an organization. Writes that make deliveries due ring the
 * dispatchers' bell; sending itself happens only in worker processes (delivery/dispatcher.ts).
 */
export function createWebhooksService(deps: {
  db: Db;
  pool: pg.Pool;
  transaction: UnitOfWork;
  notifications: Notifications;
  secretBox: SecretBox;
  outbound: OutboundClient;
  audit: AuditRecorder;
  deliveries: DeliveriesRepository;
  options: WebhooksOptions;
  /** The organization's plan (plans module): refuses an endpoint past its count. */
  quotas?: Pick<Quotas, 'ensureRoom'>;
}) {
  const { secretBox, deliveries, options } = deps;
  const endpoints = createEndpointsRepository(deps.db);
  const urlRules = { outbound: deps.outbound, requireHttps: options.requireHttps };

  async function found(tenantId: string, id: string): Promise<EndpointRow> {
    const row = await endpoints.get(tenantId, id);
    if (!row) throw appError('WEBHOOK_ENDPOINT_NOT_FOUND');
    return row;
  }

  const sealHeaders = async (tenantId: string, id: string, headers: Record<string, string> | undefined) => {
    const names = Object.keys(headers ?? {}).sort();
    return {
      headers: names.length > 0 ? await secretBox.sealColumn(tenantId, cell(id, 'headers'), headers!) : null,
      headerNames: names,
    };
  };

  const ringAfter = async <T>(fn: (tx: Parameters<Parameters<UnitOfWork>[0]>[0]) => Promise<T>) =>
    deps.transaction(async (tx) => {
      const result = await fn(tx);
      await deps.notifications.notify(tx, WEBHOOKS_CHANNEL);
      return result;
    });

  return {
    eventTypes: () => eventTypeItems,

    async createEndpoint(tenantId: string, actor: Actor, body: CreateBody) {
      const url = await checkEndpointUrl(body.url, urlRules);
      if ((await endpoints.count(tenantId)) >= options.maxEndpoints)
        throw appError(
          'WEBHOOK_TOO_MANY_ENDPOINTS',
          `At most ${options.maxEndpoints} endpoints per organization.`,
        );
      const id = randomUUID();
      const secret = newWebhookSecret();
      const sealed = await sealHeaders(tenantId, id, body.headers);
      const sealedSecret = (await secretBox.sealColumn(tenantId, cell(id, 'secret'), secret))!;
      const row = await deps.transaction(async (tx) => {
        await deps.quotas?.ensureRoom(tx, tenantId, 'webhookEndpoints');
        return createEndpointsRepository(tx.db).insert({
          id,
          tenantId,
          url,
          description: body.description ?? '',
          eventTypes: body.eventTypes ? [...new Set(body.eventTypes)] : null,
          enabled: body.enabled ?? true,
          disabledReason: body.enabled === false ? 'manual' : null,
          disabledAt: body.enabled === false ? new Date() : null,
          ...sealed,
          rateLimitPerSecond: body.rateLimitPerSecond ?? null,
          secret: sealedSecret,
        });
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_endpoint.created',
        target: { type: 'webhook_endpoint', id },
        metadata: { host: new URL(url).host, eventTypes: row.eventTypes },
      });
      return { row, secret };
    },

    async listEndpoints(tenantId: string, page: { limit: number; after?: Keyset }) {
      return endpoints.list(tenantId, page);
    },

    getEndpoint: found,

    async updateEndpoint(tenantId: string, actor: Actor, id: string, body: UpdateBody) {
      const current = await found(tenantId, id);
      const patch: EndpointPatch = {};
      if (body.url !== undefined) patch.url = await checkEndpointUrl(body.url, urlRules);
      if (body.description !== undefined) patch.description = body.description;
      if (body.eventTypes !== undefined)
        patch.eventTypes = body.eventTypes ? [...new Set(body.eventTypes)] : null;
      if (body.headers !== undefined) Object.assign(patch, await sealHeaders(tenantId, id, body.headers));
      if (body.rateLimitPerSecond !== undefined) patch.rateLimitPerSecond = body.rateLimitPerSecond;
      if (body.enabled === true && !current.enabled)
        // A fresh start: the old run of failures no longer counts toward disabling it again.
        Object.assign(patch, {
          enabled: true,
          disabledReason: null,
          disabledAt: null,
          failingSince: null,
          consecutiveFailures: 0,
          failureAlertedAt: null,
        });
      if (body.enabled === false && current.enabled)
        Object.assign(patch, { enabled: false, disabledReason: 'manual', disabledAt: new Date() });
      const row = await deps.transaction(async (tx) => {
        const updated = await createEndpointsRepository(tx.db).update(tenantId, id, patch);
        // Nothing waits on a disabled endpoint: its pending deliveries fail (recover brings them back).
        if (patch.enabled === false) await deliveries.failPendingOf(tx, id, 'endpoint disabled');
        return updated;
      });
      if (!row) throw appError('WEBHOOK_ENDPOINT_NOT_FOUND');
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_endpoint.updated',
        target: { type: 'webhook_endpoint', id },
        metadata: { fields: Object.keys(body) },
      });
      return row;
    },

    async deleteEndpoint(tenantId: string, actor: Actor, id: string) {
      if (!(await endpoints.delete(tenantId, id))) throw appError('WEBHOOK_ENDPOINT_NOT_FOUND');
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_endpoint.deleted',
        target: { type: 'webhook_endpoint', id },
      });
    },

    /** Admins only (the route says so); the decryption itself is audited with the reader. */
    async revealSecret(tenantId: string, id: string, reader: Reader) {
      const row = await found(tenantId, id);
      const secret = await secretBox.openColumn<string>(tenantId, cell(id, 'secret'), row.secret, reader);
      return { secret: secret!, previousSecretExpiresAt: row.previousSecretExpiresAt };
    },

    /** A new secret signs from now on; the old one signs beside it for the overlap (24 h). */
    async rotateSecret(tenantId: string, actor: Actor, id: string, reader: Reader) {
      const secret = newWebhookSecret();
      const result = await deps.transaction(async (tx) => {
        const repo = createEndpointsRepository(tx.db);
        const row = await repo.getForUpdate(tenantId, id);
        if (!row) throw appError('WEBHOOK_ENDPOINT_NOT_FOUND');
        const old = await secretBox.openColumn<string>(tenantId, cell(id, 'secret'), row.secret, reader);
        const until = new Date(Date.now() + options.secretOverlapSeconds * 1000);
        await repo.update(tenantId, id, {
          secret: (await secretBox.sealColumn(tenantId, cell(id, 'secret'), secret))!,
          secretVersion: row.secretVersion + 1,
          previousSecret:
            options.secretOverlapSeconds > 0
              ? await secretBox.sealColumn(tenantId, cell(id, 'previous_secret'), old)
              : null,
          previousSecretExpiresAt: options.secretOverlapSeconds > 0 ? until : null,
        });
        return { secret, previousSecretExpiresAt: options.secretOverlapSeconds > 0 ? until : null };
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_endpoint.secret_rotated',
        target: { type: 'webhook_endpoint', id },
      });
      return result;
    },

    /** A `webhook.test` message to this endpoint only: one attempt, visible in its log. */
    async sendTest(tenantId: string, id: string) {
      const row = await found(tenantId, id);
      if (!row.enabled) throw appError('WEBHOOK_ENDPOINT_DISABLED');
      const messageId = randomUUID();
      const now = new Date();
      const data = webhookTestType.data.parse({
        endpointId: id,
        message: 'Evento de prueba de Bóveda: si lo recibes, tu endpoint está listo.',
      });
      await ringAfter(async (tx) => {
        await deliveries.insertMessages(tx, [
          {
            id: messageId,
            tenantId,
            eventType: webhookTestType.type,
            version: webhookTestType.version,
            sourceEventId: null,
            body: envelope(messageId, webhookTestType.type, webhookTestType.version, now, data),
            createdAt: now,
          },
        ]);
        await deliveries.insertDeliveries(tx, [{ tenantId, messageId, endpointId: id, trigger: 'test' }]);
      });
      return { messageId };
    },

    async listMessages(tenantId: string, filters: MessageFilters, page: { limit: number; after?: Keyset }) {
      const rows = await deliveries.listMessages(deps.pool, tenantId, filters, page);
      const all = await deliveries.deliveriesOf(
        deps.pool,
        tenantId,
        rows.map((r) => r.id),
      );
      // Filtered by endpoint, the page is that endpoint's messages: its delivery only.
      return rows.map((r) => ({
        ...r,
        deliveries: all.filter(
          (d) => d.message_id === r.id && (!filters.endpointId || d.endpoint_id === filters.endpointId),
        ),
      }));
    },

    async getMessage(tenantId: string, id: string) {
      const row = await deliveries.getMessage(deps.pool, tenantId, id);
      if (!row) throw appError('WEBHOOK_MESSAGE_NOT_FOUND');
      return { ...row, deliveries: await deliveries.deliveriesOf(deps.pool, tenantId, [id]) };
    },

    /** One more attempt of a message, to one endpoint or to every endpoint it went to. */
    async resend(tenantId: string, actor: Actor, messageId: string, endpointId?: string) {
      const targets = await deliveries.endpointIdsOfMessage(deps.pool, tenantId, messageId);
      if (targets === null) throw appError('WEBHOOK_MESSAGE_NOT_FOUND');
      const ids = endpointId ? [endpointId] : targets;
      for (const target of ids) {
        const row = await found(tenantId, target);
        if (!row.enabled) throw appError('WEBHOOK_ENDPOINT_DISABLED');
      }
      const queued = await ringAfter((tx) => deliveries.resend(tx, tenantId, messageId, ids));
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_message.resent',
        target: { type: 'webhook_message', id: messageId },
        metadata: { endpoints: ids },
      });
      return { queued };
    },

    /** Bulk replay: every failed message of the endpoint in [since, until), one attempt each. */
    async recover(tenantId: string, actor: Actor, endpointId: string, since: Date, until: Date) {
      const row = await found(tenantId, endpointId);
      if (!row.enabled) throw appError('WEBHOOK_ENDPOINT_DISABLED');
      const queued = await ringAfter((tx) => deliveries.recover(tx, tenantId, endpointId, since, until));
      await deps.audit.record({
        tenantId,
        actor,
        action: 'webhook_endpoint.recovered',
        target: { type: 'webhook_endpoint', id: endpointId },
        metadata: { since: since.toISOString(), until: until.toISOString(), queued },
      });
      return { queued };
    },

    listAttempts(tenantId: string, filters: AttemptFilters, page: { limit: number; after?: Keyset }) {
      return deliveries.listAttempts(deps.pool, tenantId, filters, page);
    },

    /** Each endpoint's latest attempt and next due retry (the sync administration's rows). */
    retryOverview: (tenantId: string) => deliveries.retryOverview(deps.pool, tenantId),

    async stats(tenantId: string, id: string) {
      const row = await found(tenantId, id);
      const { periods, pending } = await deliveries.stats(deps.pool, tenantId, id);
      return { row, periods, pending };
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
