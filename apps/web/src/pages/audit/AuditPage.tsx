import { type Role, roleAtLeast } from '@boveda/contracts';
import { useAuditEvents } from '../../api/queries.js';
import type { AuditEvent } from '../../api/types.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { actionLabel, actorLabel, targetLabel } from './audit-labels.js';

export function AuditPage({ myRole }: { myRole: Role }) {
  const { t, dateTime } = useI18n();
  const allowed = roleAtLeast(myRole, 'admin');
  const events = useAuditEvents(allowed);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<AuditEvent>[] = [
    {
      id: 'date',
      header: t.audit.colDate,
      className: 'whitespace-nowrap',
      cell: (event) => <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>,
    },
    {
      id: 'actor',
      header: t.audit.colActor,
      className: 'max-w-56 truncate',
      title: (event) => event.actorLabel ?? undefined,
      cell: (event) => actorLabel(event, t),
    },
    {
      id: 'action',
      header: t.audit.colAction,
      cell: (event) => <span title={event.action}>{actionLabel(event.action, t)}</span>,
    },
    { id: 'target', header: t.audit.colTarget, cell: (event) => <Target event={event} /> },
    {
      id: 'ip',
      header: t.audit.colIp,
      className: 'font-mono text-xs text-slate-600',
      cell: (event) => event.ip ?? '—',
    },
  ];

  return (
    <Page title={t.audit.title} intro={t.audit.intro}>
      {allowed ? null : <RoleNotice text={t.audit.adminOnly} />}
      {allowed ? (
        <section className="card overflow-hidden">
          <DataTable
            caption={t.audit.tableCaption}
            columns={columns}
            rows={items}
            rowKey={(event) => event.id}
            loading={events.isPending}
            empty={t.audit.empty}
            error={events.error}
            onRetry={() => events.refetch()}
            more={moreOf(events, t.audit.end)}
          />
        </section>
      ) : null}
    </Page>
  );
}

function Target({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const target = targetLabel(event, t);
  if (!target) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap items-baseline gap-x-1.5">
      <span>{target.kind}</span>
      {target.name ? <span className="font-medium">“{target.name}”</span> : null}
      {target.id ? (
        <code className="font-mono text-xs text-slate-500" title={target.id}>
          {target.id.slice(0, 8)}
        </code>
      ) : null}
    </span>
  );
}
