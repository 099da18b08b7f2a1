import type { runStatuses } from '@boveda/contracts';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { ConnectorRun } from './connectors-api.js';

type RunStatus = (typeof runStatuses)[number];

const tones = {
  queued: 'neutral',
  running: 'info',
  success: 'success',
  partial: 'warning',
  failed: 'danger',
} satisfies Record<RunStatus, BadgeTone>;

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={tones[status]} data-run-status={status} icon={status === 'failed' ? '⚠' : undefined}>
      {t.connectors.runStatuses[status]}
    </Badge>
  );
}

/** "3 exportados · 1 fallidos": the run's non-zero counts in Spanish (zeros too when all are zero). */
export function useCountsText() {
  const { t, number } = useI18n();
  return (counts: Record<string, number | string | null>) => {
    const entries = Object.entries(counts).filter(([, n]) => typeof n === 'number') as [string, number][];
    const shown = entries.some(([, n]) => n > 0) ? entries.filter(([, n]) => n > 0) : entries;
    return shown.map(([k, n]) => `${number(n)} ${lookup(t.connectors.counts, k) ?? k}`).join(' · ');
  };
}

/** The badge and its counts, as the list and the runs table show a run. */
export function RunSummary({ run }: { run: ConnectorRun }) {
  const countsText = useCountsText();
  const text = countsText(run.counts);
  return (
    <div className="space-y-0.5">
      <RunStatusBadge status={run.status} />
      {text ? <p className="text-xs text-slate-600">{text}</p> : null}
    </div>
  );
}
