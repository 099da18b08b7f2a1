import { useState } from 'react';
import { useYearSummary } from '../../api/queries.js';
import type { SummaryGroup } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSearchState } from '../../lib/search-state.js';
import { chartYearSearch, MAX_YEAR, MIN_YEAR } from './cfdi-search.js';
import { addMoney, formatMoney } from './money.js';

const W = 760;
const H = 280;
const PAD = { top: 16, right: 12, bottom: 28, left: 84 };

const incomeOf = (groups: SummaryGroup[]) =>
  addMoney(groups.filter((g) => g.tipo === 'I').map((g) => g.totalMxn));
const count = (groups: SummaryGroup[]) => groups.reduce((n, g) => n + g.count, 0);
const cancelled = (groups: SummaryGroup[]) => groups.reduce((n, g) => n + g.cancelled, 0);

/** Income (issued ingresos) and expenses (received ingresos) per month, as an SVG bar chart. */
export function YearChart({ rfc }: { rfc: string | undefined }) {
  const { t } = useI18n();
  const c = t.cfdi;
  const [{ year }, setYear] = useSearchState(chartYearSearch);
  const summary = useYearSummary(rfc ?? '', year);
  // What is in the box may be half a year while someone types ("20"); the URL holds whole years only.
  const [typed, setTyped] = useState(String(year));
  const [typedFor, setTypedFor] = useState(year);
  if (typedFor !== year) {
    setTypedFor(year);
    setTyped(String(year));
  }
  const typedYear = chartYearSearch.validate({ year: typed });
  const yearInvalid = typedYear.invalid.length > 0 || typed === '';

  if (!rfc) return <p className="card p-5 text-sm text-slate-600">{c.chartRfcNeeded}</p>;

  const months = (summary.data?.months ?? []).map((m) => ({
    month: m.month,
    income: incomeOf(m.issued),
    expenses: incomeOf(m.received),
    issued: count(m.issued),
    received: count(m.received),
    cancelled: cancelled(m.issued) + cancelled(m.received),
  }));
  // Pixel heights only: the labels and the table keep the exact decimal strings.
  const max = Math.max(1, ...months.flatMap((m) => [Number(m.income), Number(m.expenses)]));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / 12;
  const bar = slot * 0.36;
  const y = (v: string) => PAD.top + plotH - (Number(v) / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => max * f);

  return (
    <section aria-labelledby="cfdi-chart-title" className="card space-y-4 p-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="cfdi-chart-title" className="text-base font-semibold">
            {c.chartTitle(year)} · {rfc}
          </h2>
          <p className="hint max-w-2xl">{c.chartIntro}</p>
        </div>
        <Field
          id="cfdi-year"
          label={c.year}
          error={yearInvalid ? c.yearInvalid(MIN_YEAR, MAX_YEAR) : undefined}
        >
          {(field) => (
            <input
              {...field}
              type="number"
              className="input w-28"
              min={MIN_YEAR}
              max={MAX_YEAR}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                const next = chartYearSearch.validate({ year: e.target.value });
                // Replace, not push: Back should leave the chart, not step through 2024, 2023, 2022…
                if (e.target.value && next.invalid.length === 0) setYear(next.values, { replace: true });
              }}
            />
          )}
        </Field>
      </div>
      <ErrorAlert error={summary.error} />
      <div className="flex gap-4 text-sm">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-emerald-600" /> {c.income}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-rose-500" /> {c.expenses}
        </span>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full"
        role="img"
        aria-label={c.chartLabel(year, rfc)}
        aria-busy={summary.isPending}
      >
        {ticks.map((v) => {
          const ty = PAD.top + plotH - (v / max) * plotH;
          return (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={ty} y2={ty} className="stroke-slate-200" />
              <text x={PAD.left - 6} y={ty + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
                {formatMoney(v.toFixed(0))}
              </text>
            </g>
          );
        })}
        {months.map((m, i) => {
          const x0 = PAD.left + i * slot + slot * 0.12;
          return (
            <g key={m.month}>
              <rect
                x={x0}
                y={y(m.income)}
                width={bar}
                height={PAD.top + plotH - y(m.income)}
                className="fill-emerald-600"
              >
                <title>{`${c.months[i]} · ${c.income}: ${formatMoney(m.income)}`}</title>
              </rect>
              <rect
                x={x0 + bar + 2}
                y={y(m.expenses)}
                width={bar}
                height={PAD.top + plotH - y(m.expenses)}
                className="fill-rose-500"
              >
                <title>{`${c.months[i]} · ${c.expenses}: ${formatMoney(m.expenses)}`}</title>
              </rect>
              <text x={x0 + bar} y={H - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                {c.months[i]}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{c.chartTitle(year)}</caption>
          <thead>
            <tr>
              <th scope="col">{c.colMonth}</th>
              <th scope="col" className="text-right">
                {c.income}
              </th>
              <th scope="col" className="text-right">
                {c.expenses}
              </th>
              <th scope="col" className="text-right">
                {c.colIssuedCount}
              </th>
              <th scope="col" className="text-right">
                {c.colReceivedCount}
              </th>
              <th scope="col" className="text-right">
                {c.colCancelled}
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m, i) => (
              <tr key={m.month}>
                <th scope="row">{c.months[i]}</th>
                <td className="text-right font-mono">{formatMoney(m.income)}</td>
                <td className="text-right font-mono">{formatMoney(m.expenses)}</td>
                <td className="text-right">{m.issued}</td>
                <td className="text-right">{m.received}</td>
                <td className="text-right">{m.cancelled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
