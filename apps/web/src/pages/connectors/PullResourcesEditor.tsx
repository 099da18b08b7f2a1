import { paginationStyles, pullResourceKinds } from '@boveda/contracts';
import { useI18n } from '../../i18n/i18n.js';
import { type ConnectorDraft, newResource, type ResourceDraft } from './connector-draft.js';
import { DraftInput, DraftSelect, type SectionProps } from './DraftInput.js';

/** The resources a pull reads: one block each, added and removed freely (at least one). */
export function PullResourcesEditor({ idPrefix, draft, set, errors }: SectionProps<ConnectorDraft>) {
  const { t } = useI18n();
  const m = t.connectors;
  const { resources } = draft;
  const change = (i: number, patch: Partial<ResourceDraft>) =>
    set({ resources: resources.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">{m.pullTitle}</legend>
      {errors['pull.resources'] || errors.pull ? (
        <p className="text-xs font-medium text-red-700">{errors['pull.resources'] ?? errors.pull}</p>
      ) : null}
      {resources.map((r, i) => {
        const p = `pull.resources.${i}`;
        const common = { idPrefix, errors };
        return (
          <fieldset key={r.key} className="space-y-3 rounded-md bg-slate-50 p-3" data-resource={i}>
            <legend className="flex items-center gap-3 text-xs font-medium text-slate-700">
              {m.resourceTitle(i + 1)}
              {resources.length > 1 ? (
                <button
                  type="button"
                  className="text-red-700 underline"
                  onClick={() => set({ resources: resources.filter((_, j) => j !== i) })}
                >
                  {m.removeResource(i + 1)}
                </button>
              ) : null}
            </legend>
            <div className="grid gap-3 md:grid-cols-3">
              <DraftInput
                {...common}
                path={`${p}.name`}
                label={m.resourceName}
                hint={m.resourceNameHint}
                mono
                value={r.name}
                onValue={(name) => change(i, { name })}
              />
              <DraftSelect
                {...common}
                path={`${p}.kind`}
                label={m.kind}
                value={r.kind}
                options={pullResourceKinds}
                labels={m.kinds}
                onValue={(kind) => change(i, { kind })}
              />
              <DraftInput
                {...common}
                path={`${p}.path`}
                label={m.path}
                mono
                value={r.path}
                onValue={(path) => change(i, { path })}
              />
              <DraftInput
                {...common}
                path={`${p}.recordsPath`}
                label={m.recordsPath}
                mono
                value={r.recordsPath}
                onValue={(recordsPath) => change(i, { recordsPath })}
              />
              <DraftInput
                {...common}
                path={`${p}.idField`}
                label={m.idField}
                mono
                value={r.idField}
                onValue={(idField) => change(i, { idField })}
              />
              <div className="grid grid-cols-2 gap-3">
                <DraftSelect
                  {...common}
                  path={`${p}.pagination.style`}
                  label={m.pagination}
                  value={r.style}
                  options={paginationStyles}
                  labels={m.paginationStyles}
                  onValue={(style) => change(i, { style })}
                />
                {r.style !== 'none' ? (
                  <DraftInput
                    {...common}
                    path={`${p}.pagination.pageSize`}
                    label={m.pageSize}
                    type="number"
                    min={1}
                    max={1000}
                    value={r.pageSize}
                    onValue={(pageSize) => change(i, { pageSize })}
                  />
                ) : null}
              </div>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={r.incremental}
                onChange={(e) => change(i, { incremental: e.target.checked })}
              />
              {m.incremental}
            </label>
            {r.incremental ? (
              <div className="grid gap-3 md:grid-cols-3">
                <DraftInput
                  {...common}
                  path={`${p}.incremental.updatedField`}
                  label={m.updatedField}
                  mono
                  value={r.updatedField}
                  onValue={(updatedField) => change(i, { updatedField })}
                />
                <DraftInput
                  {...common}
                  path={`${p}.incremental.param`}
                  label={m.updatedParam}
                  mono
                  value={r.param}
                  onValue={(param) => change(i, { param })}
                />
                <DraftInput
                  {...common}
                  path={`${p}.incremental.lookbackSeconds`}
                  label={m.lookback}
                  type="number"
                  min={0}
                  value={r.lookback}
                  onValue={(lookback) => change(i, { lookback })}
                />
              </div>
            ) : null}
          </fieldset>
        );
      })}
      {resources.length < 20 ? (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => set({ resources: [...resources, newResource(resources.length)] })}
        >
          {m.addResource}
        </button>
      ) : null}
    </fieldset>
  );
}
