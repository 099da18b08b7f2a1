import { satPackageUrl } from '../../api/client.js';
import type { SatPackage } from '../../api/types.js';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { formatSize } from './sat-labels.js';

const tones = { pending: 'neutral', stored: 'success', failed: 'danger' } as const satisfies Record<
  string,
  BadgeTone
>;

/**
 * A request's packages; a stored one can be downloaded as the SAT delivered it by members and up
 * (the server's rule for the raw package).
 */
export function RequestPackages({
  packages,
  rfc,
  requestId,
  canDownload,
}: {
  packages: SatPackage[];
  rfc: string;
  requestId: string;
  canDownload: boolean;
}) {
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
            {canDownload ? <th scope="col">{t.sat.colDownload}</th> : null}
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
              {canDownload ? (
                <td>
                  {p.state === 'stored' ? (
                    <a
                      className="btn btn-secondary whitespace-nowrap"
                      href={satPackageUrl(rfc, requestId, p.satPackageId)}
                      download={`${p.satPackageId}.zip`}
                      aria-label={t.sat.downloadPackage(p.satPackageId)}
                    >
                      {t.sat.downloadPackageShort}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
