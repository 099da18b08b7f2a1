import { type Role, roleAtLeast } from '@boveda/contracts';
import { useAuditEvents, useVerifyAuditChain } from '../../api/queries.js';
import type { AuditChainVerification, AuditEvent } from '../../api/types.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { actionLabel, actorLabel, changeLines, recordCount, targetLabel } from './audit-labels.js';

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
      {allowed ? <ChainCheck /> : null}
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

/** "Verificar integridad": re-computes the organization's hash chain and says where it breaks. */
function ChainCheck() {
  const { t } = useI18n();
  const verify = useVerifyAuditChain();
  return (
    <section className="mb-4 space-y-3" aria-label={t.audit.verify}>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {verify.isPending ? t.audit.verifying : t.audit.verify}
      </button>
      <ErrorAlert error={verify.error} />
      {verify.data ? <ChainResult result={verify.data} /> : null}
    </section>
  );
}

function ChainResult({ result }: { result: AuditChainVerification }) {
  const { t } = useI18n();
  const unchained = result.unchained ? (
    <p className="mt-0.5">{t.audit.chainUnchained(result.unchained)}</p>
  ) : null;
  const broken = result.firstBroken;
  if (result.ok || !broken) {
    return (
      <div
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      >
        <p className="font-medium">{t.audit.chainOk(result.checked)}</p>
        {unchained}
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">{t.audit.chainBroken}</p>
      <p className="mt-0.5">
        {t.audit.brokenAt(broken.id, broken.seq)}. {t.audit.breakReasons[broken.reason]}
      </p>
      {broken.expectedSeq ? <p className="mt-0.5">{t.audit.missingFrom(broken.expectedSeq)}</p> : null}
      {unchained}
    </div>
  );
}

function Target({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const target = targetLabel(event, t);
  const changes = changeLines(event);
  const records = recordCount(event);
  if (!target) return <span className="text-slate-400">—</span>;
  return (
    <div>
      <span className="flex flex-wrap items-baseline gap-x-1.5">
        <span>{target.kind}</span>
        {target.name ? <span className="font-medium">“{target.name}”</span> : null}
        {target.id ? (
          <code className="font-mono text-xs text-slate-500" title={target.id}>
            {target.id.slice(0, 8)}
          </code>
        ) : null}
        {records && records > 1 ? (
          <span className="text-xs text-slate-500">({t.audit.records(records)})</span>
        ) : null}
      </span>
      {changes.length > 0 ? (
        <dl className="mt-1 space-y-0.5 text-xs text-slate-600" aria-label={t.audit.changes}>
          {changes.map((c) => (
            <div key={c.field} className="flex flex-wrap gap-x-1">
              <dt className="font-medium">{c.field}:</dt>
              <dd>
                {c.before} → {c.after}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
