import { randomUUID } from 'node:crypto';
import type { BatchEventConsumer } from '../../platform/events/index.js';
import type { Notifications } from '../../platform/notify/index.js';
import type { DeliveriesRepository, NewMessage } from './deliveries.repository.js';
import { WEBHOOKS_CHANNEL } from './delivery/dispatcher.js';
import type { EndpointsRepository } from './endpoints.repository.js';
import { envelope, fannedOutEvents, publicEventOf } from './public-events.js';

/**
 * From the outbox to deliveries: for a batch of domain events, the public message of each (once per
 * event, frozen) and one delivery per enabled endpoint subscribed to its type, in the transaction
 * that marks the events delivered; the bell wakes the dispatchers when it commits. Events of an
 * organization without endpoints leave nothing behind.
 */
export function webhookFanOut(deps: {
  endpoints: (db: Parameters<BatchEventConsumer['handleBatch']>[1]['tx']['db']) => EndpointsRepository;
  deliveries: DeliveriesRepository;
  notifications: Notifications;
}): BatchEventConsumer {
  return {
    name: 'webhooks.fan-out',
    events: fannedOutEvents,
    batchSize: 500,
    retry: [5, 30, 120, 600, 3600],
    async handleBatch(events, { tx }) {
      const tenantIds = [...new Set(events.flatMap((e) => (e.tenantId ? [e.tenantId] : [])))];
      if (tenantIds.length === 0) return;
      const endpoints = await deps.endpoints(tx.db).enabledOf(tenantIds);
      if (endpoints.length === 0) return;
      const messages: NewMessage[] = [];
      const targets = new Map<string, string[]>();
      for (const event of events) {
        const mine = endpoints.filter((e) => e.tenantId === event.tenantId);
        if (mine.length === 0) continue;
        const message = publicEventOf(event);
        if (!message) continue;
        const subscribed = mine.filter((e) => e.eventTypes === null || e.eventTypes.includes(message.type));
        if (subscribed.length === 0) continue;
        const id = randomUUID();
        messages.push({
          id,
          tenantId: event.tenantId!,
          eventType: message.type,
          version: message.version,
          sourceEventId: event.id,
          body: envelope(id, message.type, message.version, event.occurredAt, message.data),
          createdAt: event.occurredAt,
        });
        targets.set(
          id,
          subscribed.map((e) => e.id),
        );
      }
      const inserted = await deps.deliveries.insertMessages(tx, messages);
      await deps.deliveries.insertDeliveries(
        tx,
        messages
          .filter((m) => inserted.has(m.id))
          .flatMap((m) =>
            targets.get(m.id)!.map((endpointId) => ({
              tenantId: m.tenantId,
              messageId: m.id,
              endpointId,
              trigger: 'scheduled' as const,
            })),
          ),
      );
      if (inserted.size > 0) await deps.notifications.notify(tx, WEBHOOKS_CHANNEL);
    },
  };
}
