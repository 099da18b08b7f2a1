import type { InvoiceFieldName, InvoiceTax } from '@boveda/contracts';
import { Badge } from '../../components/Badge.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { type FieldView, fieldGroups, isCritical, percent } from './invoice-fields.js';

/**
 * The extracted values grouped as on a CFDI (Comprobante, Emisor, Receptor, Importes, Pago). Each
 * says where it came from and how sure the reading is; low-confidence values and values a failed
 * check names are highlighted, so the eye goes to them first.
 */
export function InvoiceFieldsForm({
  views,
  draft,
  editable,
  onChange,
}: {
  views: Record<InvoiceFieldName, FieldView>;
  draft: Partial<Record<InvoiceFieldName, string>>;
  editable: boolean;
  onChange(name: InvoiceFieldName, value: string): void;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  return (
    <div className="space-y-4">
      {fieldGroups.map((group) => (
        <fieldset key={group.id} className="card p-4" data-group={group.id}>
          <legend className="px-1 text-sm font-semibold text-slate-800">{m.groups[group.id]}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {group.fields.map((name) => {
              const view = views[name];
              const value = draft[name] ?? view.value ?? '';
              const changed = draft[name] !== undefined && draft[name] !== (view.value ?? '');
              const flagged = view.lowConfidence || view.failedCheck;
              const missing = editable && isCritical(name) && value.trim() === '';
              return (
                <div
                  key={name}
                  data-field={name}
                  data-low-confidence={view.lowConfidence ? 'true' : undefined}
                  data-source={view.source ?? undefined}
                  className={`rounded-md ${flagged && !changed ? 'bg-amber-50 p-2 ring-1 ring-amber-300' : 'p-2'} ${
                    name === 'uuid' || name.endsWith('Nombre') ? 'sm:col-span-2' : ''
                  }`}
                >
                  <Field
                    id={`invoice-${name}`}
                    label={m.fields[name]}
                    error={missing ? m.required : undefined}
                    hint={<SourceLine view={view} changed={changed} />}
                  >
                    {(control) => (
                      <input
                        {...control}
                        className={`input ${name === 'uuid' || name.endsWith('Rfc') ? 'font-mono' : ''}`}
                        value={value}
                        readOnly={!editable}
                        autoComplete="off"
                        spellCheck={false}
                        maxLength={500}
                        onChange={(e) => onChange(name, e.target.value)}
                      />
                    )}
                  </Field>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function SourceLine({ view, changed }: { view: FieldView; changed: boolean }) {
  const { t } = useI18n();
  const m = t.inbox;
  if (changed) return <span className="font-medium text-brand-700">{m.changedByYou}</span>;
  if (!view.source) return null;
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge
        tone={
          view.source === 'xml' || view.source === 'sat'
            ? 'success'
            : view.source === 'person'
              ? 'info'
              : 'neutral'
        }
        title={m.sourceHints[view.source]}
        data-field-source={view.source}
      >
        {m.sources[view.source]}
      </Badge>
      {view.confidence !== null ? (
        <span className="sr-only">{m.sourceOf(m.sources[view.source], percent(view.confidence))}</span>
      ) : null}
      {view.confidence !== null ? (
        <span aria-hidden="true" className="tabular-nums">
          {percent(view.confidence)} %
        </span>
      ) : null}
      {view.lowConfidence ? (
        <Badge tone="warning" icon="⚠" title={m.lowConfidenceHint}>
          {m.lowConfidence}
        </Badge>
      ) : null}
    </span>
  );
}

const TAX_KINDS = ['traslado', 'retencion'] as const;
const IMPUESTOS = ['001', '002', '003'] as const;
const emptyTax = (): InvoiceTax => ({ kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '' });

/** The taxes as rows a person can correct, add or remove (read-only once decided). */
export function TaxesEditor({
  taxes,
  editable,
  onChange,
  source,
}: {
  taxes: InvoiceTax[];
  editable: boolean;
  onChange(taxes: InvoiceTax[]): void;
  source: string | null;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  const set = (i: number, patch: Partial<InvoiceTax>) =>
    onChange(taxes.map((tax, j) => (j === i ? { ...tax, ...patch } : tax)));
  return (
    <section aria-labelledby="invoice-taxes-title" className="card overflow-hidden">
      <div className="flex items-center justify-between gap-2 px-4 pt-4 pb-2">
        <h3 id="invoice-taxes-title" className="text-sm font-semibold">
          {m.taxesTitle}
        </h3>
        {source ? (
          <Badge title={lookup(m.sourceHints, source)}>{lookup(m.sources, source) ?? source}</Badge>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{m.taxesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.taxKind}</th>
              <th scope="col">{m.taxImpuesto}</th>
              <th scope="col">{m.taxTasa}</th>
              <th scope="col" className="text-right">
                {m.taxImporte}
              </th>
              {editable ? (
                <th scope="col">
                  <span className="sr-only">{m.taxRemove(0)}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {taxes.length === 0 ? (
              <tr>
                <td colSpan={editable ? 5 : 4} className="text-sm text-slate-500">
                  {m.noTaxes}
                </td>
              </tr>
            ) : null}
            {taxes
              .map((tax, i) => ({ tax, n: i + 1 }))
              .map(({ tax, n }) => (
                <TaxRow
                  key={n}
                  n={n}
                  tax={tax}
                  editable={editable}
                  set={(patch) => set(n - 1, patch)}
                  remove={() => onChange(taxes.filter((_, j) => j !== n - 1))}
                />
              ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div className="px-4 py-3">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => onChange([...taxes, emptyTax()])}
          >
            {m.taxAdd}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function TaxRow({
  n,
  tax,
  editable,
  set,
  remove,
}: {
  n: number;
  tax: InvoiceTax;
  editable: boolean;
  set(patch: Partial<InvoiceTax>): void;
  remove(): void;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  if (!editable)
    return (
      <tr data-tax-row={n}>
        <td>{m.taxKinds[tax.kind] ?? tax.kind}</td>
        <td>{m.impuestos[tax.impuesto] ?? tax.impuesto}</td>
        <td className="font-mono">{tax.tasa ?? '—'}</td>
        <td className="text-right font-mono">{tax.importe}</td>
      </tr>
    );
  return (
    <tr data-tax-row={n}>
      <td>
        <select
          className="input min-w-32 py-1"
          aria-label={m.taxCell(m.taxKind, n)}
          value={tax.kind}
          onChange={(e) => set({ kind: e.target.value as InvoiceTax['kind'] })}
        >
          {TAX_KINDS.map((k) => (
            <option key={k} value={k}>
              {m.taxKinds[k]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          className="input min-w-24 py-1"
          aria-label={m.taxCell(m.taxImpuesto, n)}
          value={tax.impuesto}
          onChange={(e) => set({ impuesto: e.target.value as InvoiceTax['impuesto'] })}
        >
          {IMPUESTOS.map((k) => (
            <option key={k} value={k}>
              {m.impuestos[k]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="input min-w-24 py-1 font-mono"
          aria-label={m.taxCell(m.taxTasa, n)}
          value={tax.tasa ?? ''}
          inputMode="decimal"
          onChange={(e) => set({ tasa: e.target.value })}
        />
      </td>
      <td>
        <input
          className="input min-w-28 py-1 text-right font-mono"
          aria-label={m.taxCell(m.taxImporte, n)}
          value={tax.importe}
          inputMode="decimal"
          onChange={(e) => set({ importe: e.target.value })}
        />
      </td>
      <td className="text-right">
        <button type="button" className="btn btn-danger-quiet" aria-label={m.taxRemove(n)} onClick={remove}>
          ✕
        </button>
      </td>
    </tr>
  );
}
