import {
  connectorExportFailed,
  connectorSyncFailed,
  type DomainEvent,
  type EventDefinition,
} from '@boveda/contracts';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/transaction.js';
import { type Email, type EmailTemplate, layout, renderEmail } from '../../platform/email/index.js';
import type { EventConsumer } from '../../platform/events/index.js';
import type { TenantsService } from '../tenants/index.js';
import { connectorRuns } from './connectors.schema.js';

const MAX_RECIPIENTS = 50;

type Failed = {
  organization: string;
  connector: string;
  what: string;
  error: string;
  when: string;
  link: string;
};

export const scheduledRunFailedEmail: EmailTemplate<Failed> = {
  subject: 'Conectores: falló {{what}} programada de {{connector}} ({{organization}})',
  text:
    'La {{what}} programada del conector {{connector}} de {{organization}} falló el {{when}}.\n' +
    'Motivo: {{error}}\n\n' +
    'No volverás a recibir este aviso mientras siga fallando; revisa el conector y ejecútalo de nuevo: {{link}}',
  html: (v) =>
    `<p>La ${v.what} programada del conector <strong>${v.connector}</strong> de ${v.organization} falló el ${v.when}.</p>` +
    `<p>Motivo: ${v.error}</p>` +
    `<p>No volverás a recibir este aviso mientras siga fallando; revisa el conector y ejecútalo de nuevo: ${v.link}</p>`,
};

type RunFailed = {
  connectorId: string;
  connectorName: string;
  runId: string;
  trigger: string;
  error: string | null;
};

/**
 * Admins hear by e-mail when a scheduled run fails (a run someone started is watched by that
 * person). Once per run of failures: while the previous scheduled run of that kind failed too,
 * nothing more is sent.
 */
export function connectorAlertConsumers(deps: {
  email: Email;
  tenants: Pick<TenantsService, 'listUsers' | 'tenantById'>;
  publicUrl: string | undefined;
}): EventConsumer<unknown>[] {
  async function alert(event: DomainEvent<RunFailed>, what: string, kind: 'push' | 'pull', tx: Tx) {
    const p = event.payload;
    if (!event.tenantId || p.trigger !== 'schedule') return;
    const [previous] = await tx.db
      .select({ status: connectorRuns.status })
      .from(connectorRuns)
      .where(
        and(
          eq(connectorRuns.connectorId, p.connectorId),
          eq(connectorRuns.kind, kind),
          eq(connectorRuns.trigger, 'schedule'),
          isNotNull(connectorRuns.finishedAt),
          sql`${connectorRuns.id} <> ${p.runId}`,
        ),
      )
      .orderBy(desc(connectorRuns.finishedAt))
      .limit(1);
    if (previous?.status === 'failed') return;
    const [members, tenant] = await Promise.all([
      deps.tenants.listUsers(event.tenantId),
      deps.tenants.tenantById(event.tenantId),
    ]);
    const admins = members.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.email);
    if (admins.length === 0 || !tenant) return;
    const link = deps.publicUrl
      ? `${deps.publicUrl.replace(/\/$/, '')}/conectores/${p.connectorId}`
      : `Conectores → ${p.connectorName}`;
    const rendered = layout(
      renderEmail(scheduledRunFailedEmail, {
        organization: tenant.name,
        connector: p.connectorName,
        what,
        error: p.error ?? 'sin detalle',
        when: event.occurredAt.toLocaleString('es-MX', { timeZone: 'America/Mexico_City' }),
        link,
      }),
    );
    for (let i = 0; i < admins.length; i += MAX_RECIPIENTS)
      await deps.email.enqueue({ to: admins.slice(i, i + MAX_RECIPIENTS), ...rendered }, { tx });
  }

  const consumer = (name: string, event: EventDefinition<RunFailed>, what: string, kind: 'push' | 'pull') =>
    ({
      name,
      event,
      handle: (e: DomainEvent<RunFailed>, { tx }: { tx: Tx }) => alert(e, what, kind, tx),
    }) as unknown as EventConsumer<unknown>;

  return [
    consumer(
      'connectors.alert-export-failed',
      connectorExportFailed as EventDefinition<RunFailed>,
      'exportación',
      'push',
    ),
    consumer(
      'connectors.alert-sync-failed',
      connectorSyncFailed as EventDefinition<RunFailed>,
      'importación',
      'pull',
    ),
  ];
}
