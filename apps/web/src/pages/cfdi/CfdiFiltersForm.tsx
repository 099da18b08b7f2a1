import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { CfdiSearch } from './cfdi-api.js';

const SORTS = ['date.desc', 'date.asc', 'total.desc', 'total.asc'] as const;

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
        <div>
          <label htmlFor="cfdi-rfc" className="label">
            {c.rfc}
          </label>
          <input {...field('rfc')} autoComplete="off" spellCheck={false} aria-describedby="cfdi-rfc-hint" />
          <p id="cfdi-rfc-hint" className="hint">
            {c.rfcHint}
          </p>
        </div>
        <div>
          <label htmlFor="cfdi-direction" className="label">
            {c.direction}
          </label>
          <select {...field('direction')} disabled={!draft.rfc?.trim()}>
            <option value="">{c.directionAny}</option>
            <option value="issued">{c.issued}</option>
            <option value="received">{c.received}</option>
          </select>
        </div>
        <div>
          <label htmlFor="cfdi-from" className="label">
            {c.from}
          </label>
          <input {...field('from')} type="date" />
        </div>
        <div>
          <label htmlFor="cfdi-to" className="label">
            {c.to}
          </label>
          <input {...field('to')} type="date" />
        </div>
        <div>
          <label htmlFor="cfdi-tipo" className="label">
            {c.tipo}
          </label>
          <select {...field('tipo')}>
            <option value="">{c.any}</option>
            {Object.entries(c.tipos).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cfdi-counterpart" className="label">
            {c.counterpart}
          </label>
          <input {...field('counterpart')} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="cfdi-minTotal" className="label">
            {c.minTotal}
          </label>
          <input {...field('minTotal')} inputMode="decimal" pattern="\d+(\.\d{1,6})?" />
        </div>
        <div>
          <label htmlFor="cfdi-maxTotal" className="label">
            {c.maxTotal}
          </label>
          <input {...field('maxTotal')} inputMode="decimal" pattern="\d+(\.\d{1,6})?" />
        </div>
        <div>
          <label htmlFor="cfdi-status" className="label">
            {c.status}
          </label>
          <select {...field('status')}>
            <option value="">{c.any}</option>
            {Object.entries(c.statuses).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cfdi-complemento" className="label">
            {c.complemento}
          </label>
          <input
            {...field('complemento')}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="cfdi-complemento-hint"
          />
          <p id="cfdi-complemento-hint" className="hint">
            {c.complementoHint}
          </p>
        </div>
        <div>
          <label htmlFor="cfdi-q" className="label">
            {c.q}
          </label>
          <input {...field('q')} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="cfdi-sort" className="label">
            {c.sort}
          </label>
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
        </div>
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
