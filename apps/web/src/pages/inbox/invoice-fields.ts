import {
  criticalInvoiceFields,
  type ExtractedField,
  type InvoiceCheck,
  type InvoiceConcepto,
  type InvoiceFieldName,
  type InvoiceTax,
  invoiceFieldNames,
} from '@boveda/contracts';
import type { InboxMessages } from '../../i18n/inbox-es-MX.js';
import { lookup } from '../../i18n/lookup.js';
import type { InvoiceDetail, InvoiceItem } from './inbox-api.js';

/** Under this a value is highlighted for review (the server's own threshold, REVIEW_THRESHOLD). */
export const REVIEW_THRESHOLD = 0.9;

export type FieldGroupId = keyof InboxMessages['groups'];

/**
 * The validation form's sections, in the order a person reads a CFDI. Every field of the contract
 * is in exactly one (`invoice-fields.test.ts`), so a new field cannot be left off the form.
 */
export const fieldGroups: readonly { id: FieldGroupId; fields: readonly InvoiceFieldName[] }[] = [
  {
    id: 'comprobante',
    fields: ['uuid', 'serie', 'folio', 'fecha', 'tipoDeComprobante', 'moneda', 'tipoCambio'],
  },
  { id: 'emisor', fields: ['emisorRfc', 'emisorNombre'] },
  { id: 'receptor', fields: ['receptorRfc', 'receptorNombre', 'usoCfdi'] },
  { id: 'importes', fields: ['subtotal', 'descuento', 'totalTraslados', 'totalRetenciones', 'total'] },
  { id: 'pago', fields: ['metodoPago', 'formaPago'] },
];

const CRITICAL: ReadonlySet<InvoiceFieldName> = new Set(criticalInvoiceFields);
export const isCritical = (name: InvoiceFieldName) => CRITICAL.has(name);

/** What the form shows for one field: its value as it stands, where it came from, and why to look. */
export interface FieldView {
  name: InvoiceFieldName;
  value: string | null;
  source: ExtractedField['source'] | null;
  confidence: number | null;
  /** Under the review threshold (or listed by the server as such): highlighted. */
  lowConfidence: boolean;
  /** Named by a check that failed. */
  failedCheck: boolean;
}

/**
 * The fields of an invoice for the form: the preview's values (with sources and confidences), or
 * the confirmed values once processed. A field is low-confidence when the server lists it in
 * `lowConfidenceFields` or its confidence is under 0.9 (an empty value has nothing to doubt).
 */
export function fieldViews(invoice: Pick<InvoiceDetail, 'preview' | 'finalData' | 'lowConfidenceFields'>) {
  const listed = new Set<string>(invoice.lowConfidenceFields);
  const failed = new Set<string>(failedChecks(invoice.preview?.checks ?? []).flatMap((c) => c.fields));
  const views = {} as Record<InvoiceFieldName, FieldView>;
  for (const name of invoiceFieldNames) {
    const extracted = invoice.preview?.fields[name];
    const finalValue = invoice.finalData?.fields[name];
    const value = finalValue !== undefined ? finalValue : (extracted?.value ?? null);
    const confidence = extracted?.confidence ?? null;
    views[name] = {
      name,
      value,
      source: extracted?.source ?? null,
      confidence,
      lowConfidence:
        listed.has(name) || (value !== null && confidence !== null && confidence < REVIEW_THRESHOLD),
      failedCheck: failed.has(name),
    };
  }
  return views;
}

export const failedChecks = (checks: readonly InvoiceCheck[]) => checks.filter((c) => !c.ok);

/** A check in the person's language; a code the web does not know yet keeps the server's English. */
export const checkText = (check: Pick<InvoiceCheck, 'code' | 'message'>, t: InboxMessages) =>
  lookup(t.checks, check.code) ?? check.message;

/**
 * What a failed check compared, in the person's language, from its params. Checks stored before
 * params existed have only the server's English message: shown only to an English reader.
 */
export function checkValuesText(
  check: InvoiceCheck,
  t: InboxMessages,
  englishReadable: boolean,
): string | null {
  const said = lookup(t.checkValues, check.code);
  if (check.params && said) return said(check.params, (name) => lookup(t.fields, name) ?? name);
  return englishReadable && checkText(check, t) !== check.message ? check.message : null;
}

/** Why extraction gave up, in the person's language; an unknown code keeps the server's message. */
export const failureText = (failure: NonNullable<InvoiceItem['failure']>, t: InboxMessages) =>
  lookup(t.failures, failure.code) ?? failure.message;

