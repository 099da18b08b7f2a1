import type { UsageItem } from '@boveda/contracts';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePlanUsage } from './plan-api.js';

/** `YYYY-MM` → "diciembre de 2026" in the reader's language. */
function monthName(period: string, locale: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year!, month! - 1, 1)),
  );
}

/** The bar's colour says how close a limit is; the text beside it says it for screen readers too. */
function UsageRow({ item }: { item: UsageItem }) {
  const { t, locale } = useI18n();
  const m = t.plan;
  const percent = item.percent;
  const tone = percent === null ? null : percent >= 100 ? 'danger' : percent >= 80 ? 'warning' : 'success';
  const bar = { danger: 'bg-red-500', warning: 'bg-amber-500', success: 'bg-emerald-500' } as const;
  return (
    <tr className="border-t border-slate-100" data-metric={item.metric}>
      <th scope="row" className="py-2 text-left font-medium text-slate-800">
        {m.metrics[item.metric]}
      </th>
      <td className="py-2 text-right tabular-nums">{formatNumber(item.used, locale)}</td>
      <td className="py-2 text-right tabular-nums">
        {item.limit === null ? m.unlimited : formatNumber(item.limit, locale)}
      </td>
      <td className="py-2">
        {percent === null || tone === null ? (
          <span className="text-slate-500">—</span>
        ) : (
          <div className="flex items-center gap-2">
            <div
              className="h-2 flex-1 overflow-hidden rounded bg-slate-100"
              role="progressbar"
              aria-label={m.metrics[item.metric]}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(100, percent)}
            >
              <div className={`h-full ${bar[tone]}`} style={{ width: `${Math.min(100, percent)}%` }} />
            </div>
            <span className="w-12 text-right tabular-nums">{percent} %</span>
            {tone === 'danger' ? <Badge tone="danger">{m.reached}</Badge> : null}
            {tone === 'warning' ? <Badge tone="warning">{m.near}</Badge> : null}
          </div>
        )}
      </td>
    </tr>
  );
}

function UsageTable({ id, caption, items }: { id: string; caption: string; items: UsageItem[] }) {
  const { t } = useI18n();
  const m = t.plan;
  return (
    <section aria-labelledby={id} className="card p-5">
      <h2 id={id} className="text-base font-semibold">
        {caption}
      </h2>
      <table className="mt-3 w-full table-fixed text-sm [&_td]:px-2 [&_th]:px-2" aria-labelledby={id}>
        {/* The same widths in both tables, so their columns line up. */}
        <colgroup>
          <col className="w-2/5" />
          <col className="w-[15%]" />
          <col className="w-[15%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="text-left text-xs text-slate-500 uppercase">
            <th scope="col">{m.colWhat}</th>
            <th scope="col" className="text-right">
              {m.colUsed}
            </th>
            <th scope="col" className="text-right">
              {m.colLimit}
            </th>
            <th scope="col">{m.colPercent}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <UsageRow key={item.metric} item={item} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `/plan`: the organization's plan and this month's usage against each limit (admins and owners). */
export function PlanPage() {
  const { t, locale } = useI18n();
  const m = t.plan;
  const usage = usePlanUsage();
  const data = usage.data;
  return (
    <Page title={m.title} intro={m.intro}>
      <ErrorAlert error={usage.error} />
      {data ? (
        <>
          <section aria-label={m.title} className="card space-y-1 p-5 text-sm text-slate-700">
            <p className="text-base font-semibold text-slate-900">
              {data.plan ? m.planName(data.plan.name) : m.noPlan}
            </p>
            <p>{m.period(monthName(data.period, locale))}</p>
            <p>
              {m.apiRate(
                data.apiRequestsPerMinute === null ? null : formatNumber(data.apiRequestsPerMinute, locale),
              )}
            </p>
          </section>
          <UsageTable
            id="plan-monthly"
            caption={m.monthlyCaption}
            items={data.items.filter((i) => i.kind === 'monthly')}
          />
          <UsageTable
            id="plan-counts"
            caption={m.countsCaption}
            items={data.items.filter((i) => i.kind === 'count')}
          />
        </>
      ) : null}
    </Page>
  );
}
