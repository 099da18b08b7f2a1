import type { FieldSource, InvoiceFieldName, SuggestionField, SuggestionKind } from '@boveda/contracts';

/**
 * The rules, offline and deterministic: what the supplier's last confirmed invoices say.
 *
 * - Only the last `WINDOW` confirmed invoices of the supplier count: habits change (a new account,
 *   another forma de pago) and the evidence people read ("8 de las últimas 9") stays recent.
 * - A value is offered when it has a clear majority: at least `MIN_MATCHING` invoices and at least
 *   `MIN_SHARE` of the invoices considered. Three is the least that is a habit rather than a
 *   coincidence; 60 % means the value wins over all the others together, with room for exceptions.
 * - A correction is a value people typed over what was read, on the same field, for the same
 *   supplier: offered when people made the same correction on `MIN_MATCHING` invoices and it is
 *   `MIN_SHARE` of the corrections of that field (two different corrections are no habit).
 */
export const WINDOW = 20;
export const MIN_MATCHING = 3;
export const MIN_SHARE = 0.6;
/** Dismissed on this many invoices of the supplier (and accepted on fewer): not offered any more. */
export const DISMISSALS_TO_STOP = 3;

/** Header fields whose usual value is offered as such (`kind` = the field). */
export const VALUE_FIELDS = ['usoCfdi', 'formaPago', 'metodoPago'] as const;
/**
 * Fields that stay the same across a supplier's invoices, where a repeated correction means the
 * reading (OCR, a PDF's layout) keeps getting it wrong. Per-invoice values (UUID, folio, fecha,
 * amounts) are never "corrected by habit".
 */
export const CORRECTABLE_FIELDS = [
  'emisorNombre',
  'receptorRfc',
  'receptorNombre',
  'moneda',
  'tipoDeComprobante',
] as const satisfies readonly InvoiceFieldName[];

/** A value read exactly (the XML, the vault's copy) or typed by a person is never second-guessed. */
export const TRUSTED_SOURCES: readonly FieldSource[] = ['xml', 'sat', 'person'];

export interface HistoryInvoice {
  categoryCode: string | null;
  accountCode: string | null;
  fields: Partial<Record<string, string | null>>;
  /** The person's corrections on that invoice, in order: field, from, to. */
  edits: { field: string; from: string | null; to: string | null }[];
}

export interface Candidate {
  kind: SuggestionKind;
  field: SuggestionField;
  value: string;
  matching: number;
  of: number;
}

/** The most frequent non-empty value and its count, when it is a clear majority of `of`. */
export function majority(values: (string | null | undefined)[], of: number) {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  if (!best || best[1] < MIN_MATCHING || best[1] / of < MIN_SHARE) return null;
  return { value: best[0], matching: best[1] };
}

/** Every candidate the history supports, before looking at the invoice itself. */
export function candidatesOf(history: HistoryInvoice[]): Candidate[] {
  const of = history.length;
  if (of < MIN_MATCHING) return [];
  const out: Candidate[] = [];
  const push = (kind: SuggestionKind, field: SuggestionField, m: ReturnType<typeof majority>) => {
    if (m) out.push({ kind, field, value: m.value, matching: m.matching, of });
  };
  push(
    'category',
    'category',
    majority(
      history.map((h) => h.categoryCode),
      of,
    ),
  );
  push(
    'account',
    'account',
    majority(
      history.map((h) => h.accountCode),
      of,
    ),
  );
  for (const f of VALUE_FIELDS)
    push(
      f,
      f,
      majority(
        history.map((h) => h.fields[f]),
        of,
      ),
    );
  for (const f of CORRECTABLE_FIELDS) {
    // The last value a person gave the field on each invoice, when it differs from what was read.
    const corrected = history
      .map((h) => {
        const mine = h.edits.filter((e) => e.field === f);
        const first = mine[0];
        const last = mine.at(-1);
        return first && last?.to && last.to !== first.from ? last.to : null;
      })
      .filter((v): v is string => v !== null);
    const m = majority(corrected, corrected.length);
    if (m) out.push({ kind: 'correction', field: f, value: m.value, matching: m.matching, of });
  }
  return out;
}
