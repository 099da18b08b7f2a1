import { useTaxpayers, useYearSummary } from '../../api/queries.js';
import type { BaseIva, NetSummary, SummaryGroup } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { useSearchState } from '../../lib/search-state.js';
import { href, paths } from '../../paths.js';
import { cfdiSearch, chartYearSearch } from './cfdi-search.js';
import { addMoney, formatMoney, formatMoneyShort, niceTicks } from './money.js';

const W = 760;
const H = 300;
const PAD = { top: 16, right: 12, bottom: 28, left: 72 };

const count = (groups: SummaryGroup[]) => groups.reduce((n, g) => n + g.count, 0);
const cancelled = (groups: SummaryGroup[]) => groups.reduce((n, g) => n + g.cancelled, 0);
const gross = (v: BaseIva) => addMoney([v.base, v.iva]);

/**
 * Segments of one stacked bar, base first then IVA, each from where the last one of its sign ended
 * (a month whose credit notes exceed its income goes below zero).
 */
export function stack(v: BaseIva): { kind: 'base' | 'iva'; from: number; to: number }[] {
  let up = 0;
  let down = 0;
  return (['base', 'iva'] as const).map((kind) => {
    const n = Number(v[kind]);
    const from = n >= 0 ? up : down;
    if (n >= 0) up += n;
    else down += n;
    return { kind, from, to: from + n };
  });
}

/**
 * A taxpayer's year: income and expenses per month as stacked bars (base and IVA), credit notes
 * netted in their own direction, the year's totals under it. The taxpayer is picked from the
 * registered ones (the explorer's RFC filter, when it holds another, is offered too); the year from
 * those with data, the newest by default.
 */
