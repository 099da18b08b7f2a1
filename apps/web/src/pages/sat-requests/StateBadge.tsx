import type { SatRequestState } from '@boveda/contracts';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { stateLabel } from './sat-labels.js';

/** Moving along: info; done: success or neutral (nothing came, or it moved on to another request); stopped: danger. */
const tones = {
  pending: 'neutral',
  accepted: 'info',
  in_progress: 'info',
  ready: 'info',
  downloaded: 'success',
  empty: 'neutral',
  split: 'neutral',
  replaced: 'neutral',
  failed: 'danger',
} satisfies Record<SatRequestState, BadgeTone>;

/** A request's state; `attention` adds a warning mark when a person has something to act on. */
export function StateBadge({ state, attention = false }: { state: string; attention?: boolean }) {
  const { t } = useI18n();
  return (
    <Badge
      tone={lookup(tones, state) ?? 'neutral'}
      icon={attention || state === 'failed' ? '⚠' : undefined}
      data-state={state}
    >
      {stateLabel(state, t)}
    </Badge>
  );
}
