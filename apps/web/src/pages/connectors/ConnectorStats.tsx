import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { useStats } from './connectors-api.js';

/** Estadísticas: exported, failed, pending, the last 30 days and staged records per resource. */
export function ConnectorStats({ connectorId }: { connectorId: string }) {
  const { t, number, dateTime } = useI18n();
  const m = t.connectors;
  const stats = useStats(connectorId);
  const s = stats.data;
  if (!s)
    return stats.error ? (
      <ErrorAlert error={stats.error} className="m-4" />
    ) : (
      <p className="p-4 text-sm">{t.app.loading}</p>
    );
  const items: [string, string][] = [
    [m.statExported, number(s.exported)],
    [m.statFailed, number(s.failed)],
    [m.statPending, s.pending === null ? m.notApplicable : number(s.pending)],
    [m.statLastExported, s.lastExportedAt ? dateTime(s.lastExportedAt) : m.never],
    [m.statLast30, m.statLast30Value(number(s.last30Days.exported), number(s.last30Days.failed))],
  ];
  const staged = Object.entries(s.staged);
  return (
    <div className="space-y-4 p-4">
      <dl className="grid gap-3 text-sm sm:grid-cols-3 lg:grid-cols-5">
        {items.map(([label, value]) => (
          <div key={label} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {staged.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">{m.statStaged}</h3>
          <ul className="mt-1 text-sm">
            {staged.map(([name, n]) => (
              <li key={name}>
                <span className="font-mono">{name}</span>: {number(n)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
