import { useI18n } from '../../i18n/i18n.js';
import { stateLabel } from './sat-labels.js';

const tones: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-200',
  accepted: 'bg-sky-50 text-sky-800 ring-sky-200',
  in_progress: 'bg-sky-50 text-sky-800 ring-sky-200',
  ready: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  downloaded: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  empty: 'bg-slate-50 text-slate-600 ring-slate-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  replaced: 'bg-violet-50 text-violet-800 ring-violet-200',
  split: 'bg-violet-50 text-violet-800 ring-violet-200',
  expired: 'bg-amber-50 text-amber-900 ring-amber-300',
};

/** A request's state; `attention` adds a warning mark when a person has something to act on. */
export function StateBadge({ state, attention = false }: { state: string; attention?: boolean }) {
  const { t } = useI18n();
  const tone = tones[state] ?? 'bg-slate-100 text-slate-700 ring-slate-200';
  return (
    <span className={`badge ring-1 ${tone}`} data-state={state}>
      {attention || state === 'failed' ? <span aria-hidden="true">⚠&nbsp;</span> : null}
      {stateLabel(state, t)}
    </span>
  );
}
