import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type EventTypeChoice, EventTypePicker } from './EventTypePicker.js';
import { HeadersEditor } from './HeadersEditor.js';
import { type HeaderRow, headersFromRows } from './webhook-labels.js';
import type { WebhookEndpoint, WebhookEndpointCreateInput } from './webhooks-api.js';

export type EndpointFormValues = Required<
  Pick<WebhookEndpointCreateInput, 'url' | 'description' | 'eventTypes' | 'rateLimitPerSecond'>
> & { headers?: Record<string, string> };

/**
 * URL, description, event types, custom headers and a rate limit: the new-endpoint form, and the
 * edit form of an endpoint (`initial`), where the stored header values are never shown: headers
 * are sent only when the person chooses to replace them.
 */
export function EndpointForm({
  idPrefix,
  initial,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  footer,
}: {
  idPrefix: string;
  initial?: WebhookEndpoint;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(values: EndpointFormValues, reset: () => void): void;
  footer?: ReactNode;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [types, setTypes] = useState<EventTypeChoice>(initial ? initial.eventTypes : null);
  const [rows, setRows] = useState<HeaderRow[]>([]);
  const [replaceHeaders, setReplaceHeaders] = useState(!initial);
  const [rate, setRate] = useState(initial?.rateLimitPerSecond?.toString() ?? '');
  const [checked, setChecked] = useState(false);

  const headerCheck = headersFromRows(rows, m);
  const rateValue = rate.trim() === '' ? null : Number(rate);
  const rateInvalid =
    rateValue !== null && !(Number.isInteger(rateValue) && rateValue >= 1 && rateValue <= 10_000);
  const typesInvalid = types !== null && types.length === 0;
  const show = (bad: boolean) => checked && bad;

  function reset() {
    setUrl('');
    setDescription('');
    setTypes(null);
    setRows([]);
    setRate('');
    setChecked(false);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (rateInvalid || typesInvalid || Object.keys(headerCheck.errors).length > 0) return;
    onSubmit(
      {
        url: url.trim(),
        description: description.trim(),
        eventTypes: types === null ? null : [...types],
        rateLimitPerSecond: rateValue,
        ...(replaceHeaders ? { headers: headerCheck.headers } : {}),
      },
      reset,
    );
  }

  return (
    <form className="space-y-4" onSubmit={submit} noValidate>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id={`${idPrefix}-url`} label={m.url} hint={m.urlHint}>
          {(control) => (
            <input
              {...control}
              type="url"
              required
              maxLength={2000}
              autoComplete="off"
              spellCheck={false}
              className="input font-mono"
              placeholder={m.urlPlaceholder}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${idPrefix}-description`} label={m.description} optional>
          {(control) => (
            <input
              {...control}
              maxLength={500}
              className="input"
              placeholder={m.descriptionPlaceholder}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
      </div>
      <EventTypePicker
        idPrefix={idPrefix}
        value={types}
        onChange={setTypes}
        error={show(typesInvalid) ? m.pickOneType : undefined}
      />
      {initial ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {initial.headerNames.length > 0 ? m.currentHeaders(initial.headerNames.join(', ')) : m.noHeaders}
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={replaceHeaders}
              onChange={(e) => setReplaceHeaders(e.target.checked)}
            />
            {m.replaceHeaders}
          </label>
        </div>
      ) : null}
      {replaceHeaders ? (
        <HeadersEditor
          idPrefix={idPrefix}
          rows={rows}
          onChange={setRows}
          errors={checked ? headerCheck.errors : {}}
          hint={initial ? m.replaceHeadersHint : undefined}
        />
      ) : null}
      <Field
        id={`${idPrefix}-rate`}
        label={m.rateLimit}
        hint={m.rateLimitHint}
        optional
        error={show(rateInvalid) ? m.rateLimitInvalid : undefined}
        className="max-w-xs"
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={10_000}
            step={1}
            className="input"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        )}
      </Field>
      <ErrorAlert error={error} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {footer}
      </div>
    </form>
  );
}
