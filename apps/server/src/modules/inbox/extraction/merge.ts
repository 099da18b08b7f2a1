import type {
  ExtractedField,
  FieldSource,
  InvoiceCheck,
  InvoiceFieldName,
  InvoicePreview,
  InvoiceTax,
} from '@boveda/contracts';
import type { AnchorResult } from './anchors.js';
import { qrAgreementChecks, runChecks } from './checks.js';
import type { QrExpression } from './qr-expression.js';

/**
 * Source priors (docs/inbox-extraction.md §4.2): how often a value from that source was right on the
 * measured corpus before any cross-check. OCR's prior is the middle of the measured 0.7–0.9 range.
 */
export const SOURCE_PRIOR = { xml: 1, qr: 0.99, text: 0.95, ocr: 0.75 } as const;
// A value read by two independent sources: 1 − (both wrong), capped below XML's certainty.
const AGREEMENT_CAP = 0.999;
// A field named in a failed check keeps its value but no longer looks trustworthy.
const FAILED_CHECK_FACTOR = 0.6;
// The page contradicts the QR: QR wins, but a person should look (OCR slip or an edited PDF).
const QR_CONFLICT_CONFIDENCE = 0.9;

const round = (n: number) => Math.round(n * 1000) / 1000;
const agree = (a: number, b: number) => round(Math.min(AGREEMENT_CAP, 1 - (1 - a) * (1 - b)));

export interface MergeInput {
  anchors: AnchorResult | null;
  /** 'text' for a PDF's text layer, 'ocr' for recognised text. */
  anchorSource: Extract<FieldSource, 'text' | 'ocr'>;
  qr: QrExpression | null;
  now?: Date;
}

function qrFields(qr: QrExpression): Partial<Record<InvoiceFieldName, string>> {
  return { uuid: qr.uuid, emisorRfc: qr.rfcEmisor, receptorRfc: qr.rfcReceptor, total: qr.total };
}

/** Combines QR and anchored text into one preview, then lets the checks adjust confidence. */
export function mergeSources({ anchors, anchorSource, qr, now }: MergeInput): InvoicePreview {
  const fields: InvoicePreview['fields'] = {};
  const prior = SOURCE_PRIOR[anchorSource];
  for (const [name, value] of Object.entries(anchors?.fields ?? {}) as Array<[InvoiceFieldName, string]>) {
    fields[name] = { value, source: anchorSource, confidence: prior };
  }
  const checks: InvoiceCheck[] = [];
  if (qr) {
    checks.push(...qrAgreementChecks(anchors?.fields ?? {}, qr));
    for (const [name, value] of Object.entries(qrFields(qr)) as Array<[InvoiceFieldName, string]>) {
      const printed = fields[name];
      const same = printed?.value != null && printed.value.toUpperCase() === value.toUpperCase();
      const confidence = !printed
        ? SOURCE_PRIOR.qr
        : same
          ? agree(SOURCE_PRIOR.qr, printed.confidence)
          : QR_CONFLICT_CONFIDENCE;
      fields[name] = { value, source: 'qr', confidence };
    }
  }
  const preview: InvoicePreview = {
    fields,
    taxes: { items: dedupeTaxes(anchors?.taxes ?? []), source: anchorSource, confidence: prior },
    // Line items are read by row shape, not by label: table layouts vary, so they rank below fields.
    conceptos: { items: anchors?.conceptos ?? [], source: anchorSource, confidence: round(prior * 0.8) },
    checks,
  };
  return applyChecks(preview, runChecks(preview, { now }));
}

function dedupeTaxes(taxes: InvoiceTax[]): InvoiceTax[] {
  const seen = new Set<string>();
  return taxes.filter((t) => {
    const key = `${t.kind}|${t.impuesto}|${t.tasa}|${t.importe}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Adds `checks` to the preview: fields in a failed check lose confidence (XML excepted: it is the
 * document itself); amounts whose arithmetic closes count as independently confirmed.
 */
export function applyChecks(preview: InvoicePreview, checks: InvoiceCheck[]): InvoicePreview {
  const fields = { ...preview.fields };
  const adjust = (name: InvoiceFieldName, f: (field: ExtractedField) => number) => {
    const field = fields[name];
    if (field && field.source !== 'xml' && field.source !== 'person')
      fields[name] = { ...field, confidence: round(f(field)) };
  };
  for (const c of [...preview.checks, ...checks]) {
    // A QR conflict was already priced in when the QR value replaced the printed one.
    if (c.code === 'QR_MATCHES_TEXT') continue;
    for (const name of c.fields) {
      if (!c.ok) adjust(name, (field) => field.confidence * FAILED_CHECK_FACTOR);
      else if (c.code === 'TOTAL_ARITHMETIC') adjust(name, (field) => agree(field.confidence, 0.5));
    }
  }
  return { ...preview, fields, checks: [...preview.checks, ...checks] };
}
