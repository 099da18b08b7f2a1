import { isOpenSatRequest, useSatRequests } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadMore } from '../../components/LoadMore.js';
import { MessageRow } from '../../components/MessageRow.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, routes } from '../../routes.js';
import { StateBadge } from './StateBadge.js';
import { directionLabel, formatPeriod } from './sat-labels.js';

const COLUMNS = 8;

export function SatRequestsTable({ rfc }: { rfc: string }) {
  const { t, locale, dateTime, number } = useI18n();
  const requests = useSatRequests(rfc);
  const items = requests.data?.pages.flatMap((p) => p.items) ?? [];
  const anyOpen = items.some(isOpenSatRequest);

  return (
    <section aria-labelledby="sat-requests-title" className="card overflow-hidden">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 pb-2">
        <h2 id="sat-requests-title" className="text-base font-semibold">
          {t.sat.title}
        </h2>
        {anyOpen ? <p className="text-xs text-slate-500">{t.sat.autoRefresh}</p> : null}
      </div>
      <ErrorAlert error={requests.error} className="m-4" />
      <div className="relative overflow-x-auto">
        <table className="table" aria-busy={requests.isPending}>
          <caption className="sr-only">{t.sat.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.sat.colPeriod}</th>
              <th scope="col">{t.sat.colType}</th>
              <th scope="col">{t.sat.colDirection}</th>
              <th scope="col">{t.sat.colState}</th>
              <th scope="col" className="text-right">
                {t.sat.colCfdi}
              </th>
              <th scope="col">{t.sat.colOrigin}</th>
              <th scope="col">{t.sat.colCreated}</th>
              <th scope="col">
                <span className="sr-only">{t.taxpayers.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.isPending ? (
              <MessageRow columns={COLUMNS}>{t.app.loading}</MessageRow>
            ) : items.length === 0 && !requests.error ? (
              <MessageRow columns={COLUMNS}>{t.sat.empty}</MessageRow>
            ) : (
              items.map((r) => (
                <tr key={r.id} data-request-id={r.id} data-state={r.state}>
                  <th scope="row" className="whitespace-nowrap">
                    {r.folio ? (
                      <code className="font-mono text-xs">{r.folio}</code>
                    ) : (
                      formatPeriod(r.period, locale)
                    )}
                  </th>
                  <td>{t.sat.types[r.type] ?? r.type}</td>
                  <td>{directionLabel(r, t)}</td>
                  <td>
                    <StateBadge state={r.state} attention={r.needsAttention !== null} />
                  </td>
                  <td className="text-right tabular-nums">
                    {r.cfdiCount === null ? '—' : number(r.cfdiCount)}
                  </td>
                  <td className="text-xs text-slate-600">{t.sat.origins[r.origin] ?? r.origin}</td>
                  <td className="whitespace-nowrap text-xs text-slate-600">
                    <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>
                  </td>
                  <td className="text-right">
                    <Link
                      to={href(routes.satRequest, { rfc, id: r.id })}
                      className="btn btn-secondary px-2.5 py-1.5"
                      aria-label={`${t.sat.view}: ${t.sat.types[r.type] ?? r.type} ${directionLabel(r, t)} ${r.folio ?? formatPeriod(r.period, locale)}`}
                    >
                      {t.sat.view}
                    </Link>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {items.length > 0 ? (
        <LoadMore
          hasMore={requests.hasNextPage}
          loading={requests.isFetchingNextPage}
          onLoad={() => requests.fetchNextPage()}
          endText={t.sat.end}
        />
      ) : null}
    </section>
  );
}
