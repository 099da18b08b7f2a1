import { type ComponentProps, type FormEvent, type ReactNode, useState } from 'react';
import type { CfdiSearch } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

const SORTS = ['date.desc', 'date.asc', 'total.desc', 'total.asc'] as const;

function Labeled({ htmlFor, label, children }: { htmlFor: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="label">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select over one of the i18n catalogues (tipos, statuses), with "any" first. */
function CatalogueSelect({
  field,
  any,
  options,
}: {
  field: ComponentProps<'select'>;
  any: string;
  options: Record<string, string>;
}) {
  return (
    <select {...field}>
      <option value="">{any}</option>
      {Object.entries(options).map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** Edits a draft; the search only runs on “Buscar”, so typing never fires a query per key. */
export function CfdiFiltersForm({ value, onApply }: { value: CfdiSearch; onApply(next: CfdiSearch): void }) {
  const { t } = useI18n();
  const c = t.cfdi;
  const [draft, setDraft] = useState<CfdiSearch>(value);
  const set = (patch: Partial<CfdiSearch>) => setDraft((d) => ({ ...d, ...patch }));
  const field = (key: keyof CfdiSearch) => ({
    id: `cfdi-${key}`,
    className: 'input',
    value: (draft[key] as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value || undefined }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const rfc = draft.rfc?.trim().toUpperCase() || undefined;
    onApply({ ...draft, rfc, direction: rfc ? draft.direction : undefined });
  }

  return (
    <section aria-labelledby="cfdi-filters-title" className="card p-5">
      <h2 id="cfdi-filters-title" className="text-base font-semibold">
        {c.filtersTitle}
      </h2>
      <form className="mt-3 grid gap-3 md:grid-cols-3 lg:grid-cols-4" onSubmit={onSubmit}>
        <Labeled htmlFor="cfdi-rfc" label={c.rfc}>
          <input {...field('rfc')} autoComplete="off" spellCheck={false} aria-describedby="cfdi-rfc-hint" />
          <p id="cfdi-rfc-hint" className="hint">
            {c.rfcHint}
          </p>
        </Labeled>
        <Labeled htmlFor="cfdi-direction" label={c.direction}>
          <select {...field('direction')} disabled={!draft.rfc?.trim()}>
            <option value="">{c.directionAny}</option>
            <option value="issued">{c.issued}</option>
            <option value="received">{c.received}</option>
          </select>
        </Labeled>
        <Labeled htmlFor="cfdi-from" label={c.from}>
          <input {...field('from')} type="date" />
        </Labeled>
        <Labeled htmlFor="cfdi-to" label={c.to}>
          <input {...field('to')} type="date" />
        </Labeled>
        <Labeled htmlFor="cfdi-tipo" label={c.tipo}>
          <CatalogueSelect field={field('tipo')} any={c.any} options={c.tipos} />
        </Labeled>
        <Labeled htmlFor="cfdi-counterpart" label={c.counterpart}>
          <input {...field('counterpart')} autoComplete="off" />
        </Labeled>
        <Labeled htmlFor="cfdi-minTotal" label={c.minTotal}>
          <input {...field('minTotal')} inputMode="decimal" pattern="\d+(\.\d{1,6})?" />
        </Labeled>
        <Labeled htmlFor="cfdi-maxTotal" label={c.maxTotal}>
          <input {...field('maxTotal')} inputMode="decimal" pattern="\d+(\.\d{1,6})?" />
        </Labeled>
        <Labeled htmlFor="cfdi-status" label={c.status}>
          <CatalogueSelect field={field('status')} any={c.any} options={c.statuses} />
        </Labeled>
        <Labeled htmlFor="cfdi-complemento" label={c.complemento}>
          <input
            {...field('complemento')}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="cfdi-complemento-hint"
          />
          <p id="cfdi-complemento-hint" className="hint">
            {c.complementoHint}
          </p>
        </Labeled>
        <Labeled htmlFor="cfdi-q" label={c.q}>
          <input {...field('q')} autoComplete="off" />
        </Labeled>
        <Labeled htmlFor="cfdi-sort" label={c.sort}>
          <select
            id="cfdi-sort"
            className="input"
            value={`${draft.sort ?? 'date'}.${draft.order ?? 'desc'}`}
            onChange={(e) => {
              const [sort, order] = e.target.value.split('.') as ['date' | 'total', 'asc' | 'desc'];
              set({ sort, order });
            }}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {
                  {
                    'date.desc': c.sortDateDesc,
                    'date.asc': c.sortDateAsc,
                    'total.desc': c.sortTotalDesc,
                    'total.asc': c.sortTotalAsc,
                  }[s]
                }
              </option>
            ))}
          </select>
        </Labeled>
        <div className="flex items-end gap-2 md:col-span-3 lg:col-span-4">
          <button type="submit" className="btn btn-primary">
            {c.apply}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            {c.clear}
          </button>
        </div>
      </form>
    </section>
  );
}
