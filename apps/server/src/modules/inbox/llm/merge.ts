import type {
  ExtractedField,
  FieldSource,
  InvoiceCheck,
  InvoiceFieldName,
  InvoicePreview,
} from '@boveda/contracts';
import { runChecks } from '../extraction/checks.js';
import { isDecimal, normalizeDecimal } from '../extraction/decimal.js';
import { correctRfc, correctUuid, findRfcs, findUuids } from '../extraction/identifiers.js';
import { applyChecks } from '../extraction/merge.js';
import { REVIEW_THRESHOLD } from '../preview.js';
import type { LlmAnswer } from './fields.js';

/** LLM-only prior (docs/inbox-extraction.md §4.2): right about 6 times in 10 before any check. */
export const LLM_CONFIDENCE = 0.6;
/**
 * An OCR or text value the LLM read the same: raised, but to the review threshold at most. The
 * model read the same OCR text, so the two are not independent: agreement rules out a mis-anchored
 * label, not a misread glyph.
 */
const AGREEMENT_CEILING = REVIEW_THRESHOLD;

/** Sources the LLM never touches: the document itself, the vault's copy, the QR, and a person. */
const PROTECTED: ReadonlySet<FieldSource> = new Set(['xml', 'sat', 'qr', 'person']);

const DECIMAL_FIELDS = new Set<InvoiceFieldName>([
  'tipoCambio',
  'subtotal',
  'descuento',
  'totalTraslados',
  'totalRetenciones',
  'total',
]);

// SAT catalogues (Anexo 20): only the keys, as the XML holds them.
const CATALOGUE: Partial<Record<InvoiceFieldName, RegExp>> = {
  tipoDeComprobante: /^[IETNP]$/,
  usoCfdi: /^(G0[1-3]|I0[1-8]|D(0[1-9]|10)|S01|CP01|CN01|P01)$/,
  moneda: /^[A-Z]{3}$/,
  metodoPago: /^(PUE|PPD)$/,
  formaPago: /^\d{2}$/,
};
const MAX_LENGTH: Partial<Record<InvoiceFieldName, number>> = {
  serie: 25,
  folio: 40,
  emisorNombre: 254,
  receptorNombre: 254,
};

/**
 * One answered value made canonical the way the deterministic reading writes it, or null when it
 * is not a well-formed value for that field (then it is refused, never stored).
 */
