import type { InvoiceStatus } from '@boveda/contracts';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';

/** Reading: info; a person must act: warning; done: success or neutral; failed: danger. */
export const statusTones = {
  processing: 'info',
  waiting_validation: 'warning',
  processed: 'success',
  rejected: 'neutral',
  failed: 'danger',
} satisfies Record<InvoiceStatus, BadgeTone>;

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Badge
      tone={lookup(statusTones, status) ?? 'neutral'}
      icon={status === 'failed' ? '⚠' : undefined}
      data-status={status}
    >
      {lookup(t.inbox.statuses, status) ?? status}
    </Badge>
  );
}
