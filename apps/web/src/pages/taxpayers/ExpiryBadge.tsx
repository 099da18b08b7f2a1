import type { Taxpayer } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

/** The e.firma's validity at a glance: an expired or expiring one stops the SAT downloads. */
export function ExpiryBadge({ taxpayer }: { taxpayer: Pick<Taxpayer, 'expired' | 'expiresSoon'> }) {
  const { t } = useI18n();
  if (taxpayer.expired)
    return (
      <span className="badge bg-red-50 text-red-800 ring-1 ring-red-200">
        <span aria-hidden="true">⚠&nbsp;</span>
        {t.taxpayers.expired}
      </span>
    );
  if (taxpayer.expiresSoon)
    return (
      <span className="badge bg-amber-50 text-amber-900 ring-1 ring-amber-300">
        <span aria-hidden="true">⚠&nbsp;</span>
        {t.taxpayers.expiresSoon}
      </span>
    );
  return (
    <span className="badge bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200">{t.taxpayers.valid}</span>
  );
}
