import { type ComponentProps, type FormEvent, useState } from 'react';
import { Field } from '../../components/Field.js';
import { FilterActions } from '../../components/FilterActions.js';
import { useI18n } from '../../i18n/i18n.js';
import type { SearchDraft, SearchSchema, SearchValues, Shape } from '../../lib/search-state.js';
import type { CfdiSearchValues } from './cfdi-search.js';
import { normalizeAmount, type RangeProblem, rangeProblems } from './filter-checks.js';

const SORTS = ['date.desc', 'date.asc', 'total.desc', 'total.asc'] as const;
// The form reads and writes fields by name; which exist depends on the schema (CFDI or metadata).
type Draft = Record<string, string | undefined>;
type Key = string;

/** A select over one of the i18n catalogues (tipos, statuses), with "any" first. */
function CatalogueSelect({
  control,
  any,
  options,
}: {
  control: ComponentProps<'select'>;
  any: string;
  options: Readonly<Record<string, string>>;
}) {
  return (
    <select {...control}>
      <option value="">{any}</option>
      {Object.entries(options).map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}

/**
 * Edits a draft; the search only runs on “Buscar”, so typing never fires a query per key. The
 * applied search lives in the URL: when it changes under the form (Back, Forward, a link), the
 * draft follows it. Shared by the CFDI explorer (`cfdiSearch`) and the metadata page
 * (`metadataSearch`: `efecto` in place of `tipo`, no complemento); a field shows when the schema has it.
 */
export function CfdiFiltersForm<S extends Shape>({
  schema,
  value,
  onApply,
  efectoLabel,
}: {
  schema: SearchSchema<S>;
  value: SearchValues<S>;
  onApply(next: Partial<SearchValues<S>>): void;
  /** The label of `efecto` (the metadata page's own text). */
  efectoLabel?: string;
}) {
  const { t } = useI18n();
  const c = t.cfdi;
  const has = (key: string) => (schema.keys as readonly string[]).includes(key);
  const applied = schema.write(value).toString();
  const [draft, setDraft] = useState<Draft>(value as Draft);
  const [draftOf, setDraftOf] = useState(applied);
  const [invalid, setInvalid] = useState<Key[]>([]);
  const [reversed, setReversed] = useState<RangeProblem[]>([]);
  if (draftOf !== applied) {
    // Adjusting state while rendering (not in an effect) so the old draft never shows for a frame.
    setDraftOf(applied);
    setDraft(value as Draft);
    setInvalid([]);
    setReversed([]);
  }
  const set = (patch: Draft) => setDraft((d) => ({ ...d, ...patch }));
  const control = (key: Key) => ({
    className: 'input',
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value || undefined }),
  });
  const errorOf = (key: Key, message: string) => {
    const range = reversed.find((r) => r.key === key);
    if (range) return c[range.problem];
    return invalid.includes(key) ? message : undefined;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = schema.validate({
      ...draft,
      minTotal: normalizeAmount(draft.minTotal),
      maxTotal: normalizeAmount(draft.maxTotal),
    } as SearchDraft<S>);
    // Both schemas share the ranges' fields (`commonSearchFields`).
    const ranges =
      checked.invalid.length > 0 ? [] : rangeProblems(checked.values as unknown as CfdiSearchValues);
    setInvalid(checked.invalid);
    setReversed(ranges);
    const first = checked.invalid[0] ?? ranges[0]?.key;
    if (first) {
      document.getElementById(`cfdi-${first}`)?.focus();
      return;
    }
    const values = checked.values as Record<string, unknown>;
    onApply({ ...values, direction: values.rfc ? values.direction : undefined } as Partial<SearchValues<S>>);
  }

  return (
    <section aria-labelledby="cfdi-filters-title" className="card p-5">
      <h2 id="cfdi-filters-title" className="text-base font-semibold">
        {c.filtersTitle}
      </h2>
      <form className="mt-3 grid gap-3 md:grid-cols-3 lg:grid-cols-4" onSubmit={onSubmit} noValidate>
        <Field id="cfdi-rfc" label={c.rfc} hint={c.rfcHint} error={errorOf('rfc', c.rfcInvalid)}>
          {(field) => <input {...field} {...control('rfc')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field id="cfdi-direction" label={c.direction}>
          {(field) => (
            <select {...field} {...control('direction')} disabled={!draft.rfc?.trim()}>
              <option value="">{c.directionAny}</option>
              <option value="issued">{c.issued}</option>
              <option value="received">{c.received}</option>
            </select>
          )}
        </Field>
        <Field id="cfdi-from" label={c.from} error={errorOf('from', c.dateInvalid)}>
          {(field) => <input {...field} {...control('from')} type="date" />}
        </Field>
        <Field id="cfdi-to" label={c.to} error={errorOf('to', c.dateInvalid)}>
          {(field) => <input {...field} {...control('to')} type="date" />}
        </Field>
        {has('tipo') ? (
          <Field id="cfdi-tipo" label={c.tipo}>
            {(field) => (
              <CatalogueSelect control={{ ...field, ...control('tipo') }} any={c.any} options={c.tipos} />
            )}
          </Field>
        ) : null}
        {has('efecto') ? (
          <Field id="cfdi-efecto" label={efectoLabel ?? c.tipo}>
            {(field) => (
              <CatalogueSelect control={{ ...field, ...control('efecto') }} any={c.any} options={c.tipos} />
            )}
          </Field>
        ) : null}
        <Field id="cfdi-counterpart" label={c.counterpart}>
          {(field) => <input {...field} {...control('counterpart')} autoComplete="off" maxLength={300} />}
        </Field>
        <Field id="cfdi-minTotal" label={c.minTotal} error={errorOf('minTotal', c.amountInvalid)}>
          {(field) => <input {...field} {...control('minTotal')} inputMode="decimal" />}
        </Field>
        <Field id="cfdi-maxTotal" label={c.maxTotal} error={errorOf('maxTotal', c.amountInvalid)}>
          {(field) => <input {...field} {...control('maxTotal')} inputMode="decimal" />}
        </Field>
        <Field id="cfdi-status" label={c.status}>
          {(field) => (
            <CatalogueSelect control={{ ...field, ...control('status') }} any={c.any} options={c.statuses} />
          )}
        </Field>
        {has('complemento') ? (
          <Field
            id="cfdi-complemento"
            label={c.complemento}
            hint={c.complementoHint}
            error={errorOf('complemento', c.complementoInvalid)}
          >
            {(field) => (
              <input {...field} {...control('complemento')} autoComplete="off" spellCheck={false} />
            )}
          </Field>
        ) : null}
        <Field id="cfdi-sort" label={c.sort}>
          {(field) => (
            <select
              {...field}
              className="input"
              value={`${draft.sort ?? 'date'}.${draft.order ?? 'desc'}`}
              onChange={(e) => {
                const [sort, order] = e.target.value.split('.');
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
          )}
        </Field>
        <FilterActions
          className="md:col-span-3 lg:col-span-4"
          applyLabel={c.apply}
          clearLabel={c.clear}
          onClear={() => {
            setDraft({});
            setInvalid([]);
            onApply({} as Partial<SearchValues<S>>);
          }}
        />
      </form>
    </section>
  );
}
