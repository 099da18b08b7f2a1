import { useSatYears } from '../../api/queries.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Each year with requests: complete (or, this year, up to date), or how far along it is and what is
 * still missing. Refreshed with the requests' live changes (its query sits under theirs).
 */
export function SatYearsCard({ rfc }: { rfc: string }) {
  const { t } = useI18n();
  const c = t.satYears;
  const years = useSatYears(rfc);
  const thisYear = new Date().getFullYear();
  return (
    <section aria-labelledby="sat-years-title" className="card p-5">
      <h2 id="sat-years-title" className="text-base font-semibold">
        {c.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{c.intro}</p>
      <ErrorAlert error={years.error} className="mt-3" />
      {years.data && years.data.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{c.empty}</p>
      ) : null}
      <ul className="mt-3 divide-y divide-slate-100">
        {years.data?.map((y) => {
          const total = Object.values(y.states).reduce((a, b) => a + (b ?? 0), 0);
          const finished = (y.states.downloaded ?? 0) + (y.states.empty ?? 0) + (y.states.split ?? 0);
          return (
            <li
              key={y.year}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm"
              data-year={y.year}
            >
              <span className="w-12 font-semibold tabular-nums">{y.year}</span>
              {y.complete ? (
                <Badge tone="success">{y.year >= thisYear ? c.upToDate : c.complete}</Badge>
              ) : (
                <Badge tone={y.failed > 0 ? 'danger' : 'warning'}>{c.incomplete}</Badge>
              )}
              <span className="text-slate-600">{c.ready(finished, total)}</span>
              {y.active > 0 ? <span className="text-slate-600">· {c.active(y.active)}</span> : null}
              {y.failed > 0 ? <span className="text-red-700">· {c.failed(y.failed)}</span> : null}
              {!y.complete && y.missing.length > 0 ? (
                <span className="basis-full pl-15 text-xs text-slate-500">
                  {c.missing}: {y.missing.map((p) => c.parts[`${p.kind}.${p.direction}`]).join(', ')}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
