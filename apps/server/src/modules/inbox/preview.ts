import {
  criticalInvoiceFields,
  type FieldSource,
  type InvoiceFieldName,
  type InvoicePreview,
  invoiceFieldNames,
  isRfc,
  isUuid,
} from '@boveda/contracts';
import type { InvoiceFinalData } from './inbox.schema.js';

/** Under this a value is highlighted for review (the QR and a text layer reach 0.95 and above). */
export const REVIEW_THRESHOLD = 0.9;

const value = (p: InvoicePreview, name: InvoiceFieldName) => p.fields[name]?.value ?? null;

/** The columns the list filters on, read from the preview (or from what a person confirmed). */
export function headerColumns(p: InvoicePreview) {
  const total = value(p, 'total');
  return {
    uuid: value(p, 'uuid')?.toUpperCase() ?? null,
    serie: value(p, 'serie'),
    folio: value(p, 'folio'),
    fecha: value(p, 'fecha'),
    emisorRfc: value(p, 'emisorRfc'),
    emisorNombre: value(p, 'emisorNombre'),
    receptorRfc: value(p, 'receptorRfc'),
    receptorNombre: value(p, 'receptorNombre'),
    // Only a well-formed amount reaches the NUMERIC column; a person fixes the rest.
    total: total && /^-?\d{1,18}(\.\d{1,6})?$/.test(total) ? total : null,
    moneda: value(p, 'moneda'),
    sources: [...new Set(invoiceFieldNames.flatMap((n) => (p.fields[n] ? [p.fields[n].source] : [])))].sort(),
    lowConfidenceFields: invoiceFieldNames.filter(
      (n) => p.fields[n] && p.fields[n].value !== null && p.fields[n].confidence < REVIEW_THRESHOLD,
    ),
  };
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** A person's values replace the extracted ones: source `person`, full confidence. */
export function applyEdits(
  p: InvoicePreview,
  edits: {
    fields?: Partial<Record<InvoiceFieldName, string | null>>;
    taxes?: InvoicePreview['taxes']['items'];
    conceptos?: InvoicePreview['conceptos']['items'];
  },
): { preview: InvoicePreview; changes: FieldChange[] } {
  const fields = { ...p.fields };
  const changes: FieldChange[] = [];
  for (const [name, raw] of Object.entries(edits.fields ?? {}) as [InvoiceFieldName, string | null][]) {
    const to = raw === null || raw === '' ? null : raw;
    const from = fields[name]?.value ?? null;
    if (from === to && fields[name]?.source === 'person') continue;
    if (from !== to) changes.push({ field: name, from, to });
    fields[name] = { value: to, source: 'person' satisfies FieldSource, confidence: 1 };
  }
  let { taxes, conceptos } = p;
  if (edits.taxes) {
    changes.push({ field: 'taxes', from: JSON.stringify(p.taxes.items), to: JSON.stringify(edits.taxes) });
    taxes = { items: edits.taxes, source: 'person', confidence: 1 };
  }
  if (edits.conceptos) {
    changes.push({
      field: 'conceptos',
      from: `${p.conceptos.items.length} conceptos`,
      to: `${edits.conceptos.length} conceptos`,
    });
    conceptos = { items: edits.conceptos, source: 'person', confidence: 1 };
  }
  return { preview: { ...p, fields, taxes, conceptos }, changes };
}

/** What confirming needs: the four values that identify a CFDI, well-formed. */
export function missingCritical(p: InvoicePreview): InvoiceFieldName[] {
  const ok: Record<(typeof criticalInvoiceFields)[number], (v: string) => boolean> = {
    uuid: isUuid,
    emisorRfc: isRfc,
    receptorRfc: isRfc,
    total: (v) => /^\d{1,18}(\.\d{1,6})?$/.test(v),
  };
  return criticalInvoiceFields.filter((n) => {
    const v = value(p, n);
    return v === null || !ok[n](v);
  });
}

export function finalDataOf(p: InvoicePreview): InvoiceFinalData {
  return {
    fields: Object.fromEntries(invoiceFieldNames.map((n) => [n, value(p, n)])),
    taxes: p.taxes.items,
    conceptos: p.conceptos.items,
  };
}

/** The preview of a file nothing could be read from: every value for a person to type. */
export const emptyPreview = (): InvoicePreview => ({
  fields: {},
  taxes: { items: [], source: 'person', confidence: 0 },
  conceptos: { items: [], source: 'person', confidence: 0 },
  checks: [],
});
