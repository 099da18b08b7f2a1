import type { SatPackage } from '../../api/types.js';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { formatSize } from './sat-labels.js';

const tones = { pending: 'neutral', stored: 'success', failed: 'danger' } as const satisfies Record<
  string,
  BadgeTone
>;

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
                <Badge tone={lookup(tones, p.state) ?? 'neutral'}>
                  {t.sat.packageStates[p.state] ?? p.state}
                </Badge>
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
