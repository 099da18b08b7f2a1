import type { InvoiceFieldName } from '@boveda/contracts';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type CatalogKind,
  type InvoiceSuggestion,
  useActiveCatalog,
  useDecideSuggestion,
  useInvoiceSuggestions,
} from './catalog-api.js';

export type CatalogCodes = Partial<Record<CatalogKind, string | null>>;

interface InvoiceCodes {
  id: string;
  version: number;
  status: string;
  category: string | null;
  account: string | null;
}

/** The category and account of an invoice, chosen from the active catalogue (read-only once decided). */
export function AccountingFields({
  invoice,
  draft,
  editable,
  onChange,
}: {
  invoice: InvoiceCodes;
  draft: CatalogCodes;
  editable: boolean;
  onChange(codes: CatalogCodes): void;
}) {
  const { t } = useI18n();
  const m = t.catalog;
  return (
    <section aria-labelledby="invoice-accounting-title" className="card space-y-3 p-4">
      <h2 id="invoice-accounting-title" className="text-base font-semibold">
        {m.accountingTitle}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        {(['category', 'account'] as const).map((kind) => (
          <CodePicker
            key={kind}
            kind={kind}
            value={draft[kind] !== undefined ? draft[kind] : invoice[kind]}
            editable={editable}
            onChange={(code) => onChange({ [kind]: code })}
          />
        ))}
      </div>
    </section>
  );
}

function CodePicker({
  kind,
  value,
  editable,
  onChange,
}: {
  kind: CatalogKind;
  value: string | null;
  editable: boolean;
  onChange(code: string | null): void;
}) {
  const { t } = useI18n();
  const m = t.catalog;
  const entries = useActiveCatalog(kind);
  const options = entries.data ?? [];
  const named = (code: string) => {
    const e = options.find((o) => o.code === code);
    return e ? `${e.code} — ${e.name}` : m.inactiveCode(code);
  };
  return (
    <Field id={`invoice-${kind}`} label={m[kind]}>
      {(c) =>
        editable ? (
          <select
            {...c}
            className="input"
            value={value ?? ''}
            onChange={(e) => onChange(e.target.value || null)}
            data-field={kind}
          >
            <option value="">{m.none}</option>
            {value && !options.some((o) => o.code === value) ? (
              <option value={value}>{named(value)}</option>
            ) : null}
            {options.map((o) => (
              <option key={o.id} value={o.code}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
        ) : (
          <p {...c} className="text-sm" data-field={kind}>
            {value ? named(value) : m.none}
          </p>
        )
      }
    </Field>
  );
}

/**
 * The suggestions open on an invoice waiting for validation, each as a chip with its evidence
 * ("8 de las últimas 9 facturas de este proveedor") and, for members, Aceptar / Descartar.
 */
export function SuggestionChips({
  invoice,
  canDecide,
  onDecided,
}: {
  invoice: InvoiceCodes;
  canDecide: boolean;
  onDecided?(): void;
}) {
  const { t } = useI18n();
  const m = t.catalog;
  const waiting = invoice.status === 'waiting_validation';
  const query = useInvoiceSuggestions(invoice.id, invoice.version, waiting);
  const decide = useDecideSuggestion(invoice.id);
  const items = query.data ?? [];
  if (!waiting || items.length === 0) return null;

  const what = (s: InvoiceSuggestion) =>
    s.kind === 'correction'
      ? (t.inbox.fields[s.field as InvoiceFieldName] ?? s.field)
      : m.suggestionKinds[s.kind];
  const value = (s: InvoiceSuggestion) => (s.label ? `${s.label} (${s.value})` : s.value);

  return (
    <section
      aria-labelledby="invoice-suggestions-title"
      className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm"
    >
      <h2 id="invoice-suggestions-title" className="font-semibold text-sky-950">
        {m.suggestionsTitle}
      </h2>
      <ul className="mt-2 space-y-2">
        {items.map((s) => (
          <li
            key={s.id}
            className="flex flex-wrap items-center gap-2"
            data-suggestion-kind={s.kind}
            data-suggestion-field={s.field}
          >
            <span className="font-medium text-slate-900" title={s.source === 'llm' ? m.fromLlm : m.fromRules}>
              {m.suggestionOf(what(s), value(s))}
            </span>
            <span className="text-slate-600">
              {s.source === 'llm'
                ? m.llmEvidence(s.evidence.model ?? '—')
                : s.kind === 'correction'
                  ? m.correctionEvidence(s.evidence.matching, s.evidence.of)
                  : m.evidence(s.evidence.matching, s.evidence.of)}
            </span>
            {s.source === 'llm' ? <Badge>{m.llmBadge}</Badge> : null}
            {canDecide ? (
              <span className="flex gap-2">
                <button
                  type="button"
                  className="btn btn-primary py-1"
                  disabled={decide.isPending}
                  aria-label={`${m.accept}: ${m.suggestionOf(what(s), value(s))}`}
                  onClick={() =>
                    decide.mutate(
                      { id: s.id, accept: true, version: invoice.version },
                      { onSuccess: onDecided },
                    )
                  }
                >
                  {m.accept}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary py-1"
                  disabled={decide.isPending}
                  aria-label={`${m.dismiss}: ${m.suggestionOf(what(s), value(s))}`}
                  onClick={() => decide.mutate({ id: s.id, accept: false, version: invoice.version })}
                >
                  {m.dismiss}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorAlert error={decide.error} className="mt-2" />
    </section>
  );
}