export function normalizeLlmValue(name: InvoiceFieldName, raw: string): string | null {
  const value = raw.replace(/\s+/g, ' ').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused on purpose
  if (value === '' || /[\u0000-\u001f\u007f]/.test(value)) return null;
  if (name === 'uuid') return correctUuid(value);
  if (name === 'emisorRfc' || name === 'receptorRfc') return correctRfc(value);
  if (name === 'fecha') {
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}Z`));
    return ok ? value : null;
  }
  if (DECIMAL_FIELDS.has(name)) {
    // "$1,234.50" → "1234.50"; a comma elsewhere (a decimal comma, "1.234,50") is ambiguous: refused.
    const plain = value.replace(/^\$\s*/, '').replace(/\s/g, '');
    const unGrouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain) ? plain.replaceAll(',', '') : plain;
    if (!/^\d+(\.\d+)?$/.test(unGrouped) || !isDecimal(unGrouped)) return null;
    return normalizeDecimal(unGrouped);
  }
  const catalogue = CATALOGUE[name];
  if (catalogue) {
    const key = value.toUpperCase();
    return catalogue.test(key) ? key : null;
  }
  const max = MAX_LENGTH[name];
  return max !== undefined && value.length > max ? null : value;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();

/** Whether `a` becomes `b` by at most one inserted, dropped or changed character (an OCR slip). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

// Glyphs OCR confuses, folded to one class before comparing an answer with the page.
const LOOK_ALIKE: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };
const fold = (s: string) => [...s].map((c) => LOOK_ALIKE[c] ?? c).join('');

/**
 * Whether a (normalised) value is printed in the document: the model is told to copy, so a value
 * the text does not hold is invented, or planted by an instruction it should have ignored. An RFC or
 * UUID may differ from an OCR'd token by look-alike glyphs and one more slip (what the model may mend); an amount may be
 * printed with `$` and thousands separators; a date in another layout, but with its year and time.
 */
export function isGrounded(name: InvoiceFieldName, value: string, text: string): boolean {
  if (name === 'uuid' || name === 'emisorRfc' || name === 'receptorRfc') {
    const found = name === 'uuid' ? findUuids(text).map((u) => u.uuid) : findRfcs(text);
    if (found.includes(value)) return true;
    const tokens =
      text.toUpperCase().match(name === 'uuid' ? /[0-9A-Z-]{35,37}/g : /[0-9A-ZÑ&]{11,14}/g) ?? [];
    return tokens.some((t) => withinOneEdit(fold(t), fold(value)));
  }
  if (DECIMAL_FIELDS.has(name)) {
    for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
      const n = normalizeLlmValue(name, m[0]);
      if (n !== null && n === value) return true;
    }
    return false;
  }
  if (name === 'fecha') {
    const [date, time] = value.split('T') as [string, string];
    return text.includes(value) || (text.includes(date.slice(0, 4)) && text.includes(time));
  }
  if (CATALOGUE[name]) return new RegExp(`(^|[^A-Z0-9])${value}([^A-Z0-9]|$)`).test(text.toUpperCase());
  return collapse(text).includes(collapse(value));
}

export interface LlmMergeResult {
  preview: InvoicePreview;
  /** Fields the LLM filled (source `llm`). */
  filled: InvoiceFieldName[];
  /** Fields whose deterministic value the LLM confirmed (confidence raised). */
  confirmed: InvoiceFieldName[];
  /** Fields whose answer was not a valid value (format, catalogue, decimal) or not printed: dropped. */
  refused: InvoiceFieldName[];
}

const sameValue = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Puts the LLM's answer into the preview, only where the deterministic reading left a gap: a field
 * that is missing or empty, or under the review threshold with a value that is not well-formed, and
 * never one from XML, the vault, the QR or a person. A value must be well-formed and printed in the
 * document (`text`). A filled value is source `llm` at 0.6 and no check raises it (an answer that
 * fits its own arithmetic proves nothing); an existing value the LLM reads the same keeps its source
 * and rises (to 0.9 at most); an unsure, well-formed value it reads differently stays, with a failed
 * `LLM_DISAGREES` check: the model read the same text, so its guess is no better evidence.
 */
export function mergeLlmAnswer(
  preview: InvoicePreview,
  answer: LlmAnswer,
  context: { text: string; now?: Date | undefined },
): LlmMergeResult {
  const fields: InvoicePreview['fields'] = { ...preview.fields };
  const filled: InvoiceFieldName[] = [];
  const confirmed: InvoiceFieldName[] = [];
  const refused: InvoiceFieldName[] = [];
  const disagreements: InvoiceFieldName[] = [];
  for (const [name, raw] of Object.entries(answer) as Array<[InvoiceFieldName, string | null | undefined]>) {
    if (raw == null) continue;
    const value = normalizeLlmValue(name, raw);
    if (value === null || !isGrounded(name, value, context.text)) {
      refused.push(name);
      continue;
    }
    const existing: ExtractedField | undefined = fields[name];
    if (existing && PROTECTED.has(existing.source)) continue;
    if (existing?.value != null && existing.confidence >= REVIEW_THRESHOLD) continue;
    if (existing?.value != null && sameValue(existing.value, value)) {
      const raised = round(Math.min(AGREEMENT_CEILING, 1 - (1 - existing.confidence) * (1 - LLM_CONFIDENCE)));
      if (raised > existing.confidence) {
        fields[name] = { ...existing, confidence: raised };
        confirmed.push(name);
      }
      continue;
    }
    if (existing?.value != null && normalizeLlmValue(name, existing.value) !== null) {
      disagreements.push(name);
      continue;
    }
    fields[name] = { value, source: 'llm', confidence: LLM_CONFIDENCE };
    filled.push(name);
  }
  if (filled.length === 0) {
    const checks = disagreements.length > 0 ? [disagreementCheck(disagreements)] : [];
    return {
      preview: { ...preview, fields, checks: [...preview.checks, ...checks] },
      filled,
      confirmed,
      refused,
    };
  }
  // The checks that involve a filled field run again; the old ones on those fields are replaced
  // (e.g. the arithmetic now has the traslados it lacked). Only the filled fields' confidence moves.
  const touched = new Set<InvoiceFieldName>(filled);
  const fresh = runChecks({ ...preview, fields }, { now: context.now }).filter((c) =>
    c.fields.some((f) => touched.has(f)),
  );
  // An old check naming a replaced value is stale; so is the old arithmetic once it runs again.
  const rerunArithmetic = fresh.some((c) => c.code === 'TOTAL_ARITHMETIC');
  const kept = preview.checks.filter(
    (c) => !c.fields.some((f) => touched.has(f)) && !(rerunArithmetic && c.code === 'TOTAL_ARITHMETIC'),
  );
  const adjusted = applyChecks({ ...preview, fields, checks: [] }, fresh).fields;
  for (const name of filled) {
    const field = adjusted[name]!;
    fields[name] = { ...field, confidence: Math.min(field.confidence, LLM_CONFIDENCE) };
  }
  const checks: InvoiceCheck[] = [...kept, ...fresh];
  if (disagreements.length > 0) checks.push(disagreementCheck(disagreements));
  return { preview: { ...preview, fields, checks }, filled, confirmed, refused };
}

function disagreementCheck(names: InvoiceFieldName[]): InvoiceCheck {
  return {
    code: 'LLM_DISAGREES',
    ok: false,
    message: `the LLM read a different value for ${names.join(', ')}`,
    fields: names,
  };
}
