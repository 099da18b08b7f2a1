import { isOpenSatRequest, useSatRequests } from '../../api/queries.js';
import type { SatRequest } from '../../api/types.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { StateBadge } from './StateBadge.js';
import { directionLabel, formatPeriod } from './sat-labels.js';

export function SatRequestsTable({ rfc }: { rfc: string }) {
  const { t, locale, dateTime, number } = useI18n();
  const requests = useSatRequests(rfc);
  const items = requests.data?.pages.flatMap((p) => p.items) ?? [];
  const anyOpen = items.some(isOpenSatRequest);
  const period = (r: SatRequest) => r.folio ?? formatPeriod(r.period, locale);
  const type = (r: SatRequest) => t.sat.types[r.type] ?? r.type;
  const columns: Column<SatRequest>[] = [
    {
      id: 'period',
      header: t.sat.colPeriod,
      rowHeader: true,
      className: 'whitespace-nowrap',
      cell: (r) => (r.folio ? <code className="font-mono text-xs">{r.folio}</code> : period(r)),
    },
    { id: 'type', header: t.sat.colType, cell: type },
    { id: 'direction', header: t.sat.colDirection, cell: (r) => directionLabel(r, t) },
    {
      id: 'state',
      header: t.sat.colState,
      cell: (r) => <StateBadge state={r.state} attention={r.needsAttention !== null} />,
    },
    {
      id: 'cfdi',
      header: t.sat.colCfdi,
      align: 'right',
      className: 'tabular-nums',
      cell: (r) => (r.cfdiCount === null ? '—' : number(r.cfdiCount)),
    },
    {
      id: 'origin',
      header: t.sat.colOrigin,
      className: 'text-xs text-slate-600',
      cell: (r) => t.sat.origins[r.origin] ?? r.origin,
    },
    {
      id: 'created',
      header: t.sat.colCreated,
      className: 'whitespace-nowrap text-xs text-slate-600',
      cell: (r) => <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>,
    },
    {
      id: 'actions',
      header: t.taxpayers.colActions,
      headerHidden: true,
      align: 'right',
      cell: (r) => (
        <Link
          to={href(paths.satRequest, { rfc, id: r.id })}
          className="btn btn-secondary px-2.5 py-1.5"
          aria-label={`${t.sat.view}: ${type(r)} ${directionLabel(r, t)} ${period(r)}`}
        >
          {t.sat.view}
        </Link>
      ),
    },
  ];

  return (
    <section aria-labelledby="sat-requests-title" className="card overflow-hidden">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 pb-2">
        <h2 id="sat-requests-title" className="text-base font-semibold">
          {t.sat.title}
        </h2>
        {anyOpen ? <p className="text-xs text-slate-500">{t.sat.autoRefresh}</p> : null}
      </div>
      <DataTable
        caption={t.sat.tableCaption}
        columns={columns}
        rows={items}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-request-id': r.id, 'data-state': r.state })}
        loading={requests.isPending}
        empty={t.sat.empty}
        error={requests.error}
        onRetry={() => requests.refetch()}
        more={moreOf(requests, t.sat.end)}
      />
    </section>
  );
}
