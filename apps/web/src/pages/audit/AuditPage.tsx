import { type Role, roleAtLeast } from '@boveda/contracts';
import { useAuditEvents } from '../../api/queries.js';
import type { AuditEvent } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadMore } from '../../components/LoadMore.js';
import { MessageRow } from '../../components/MessageRow.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { actionLabel, actorLabel, targetLabel } from './audit-labels.js';

export function AuditPage({ myRole }: { myRole: Role }) {
  const { t, dateTime } = useI18n();
  const allowed = roleAtLeast(myRole, 'admin');
  const events = useAuditEvents(allowed);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page title={t.audit.title} intro={t.audit.intro}>
      {allowed ? null : <RoleNotice text={t.audit.adminOnly} />}
      {allowed ? (
        <section className="card overflow-hidden">
          <ErrorAlert error={events.error} className="m-4" />
          <div className="relative overflow-x-auto">
            <table className="table" aria-busy={events.isPending}>
              <caption className="sr-only">{t.audit.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.audit.colDate}</th>
                  <th scope="col">{t.audit.colActor}</th>
                  <th scope="col">{t.audit.colAction}</th>
                  <th scope="col">{t.audit.colTarget}</th>
                  <th scope="col">{t.audit.colIp}</th>
                </tr>
              </thead>
              <tbody>
                {events.isPending ? (
                  <MessageRow columns={5}>{t.app.loading}</MessageRow>
                ) : items.length === 0 && !events.error ? (
                  <MessageRow columns={5}>{t.audit.empty}</MessageRow>
                ) : (
                  items.map((event) => (
                    <tr key={event.id}>
                      <td className="whitespace-nowrap">
                        <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>
                      </td>
                      <td className="max-w-56 truncate" title={event.actorLabel ?? undefined}>
                        {actorLabel(event, t)}
                      </td>
                      <td>
                        <span title={event.action}>{actionLabel(event.action, t)}</span>
                      </td>
                      <td>
                        <Target event={event} />
                      </td>
                      <td className="font-mono text-xs text-slate-600">{event.ip ?? '—'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          {items.length > 0 ? (
            <LoadMore
              hasMore={events.hasNextPage}
              loading={events.isFetchingNextPage}
              onLoad={() => events.fetchNextPage()}
              endText={t.audit.end}
            />
          ) : null}
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
