import {
  type DomainEvent,
  type EventDefinition,
  webhookEndpointDisabled,
  webhookEndpointFailing,
  webhookEndpointRecovered,
} from '@boveda/contracts';
import type { Tx } from '../../platform/db/transaction.js';
import { type Email, type EmailTemplate, layout, renderEmail } from '../../platform/email/index.js';
import type { EventConsumer } from '../../platform/events/index.js';
import type { TenantsService } from '../tenants/index.js';
import {
  disabledWhy,
  endpointDisabledEmail,
  endpointFailingEmail,
  endpointRecoveredEmail,
} from './webhooks.emails.js';

const MAX_RECIPIENTS = 50;

/**
 * Admins and owners hear about their endpoints by e-mail: when one starts failing, when it is
 * disabled, when it recovers. The mail is queued in the delivery's transaction, so each alert is
 * sent once (and retried by the e-mail job if the SMTP server is down).
 */
export function endpointAlertConsumers(deps: {
  email: Email;
  tenants: Pick<TenantsService, 'listUsers' | 'tenantById'>;
  publicUrl: string | undefined;
}): EventConsumer<unknown>[] {
  async function mail<V extends Record<string, string | number>>(
    event: DomainEvent<{ endpointId: string; url: string; description: string }>,
    template: EmailTemplate<V & { organization: string; url: string; description: string; link: string }>,
    values: V,
    tx: Tx,
  ) {
    if (!event.tenantId) return;
    const [members, tenant] = await Promise.all([
      deps.tenants.listUsers(event.tenantId),
      deps.tenants.tenantById(event.tenantId),
    ]);
    const admins = members.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.email);
    if (admins.length === 0 || !tenant) return;
    const p = event.payload;
    const link = deps.publicUrl
      ? `${deps.publicUrl.replace(/\/$/, '')}/webhooks/${p.endpointId}`
      : `Webhooks → ${p.endpointId}`;
    const rendered = layout(
      renderEmail(template, {
        ...values,
        organization: tenant.name,
        url: p.url,
        description: p.description || 'sin descripción',
        link,
      } as V & { organization: string; url: string; description: string; link: string }),
    );
    for (let i = 0; i < admins.length; i += MAX_RECIPIENTS)
      await deps.email.enqueue({ to: admins.slice(i, i + MAX_RECIPIENTS), ...rendered }, { tx });
  }

  const consumer = <T extends { endpointId: string; url: string; description: string }>(
    name: string,
    event: EventDefinition<T>,
    handle: (e: DomainEvent<T>, tx: Tx) => Promise<void>,
  ): EventConsumer<unknown> =>
    ({
      name,
      event,
      handle: (e: DomainEvent<T>, { tx }: { tx: Tx }) => handle(e, tx),
    }) as unknown as EventConsumer<unknown>;

  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' }) : 'hace poco';

  return [
    consumer('webhooks.alert-failing', webhookEndpointFailing, (e, tx) =>
      mail(
        e,
        endpointFailingEmail,
        {
          failures: e.payload.consecutiveFailures,
          since: when(e.payload.failingSince),
          lastError: e.payload.lastError ?? 'sin respuesta',
        },
        tx,
      ),
    ),
    consumer('webhooks.alert-disabled', webhookEndpointDisabled, (e, tx) =>
      mail(e, endpointDisabledEmail, { why: disabledWhy[e.payload.reason] }, tx),
    ),
    consumer('webhooks.alert-recovered', webhookEndpointRecovered, (e, tx) =>
      mail(e, endpointRecoveredEmail, {}, tx),
    ),
  ];
}
