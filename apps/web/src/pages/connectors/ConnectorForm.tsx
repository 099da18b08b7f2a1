import { connectorDirections } from '@boveda/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { AuthFields } from './AuthFields.js';
import {
  bodyOfDraft,
  type ConnectorDraft,
  draftOf,
  emptyDraft,
  wantsPull,
  wantsPush,
} from './connector-draft.js';
import { draftErrorsOf, fieldErrorsOf } from './connector-errors.js';
import type { Connector, ConnectorCreateInput } from './connectors-api.js';
import { DraftInput, DraftSelect, fieldId } from './DraftInput.js';
import { PullResourcesEditor } from './PullResourcesEditor.js';
import { PushFields } from './PushFields.js';

/**
 * The connector's whole configuration: new (no `initial`) or edit. What the API refuses comes
 * back next to its field in Spanish; the form first checks what it can (required, numbers, JSON).
 */
export function ConnectorForm({
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
  initial?: Connector;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(body: ConnectorCreateInput, reset: () => void): void;
  footer?: ReactNode;
}) {
  const { t } = useI18n();
  const m = t.connectors;
  const [draft, setDraft] = useState<ConnectorDraft>(() => (initial ? draftOf(initial) : emptyDraft()));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (patch: Partial<ConnectorDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = { ...fieldErrorsOf(error, t), ...local };
  const common = { idPrefix, errors };
  const section = { idPrefix, draft, set, errors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { body, problems } = bodyOfDraft(draft, initial);
    const found = draftErrorsOf(problems, t);
    setLocal(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(fieldId(idPrefix, first))?.focus();
      return;
    }
    onSubmit(body, () => setDraft(emptyDraft()));
  }

  return (
    <form className="space-y-4" onSubmit={submit} noValidate>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">{m.generalTitle}</legend>
        <div className="grid gap-3 md:grid-cols-3">
          <DraftInput
            {...common}
            path="name"
            label={m.name}
            maxLength={120}
            value={draft.name}
            onValue={(name) => set({ name })}
          />
          <DraftSelect
            {...common}
            path="direction"
            label={m.direction}
            value={draft.direction}
            options={connectorDirections}
            labels={m.directions}
            onValue={(direction) => set({ direction })}
          />
          <DraftInput
            {...common}
            path="baseUrl"
            label={m.baseUrl}
            hint={m.baseUrlHint}
            type="url"
            mono
            value={draft.baseUrl}
            onValue={(baseUrl) => set({ baseUrl })}
          />
          <DraftInput
            {...common}
            path="testPath"
            label={m.testPath}
            hint={m.testPathHint}
            optional
            mono
            value={draft.testPath}
            onValue={(testPath) => set({ testPath })}
          />
          <DraftInput
            {...common}
            path="timeoutMs"
            label={m.timeout}
            type="number"
            min={500}
            max={120000}
            value={draft.timeoutMs}
            onValue={(timeoutMs) => set({ timeoutMs })}
          />
          <DraftInput
            {...common}
            path="rateLimitPerSecond"
            label={m.rateLimit}
            hint={m.rateLimitHint}
            optional
            type="number"
            min={1}
            max={1000}
            value={draft.rateLimit}
            onValue={(rateLimit) => set({ rateLimit })}
          />
        </div>
        <div className="flex flex-wrap gap-6">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            {m.enabled}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.scheduleOn}
              onChange={(e) => set({ scheduleOn: e.target.checked })}
            />
            {m.scheduleOn}
          </label>
        </div>
        {draft.scheduleOn ? (
          <div className="grid gap-3 md:grid-cols-2">
            <DraftInput
              {...common}
              path="schedule.cron"
              label={m.cron}
              hint={m.cronHint}
              mono
              value={draft.cron}
              onValue={(cron) => set({ cron })}
            />
            <DraftInput
              {...common}
              path="schedule.timeZone"
              label={m.timeZone}
              mono
              value={draft.timeZone}
              onValue={(timeZone) => set({ timeZone })}
            />
          </div>
        ) : null}
      </fieldset>
      <AuthFields {...section} storedSecret={initial ? initial.auth : null} />
      {wantsPush(draft.direction) ? <PushFields {...section} /> : null}
      {wantsPull(draft.direction) ? <PullResourcesEditor {...section} /> : null}
      {Object.keys(local).length > 0 ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {m.formHasErrors}
        </p>
      ) : null}
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