export function YearChart({ rfc: filterRfc }: { rfc: string | undefined }) {
  const { t } = useI18n();
  const c = t.cfdi;
  const [{ year: chosenYear }, setYear] = useSearchState(chartYearSearch);
  const [, setFilters] = useSearchState(cfdiSearch);
  const taxpayers = useTaxpayers();
  const registered = (taxpayers.data?.items ?? []).filter((tp) => tp.status === 'active');
  const options = [
    ...registered.map((tp) => ({ rfc: tp.rfc, label: `${tp.rfc} · ${tp.legalName}` })),
    ...(filterRfc && !registered.some((tp) => tp.rfc === filterRfc)
      ? [{ rfc: filterRfc, label: filterRfc }]
      : []),
  ];
  const rfc = filterRfc ?? registered[0]?.rfc;
  const summary = useYearSummary(rfc ?? '', chosenYear ?? null);

  if (!rfc) {
    if (taxpayers.isPending) return <p className="card p-5 text-sm text-slate-500">{t.app.loading}</p>;
    return (
      <section className="card space-y-3 p-5">
        <ErrorAlert error={taxpayers.error} />
        <p className="text-sm text-slate-700">{c.chartNoTaxpayers}</p>
        <Link to={href(paths.taxpayers)} className="btn btn-primary">
          {c.chartRegister}
        </Link>
      </section>
    );
  }

  const data = summary.data;
  const year = data?.year ?? chosenYear ?? null;
  const years = [...new Set([...(data?.yearsWithData ?? []), ...(year === null ? [] : [year])])].sort(
    (a, b) => b - a,
  );
  const net: (NetSummary & { month: number })[] = data?.net ?? [];
  const hasAnyData = (data?.yearsWithData.length ?? 0) > 0;
  const yearHasData = data?.yearsWithData.includes(data.year) ?? false;
  const rows = net.map((m, i) => ({
    ...m,
    issued: count(data?.months[i]?.issued ?? []),
    received: count(data?.months[i]?.received ?? []),
    cancelled: cancelled(data?.months[i]?.issued ?? []) + cancelled(data?.months[i]?.received ?? []),
  }));

  // Pixel heights only: the labels and the table keep the exact decimal strings.
  const ends = net.flatMap((m) => [m.income, m.expenses].flatMap((v) => stack(v).map((s) => s.to)));
  const ticks = niceTicks(Math.min(0, ...ends), Math.max(0, ...ends));
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / 12;
  const bar = slot * 0.36;
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo || 1)) * plotH;
  const fills = {
    income: { base: 'fill-emerald-700', iva: 'fill-emerald-300' },
    expenses: { base: 'fill-rose-600', iva: 'fill-rose-300' },
  } as const;

  return (
    <section aria-labelledby="cfdi-chart-title" className="card space-y-4 p-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="cfdi-chart-title" className="text-base font-semibold">
            {year === null ? c.tabChart : c.chartTitle(year)} · {rfc}
          </h2>
          <p className="hint max-w-2xl">{c.chartIntro}</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Field id="cfdi-chart-rfc" label={c.chartTaxpayer}>
            {(field) => (
              <select
                {...field}
                className="input"
                value={rfc}
                // The explorer's RFC filter: the chart and the list show the same taxpayer.
                onChange={(e) => {
                  setFilters((current) => ({ ...current, rfc: e.target.value }));
                  setYear({ year: undefined }, { replace: true });
                }}
              >
                {options.map((o) => (
                  <option key={o.rfc} value={o.rfc}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="cfdi-year" label={c.year}>
            {(field) => (
              <select
                {...field}
                className="input w-28"
                value={year ?? ''}
                disabled={years.length === 0}
                // Replace, not push: Back should leave the chart, not step through 2024, 2023, 2022…
                onChange={(e) => setYear({ year: Number(e.target.value) }, { replace: true })}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      <ErrorAlert error={summary.error} />
      {data && !hasAnyData ? (
        <div className="space-y-3 rounded-md border border-dashed border-slate-300 p-5">
          <p className="text-sm text-slate-700">{c.chartNoData(rfc)}</p>
          <Link to={href(paths.taxpayer, { rfc })} className="btn btn-secondary">
            {c.chartOpenTaxpayer}
          </Link>
        </div>
      ) : data && !yearHasData ? (
        <p className="rounded-md border border-dashed border-slate-300 p-5 text-sm text-slate-700">
          {c.chartNoDataYear(data.year, rfc)}
        </p>
      ) : data ? (
        <>
          <div className="flex flex-wrap gap-4 text-sm">
            {(
              [
                ['income', 'base', c.incomeBase],
                ['income', 'iva', c.incomeIva],
                ['expenses', 'base', c.expensesBase],
                ['expenses', 'iva', c.expensesIva],
              ] as const
            ).map(([side, kind, label]) => (
              <span key={label} className="flex items-center gap-1.5">
                <svg width="12" height="12" aria-hidden="true">
                  <rect width="12" height="12" rx="2" className={fills[side][kind]} />
                </svg>
                {label}
              </span>
            ))}
          </div>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            className="w-full"
            role="img"
            aria-label={c.chartLabel(data.year, rfc)}
            aria-busy={summary.isFetching}
          >
            {ticks.map((v) => (
              <g key={v}>
                <line
                  x1={PAD.left}
                  x2={W - PAD.right}
                  y1={y(v)}
                  y2={y(v)}
                  className={v === 0 ? 'stroke-slate-400' : 'stroke-slate-200'}
                />
                <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                  {formatMoneyShort(v)}
                </text>
              </g>
            ))}
            {net.map((m, i) => {
              const x0 = PAD.left + i * slot + slot * 0.12;
              return (
                <g key={m.month}>
                  {(['income', 'expenses'] as const).map((side, j) =>
                    stack(m[side]).map((s) => (
                      <rect
                        key={`${side}-${s.kind}`}
                        x={x0 + j * (bar + 2)}
                        y={Math.min(y(s.from), y(s.to))}
                        width={bar}
                        height={Math.abs(y(s.from) - y(s.to))}
                        className={fills[side][s.kind]}
                      >
                        <title>{`${c.months[i]} · ${side === 'income' ? c.income : c.expenses} ${
                          s.kind === 'base' ? c.base : c.iva
                        }: ${formatMoney(m[side][s.kind])}`}</title>
                      </rect>
                    )),
                  )}
                  <text x={x0 + bar} y={H - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                    {c.months[i]}
                  </text>
                </g>
              );
            })}
          </svg>
          <dl className="grid gap-3 sm:grid-cols-2">
            <div className="rounded-md bg-emerald-50 p-3">
              <dt className="text-sm font-medium text-emerald-900">{c.netIncome}</dt>
              <dd className="font-mono text-lg">{formatMoney(gross(data.netTotals.income))}</dd>
              <dd className="text-xs text-slate-600">
                {c.incomeBase}: <span className="font-mono">{formatMoney(data.netTotals.income.base)}</span> ·{' '}
                {c.iva}: <span className="font-mono">{formatMoney(data.netTotals.income.iva)}</span>
              </dd>
            </div>
            <div className="rounded-md bg-rose-50 p-3">
              <dt className="text-sm font-medium text-rose-900">{c.netExpenses}</dt>
              <dd className="font-mono text-lg">{formatMoney(gross(data.netTotals.expenses))}</dd>
              <dd className="text-xs text-slate-600">
                {c.expensesBase}:{' '}
                <span className="font-mono">{formatMoney(data.netTotals.expenses.base)}</span> · {c.iva}:{' '}
                <span className="font-mono">{formatMoney(data.netTotals.expenses.iva)}</span>
              </dd>
            </div>
          </dl>
          <div className="overflow-x-auto">
            <table className="table">
              <caption className="sr-only">{c.chartTitle(data.year)}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.colMonth}</th>
                  {[
                    c.incomeBase,
                    c.incomeIva,
                    c.expensesBase,
                    c.expensesIva,
                    c.creditNotesIssued,
                    c.creditNotesReceived,
                    c.colIssuedCount,
                    c.colReceivedCount,
                    c.colCancelled,
                  ].map((h) => (
                    <th key={h} scope="col" className="text-right">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((m, i) => (
                  <tr key={m.month}>
                    <th scope="row">{c.months[i]}</th>
                    <MoneyCells values={{ income: m.income, expenses: m.expenses }} />
                    <MoneyCells values={m.creditNotes} gross />
                    <td className="text-right">{m.issued}</td>
                    <td className="text-right">{m.received}</td>
                    <td className="text-right">{m.cancelled}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row">{c.yearTotal(data.year)}</th>
                  <MoneyCells values={{ income: data.netTotals.income, expenses: data.netTotals.expenses }} />
                  <MoneyCells values={data.netTotals.creditNotes} gross />
                  <td className="text-right">{rows.reduce((n, m) => n + m.issued, 0)}</td>
                  <td className="text-right">{rows.reduce((n, m) => n + m.received, 0)}</td>
                  <td className="text-right">{rows.reduce((n, m) => n + m.cancelled, 0)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-500">{t.app.loading}</p>
      )}
    </section>
  );
}

/** Base and IVA cells of each value, or (`gross`) one cell with base + IVA. */
function MoneyCells({
  values,
  gross: asGross = false,
}: {
  values: Record<string, BaseIva>;
  gross?: boolean;
}) {
  return (
    <>
      {Object.entries(values).flatMap(([key, v]) =>
        asGross
          ? [
              <td key={key} className="text-right font-mono">
                {formatMoney(gross(v))}
              </td>,
            ]
          : [
              <td key={`${key}-base`} className="text-right font-mono">
                {formatMoney(v.base)}
              </td>,
              <td key={`${key}-iva`} className="text-right font-mono">
                {formatMoney(v.iva)}
              </td>,
            ],
      )}
    </>
  );
}
