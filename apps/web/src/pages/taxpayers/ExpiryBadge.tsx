import type { Taxpayer } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';

/** The e.firma's validity at a glance: an expired or expiring one stops the SAT downloads. */
export function ExpiryBadge({ taxpayer }: { taxpayer: Pick<Taxpayer, 'expired' | 'expiresSoon'> }) {
  const { t } = useI18n();
  if (taxpayer.expired)
    return (
      <Badge tone="danger" icon="⚠">
        {t.taxpayers.expired}
      </Badge>
    );
  if (taxpayer.expiresSoon)
    return (
      <Badge tone="warning" icon="⚠">
        {t.taxpayers.expiresSoon}
      </Badge>
    );
  return <Badge tone="success">{t.taxpayers.valid}</Badge>;
}