/** 0.72 → 72 (what a person reads next to a value). */
export const percent = (confidence: number) => Math.round(confidence * 100);

/**
 * What a person changed on the form, against what the invoice holds now: only fields whose text
 * differs (an emptied field is null), and the taxes or conceptos when any row differs. Empty means
 * nothing to save.
 */
export function editsOf(
  draft: {
    fields: Partial<Record<InvoiceFieldName, string>>;
    taxes: InvoiceTax[] | null;
    conceptos?: InvoiceConcepto[] | null;
  },
  current: Record<InvoiceFieldName, FieldView>,
  currentTaxes: readonly InvoiceTax[],
  currentConceptos: readonly InvoiceConcepto[] = [],
): {
  fields?: Partial<Record<InvoiceFieldName, string | null>>;
  taxes?: InvoiceTax[];
  conceptos?: InvoiceConcepto[];
} {
  const fields: Partial<Record<InvoiceFieldName, string | null>> = {};
  for (const [name, raw] of Object.entries(draft.fields) as [InvoiceFieldName, string][]) {
    const next = raw.trim() === '' ? null : raw.trim();
    if (next !== (current[name]?.value ?? null)) fields[name] = next;
  }
  const taxes =
    draft.taxes && !sameRows(draft.taxes, currentTaxes, cleanTax) ? draft.taxes.map(cleanTax) : undefined;
  const conceptos =
    draft.conceptos && !sameRows(draft.conceptos, currentConceptos, cleanConcepto)
      ? draft.conceptos.map(cleanConcepto)
      : undefined;
  return {
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(taxes ? { taxes } : {}),
    ...(conceptos ? { conceptos } : {}),
  };
}

const orNull = (v: string | null) => (v?.trim() ? v.trim() : null);

// Keys in a fixed order: rows are compared by their JSON.
const cleanTax = (tax: InvoiceTax): InvoiceTax => ({
  kind: tax.kind,
  impuesto: tax.impuesto,
  tasa: orNull(tax.tasa),
  importe: tax.importe.trim(),
});

const cleanConcepto = (c: InvoiceConcepto): InvoiceConcepto => ({
  claveProdServ: orNull(c.claveProdServ),
  cantidad: orNull(c.cantidad),
  claveUnidad: orNull(c.claveUnidad),
  descripcion: c.descripcion.trim(),
  valorUnitario: orNull(c.valorUnitario),
  importe: orNull(c.importe),
  descuento: orNull(c.descuento),
});

function sameRows<Row>(a: readonly Row[], b: readonly Row[], clean: (row: Row) => Row) {
  const key = (row: Row) => JSON.stringify(clean(row));
  return a.length === b.length && a.every((row, i) => key(row) === key(b[i]!));
}

export const hasEdits = (edits: ReturnType<typeof editsOf>) =>
  edits.fields !== undefined || edits.taxes !== undefined || edits.conceptos !== undefined;

/**
 * Where to go after the invoice `id` leaves the queue (confirmed, rejected): the one after it in
 * the list's order, else the one before, else nowhere.
 */
export function nextAfter(queue: readonly { id: string }[], id: string): string | null {
  const at = queue.findIndex((i) => i.id === id);
  if (at === -1) return queue[0]?.id ?? null;
  return queue[at + 1]?.id ?? queue[at - 1]?.id ?? null;
}

/** J/K: the neighbour in the queue; from an invoice not in it (already done), the queue's first. */
export function neighbour(queue: readonly { id: string }[], id: string, step: 1 | -1): string | null {
  const at = queue.findIndex((i) => i.id === id);
  if (at === -1) return queue[0]?.id ?? null;
  return queue[at + step]?.id ?? null;
}

/** The taxes as they stand: confirmed ones once processed, else the preview's. */
export const taxesOf = (invoice: Pick<InvoiceDetail, 'preview' | 'finalData'>): InvoiceTax[] =>
  invoice.finalData?.taxes ?? invoice.preview?.taxes.items ?? [];

export const conceptosOf = (invoice: Pick<InvoiceDetail, 'preview' | 'finalData'>): InvoiceConcepto[] =>
  invoice.finalData?.conceptos ?? invoice.preview?.conceptos.items ?? [];

/** The CFDI's fecha as printed ('2025-01-15T10:30:00', local): its day and time, never shifted. */
export const cfdiDate = (fecha: string | null) => (fecha ? fecha.replace('T', ' ').slice(0, 16) : '—');
