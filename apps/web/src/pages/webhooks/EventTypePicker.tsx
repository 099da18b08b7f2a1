import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { eventDescription, TEST_EVENT_TYPE } from './webhook-labels.js';
import { useEventTypes } from './webhooks-api.js';

/** null: every type, including ones added later (the API's `eventTypes: null`). */
export type EventTypeChoice = readonly string[] | null;

/** "Todos" and one checkbox per type of `GET /webhooks/event-types` (the test type is sent on request only). */
export function EventTypePicker({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: EventTypeChoice;
  onChange(next: EventTypeChoice): void;
  error?: string;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const types = useEventTypes();
  const names = (types.data?.items ?? []).filter((i) => i.type !== TEST_EVENT_TYPE);
  const all = value === null;
  const errorId = `${idPrefix}-types-error`;

  function toggle(type: string, on: boolean) {
    const current = new Set(value ?? []);
    if (on) current.add(type);
    else current.delete(type);
    // Keep the catalogue's order.
    onChange(names.map((n) => n.type).filter((n) => current.has(n)));
  }

  return (
    <fieldset aria-describedby={error ? errorId : undefined} data-testid="event-type-picker">
      <legend className="label">{m.eventTypes}</legend>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={all}
          onChange={(e) => onChange(e.target.checked ? null : [])}
        />
        <span>
          <span className="font-medium">{m.allTypes}</span>
          <span className="block text-xs text-slate-500">{m.allTypesHint}</span>
        </span>
      </label>
      {types.isPending ? <p className="hint">{m.typesLoading}</p> : null}
      <ErrorAlert error={types.error} className="mt-2" />
      <ul className="mt-2 grid gap-1.5 sm:grid-cols-2">
        {names.map((item) => (
          <li key={item.type}>
            <label
              className={`flex items-start gap-2 text-sm ${all ? 'text-slate-400' : 'text-slate-800'}`}
              title={eventDescription(item.type, item.description, m)}
            >
              <input
                type="checkbox"
                className="mt-0.5"
                disabled={all}
                checked={all || (value ?? []).includes(item.type)}
                onChange={(e) => toggle(item.type, e.target.checked)}
              />
              <code className="font-mono text-xs break-all">{item.type}</code>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <p className="hint">
        <Link to={href(paths.webhookEvents)} className="text-brand-700 underline-offset-2 hover:underline">
          {m.catalogueLink}
        </Link>
      </p>
    </fieldset>
  );
}
