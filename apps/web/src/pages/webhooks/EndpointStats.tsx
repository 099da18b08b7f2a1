import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { useEndpointStats, type WebhookStats } from './webhooks-api.js';

/** Success rate and latency over 24 h and 7 d, what is pending, the last success and failure. */
export function EndpointStats({ endpointId }: { endpointId: string }) {
  const { t } = useI18n();
  const stats = useEndpointStats(endpointId);
  return (
    <section aria-labelledby="endpoint-stats-title" className="card p-5" data-testid="endpoint-stats">
      <h2 id="endpoint-stats-title" className="text-base font-semibold">
        {t.webhooks.statsTitle}
      </h2>
      {stats.isPending ? <p className="mt-2 text-sm text-slate-600">{t.app.loading}</p> : null}
      <ErrorAlert error={stats.error} className="mt-2" />
      {stats.data ? <StatsBody stats={stats.data} /> : null}
    </section>
  );
}

function StatsBody({ stats }: { stats: WebhookStats }) {
  const { t, number, dateTime, locale } = useI18n();
  const m = t.webhooks;
  const percent = (rate: number | null) =>
    rate === null
      ? m.none
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const ms = (v: number | null) => (v === null ? m.none : m.ms(number(v)));
  const rateTone = (rate: number | null) =>
    rate === null
      ? 'text-slate-900'
      : rate >= 0.99
        ? 'text-emerald-800'
        : rate >= 0.9
          ? 'text-amber-800'
          : 'text-red-800';
  return (
    <div className="mt-3 space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        {stats.periods.map((p) => (
          <div key={p.period} className="rounded-md border border-slate-200 p-3" data-period={p.period}>
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {lookup(m.periods, p.period) ?? p.period}
            </h3>
            <dl className="mt-2 grid grid-cols-3 gap-2">
              <div>
                <dt className="text-xs text-slate-500">{m.successRate}</dt>
                <dd
                  className={`text-base font-semibold sm:text-lg tabular-nums ${rateTone(p.successRate)}`}
                  data-testid={`success-${p.period}`}
                >
                  {percent(p.successRate)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{m.latencyP50}</dt>
                <dd className="text-base font-semibold sm:text-lg tabular-nums">{ms(p.latencyP50Ms)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{m.latencyP95}</dt>
                <dd className="text-base font-semibold sm:text-lg tabular-nums">{ms(p.latencyP95Ms)}</dd>
              </div>
            </dl>
            <p className="mt-1 text-xs text-slate-600">
              {m.attemptsCount(number(p.attempts), number(p.succeeded), number(p.failed))}
            </p>
          </div>
        ))}
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">{m.pending}</dt>
          <dd className="font-medium tabular-nums" data-testid="stats-pending">
            {number(stats.pending)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{m.lastSuccess}</dt>
          <dd className="font-medium">{stats.lastSuccessAt ? dateTime(stats.lastSuccessAt) : m.none}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{m.lastFailure}</dt>
          <dd className="font-medium">{stats.lastFailureAt ? dateTime(stats.lastFailureAt) : m.none}</dd>
        </div>
      </dl>
    </div>
  );
}
