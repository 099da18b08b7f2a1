import { Badge } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { orderStatusTones } from './order-status-labels.js';
import type { Order } from './orders-api.js';

/** The order's status and, once units came back without returning all, "Devolución parcial". */
export function OrderBadges({ order }: { order: Pick<Order, 'status' | 'returnStatus'> }) {
  const { t } = useI18n();
  const m = t.orders;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={lookup(orderStatusTones, order.status) ?? 'neutral'} data-state={order.status}>
        {lookup(m.statuses, order.status) ?? order.status}
      </Badge>
      {order.returnStatus === 'partially_returned' ? (
        <Badge tone="warning" data-return-state={order.returnStatus}>
          {m.returnStatuses.partially_returned}
        </Badge>
      ) : null}
    </span>
  );
}
