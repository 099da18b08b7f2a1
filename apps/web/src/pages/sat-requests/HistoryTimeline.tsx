import type { SatHistoryEvent } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';
import { useI18n } from '../../i18n/i18n.js';
import { historyText } from './sat-history-text.js';
import { stateLabel } from './sat-labels.js';

const dots: Record<string, string> = {
  call: 'bg-sky-500',
  state: 'bg-brand-600',
  package: 'bg-emerald-500',
  note: 'bg-amber-500',
};

/** The line a person reads first; what happened, said from the line's code, follows it. */
function headline(event: SatHistoryEvent, t: Messages): string {
  if (event.toState) {
    const to = stateLabel(event.toState, t);
    return event.fromState ? `${stateLabel(event.fromState, t)} → ${to}` : to;
  }
  if (event.type === 'call' && event.operation) {
    const op = t.sat.operations[event.operation] ?? event.operation;
    return event.satCode !== null ? `${op} · ${t.sat.satAnswer(event.satCode, event.satMessage)}` : op;
  }
  return t.sat.eventTypes[event.type] ?? event.type;
}

/** Every SAT call, state change, package and note of a request, oldest first. */
export function HistoryTimeline({ events }: { events: SatHistoryEvent[] }) {
  const { t, dateTime } = useI18n();
  if (events.length === 0) return <p className="text-sm text-slate-500">{t.sat.historyEmpty}</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="history">
      {events.map((event, i) => (
        // Events have no id of their own; their order is the history's order and never changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
        <li key={i} className="relative" data-event-type={event.type}>
          <span
            aria-hidden="true"
            className={`absolute top-1.5 -left-[1.6rem] h-2.5 w-2.5 rounded-full ring-4 ring-white ${dots[event.type] ?? 'bg-slate-400'}`}
          />
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
            <time dateTime={event.at} className="text-xs whitespace-nowrap text-slate-500">
              {dateTime(event.at)}
            </time>
            <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              {t.sat.eventTypes[event.type] ?? event.type}
            </span>
          </div>
          <p className="mt-0.5 text-sm font-medium text-slate-900">{headline(event, t)}</p>
          {event.code && saidByHeadline.has(event.code) ? null : (
            <Detail text={historyText(event, t)} headline={headline(event, t)} />
          )}
        </li>
      ))}
    </ol>
  );
}

// A bare state change or SAT answer says nothing its headline does not: the line is left out.
const saidByHeadline = new Set<string>(['state_changed', 'sat_call']);

// Old lines (no code) may repeat their headline too.
function Detail({ text, headline }: { text: string; headline: string }) {
  if (text === headline) return null;
  return <p className="mt-0.5 text-xs break-words text-slate-600">{text}</p>;
}
