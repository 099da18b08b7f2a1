import type { SatPackage } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatSize } from './sat-labels.js';

const tones: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-200',
  stored: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
};

export function RequestPackages({ packages }: { packages: SatPackage[] }) {
  const { t, locale, dateTime, number } = useI18n();
  if (packages.length === 0) return <p className="px-4 pb-4 text-sm text-slate-500">{t.sat.noPackages}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="table">
        <caption className="sr-only">{t.sat.packagesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.sat.colPackage}</th>
            <th scope="col">{t.sat.colPackageState}</th>
            <th scope="col" className="text-right">
              {t.sat.colSize}
            </th>
            <th scope="col" className="text-right">
              {t.sat.colAttempts}
            </th>
            <th scope="col">{t.sat.colStored}</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((p) => (
            <tr key={p.satPackageId}>
              <th scope="row">
                <code className="font-mono text-xs break-all" title={p.storageKey}>
                  {p.satPackageId}
                </code>
              </th>
              <td>
                <span className={`badge ring-1 ${tones[p.state] ?? tones.pending}`}>
                  {t.sat.packageStates[p.state] ?? p.state}
                </span>
              </td>
              <td
                className="text-right whitespace-nowrap tabular-nums"
                title={p.size === null ? undefined : t.sat.bytes(number(p.size))}
              >
                {p.size === null ? '—' : formatSize(p.size, locale)}
              </td>
              <td className="text-right tabular-nums">{number(p.downloadAttempts)}</td>
              <td className="whitespace-nowrap text-xs text-slate-600">
                {p.storedAt ? dateTime(p.storedAt) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
