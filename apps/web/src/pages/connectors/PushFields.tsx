import { cfdiTipos, pushSources } from '@boveda/contracts';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import type { ConnectorDraft } from './connector-draft.js';
import { DraftInput, DraftSelect, fieldId, type SectionProps } from './DraftInput.js';

const methods = ['POST', 'PUT', 'PATCH'] as const;
const directions = ['', 'issued', 'received'] as const;

/** What a push sends and where: the source (with a saved CFDI filter), the request and its JSON template. */
export function PushFields({ idPrefix, draft, set, errors }: SectionProps<ConnectorDraft>) {
  const { t } = useI18n();
  const m = t.connectors;
  const common = { idPrefix, errors };
  const bodyId = fieldId(idPrefix, 'push.body');

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">{m.pushTitle}</legend>
      <DraftSelect
        {...common}
        path="push.source"
        label={m.source}
        value={draft.source}
        options={pushSources}
        labels={m.sources}
        onValue={(source) => set({ source })}
        className="max-w-sm"
      />
      {draft.source === 'cfdi' ? (
        <fieldset className="grid gap-3 rounded-md bg-slate-50 p-3 md:grid-cols-5">
          <legend className="text-xs font-medium text-slate-600">{m.cfdiFilterTitle}</legend>
          <DraftInput
            {...common}
            path="push.cfdiFilter.rfc"
            label={m.filterRfc}
            mono
            value={draft.filterRfc}
            onValue={(filterRfc) => set({ filterRfc })}
          />
          <DraftSelect
            {...common}
            path="push.cfdiFilter.direction"
            label={m.filterDirection}
            value={draft.filterDirection}
            options={directions}
            labels={{
              '': m.filterDirections.any,
              issued: m.filterDirections.issued,
              received: m.filterDirections.received,
            }}
            onValue={(filterDirection) => set({ filterDirection })}
          />
          <DraftInput
            {...common}
            path="push.cfdiFilter.from"
            label={m.filterFrom}
            type="date"
            value={draft.filterFrom}
            onValue={(filterFrom) => set({ filterFrom })}
          />
          <DraftInput
            {...common}
            path="push.cfdiFilter.to"
            label={m.filterTo}
            type="date"
            value={draft.filterTo}
            onValue={(filterTo) => set({ filterTo })}
          />
          <DraftSelect
            {...common}
            path="push.cfdiFilter.tipo"
            label={m.filterTipo}
            value={draft.filterTipo}
            options={['', ...cfdiTipos]}
            labels={{ '': m.anyTipo, ...t.cfdi.tipos } as Record<string, string>}
            onValue={(filterTipo) => set({ filterTipo })}
          />
        </fieldset>
      ) : null}
      <div className="grid gap-3 md:grid-cols-4">
        <DraftSelect
          {...common}
          path="push.method"
          label={m.method}
          value={draft.method}
          options={methods}
          labels={{ POST: 'POST', PUT: 'PUT', PATCH: 'PATCH' }}
          onValue={(method) => set({ method })}
        />
        <DraftInput
          {...common}
          path="push.path"
          label={m.path}
          hint={m.pushPathHint}
          mono
          value={draft.pushPath}
          onValue={(pushPath) => set({ pushPath })}
        />
        <DraftInput
          {...common}
          path="push.externalIdPath"
          label={m.externalIdPath}
          hint={m.externalIdPathHint}
          mono
          value={draft.externalIdPath}
          onValue={(externalIdPath) => set({ externalIdPath })}
        />
        <DraftInput
          {...common}
          path="push.concurrency"
          label={m.concurrency}
          type="number"
          min={1}
          max={16}
          value={draft.concurrency}
          onValue={(concurrency) => set({ concurrency })}
        />
      </div>
      <Field id={bodyId} label={m.body} hint={m.bodyHint} error={errors['push.body']}>
        {(control) => (
          <textarea
            {...control}
            rows={12}
            spellCheck={false}
            className="input font-mono text-xs"
            value={draft.body}
            onChange={(e) => set({ body: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
