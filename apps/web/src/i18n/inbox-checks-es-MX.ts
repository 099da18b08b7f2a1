import type { InvoiceCheck, InvoiceCheckCode } from '@boveda/contracts';

type Params = NonNullable<InvoiceCheck['params']>;
/** What a failed check compared, from its params; null when the check's text says it all. */
export type CheckValuesText = (p: Params, fieldLabel: (name: string) => string) => string | null;

const list = (v: Params[string] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]);

export const inboxCheckValuesEsMX = {
  UUID_FORMAT: (p) => (p.value ? `Se leyó: ${p.value}` : null),
  RFC_FORMAT: (p) => (p.value ? `Se leyó: ${p.value}` : null),
  FECHA_RANGE: (p) => (p.value ? `Se leyó: ${p.value}` : null),
  TOTAL_ARITHMETIC: (p) => `La suma da ${p.expected}; el total impreso dice ${p.total}.`,
  QR_MATCHES_TEXT: (p) => `La página dice ${p.printed}; el QR dice ${p.qr}.`,
  UUID_MISSING: () => null,
  DUPLICATE_IN_INBOX: (p) => (p.invoiceId ? `Factura existente: ${p.invoiceId}` : null),
  LLM_UNAVAILABLE: (p) => (p.reason ? `Código: ${p.reason}` : null),
  LLM_VALUES_REFUSED: (p, label) => `Campos descartados: ${list(p.refused).map(label).join(', ')}`,
  LLM_DISAGREES: () => null,
  LLM_KIND_NOT_ALLOWED: () => null,
  LLM_MONTHLY_CAP_REACHED: () => null,
  LLM_PLAN_QUOTA_REACHED: () => null,
  OCR_PLAN_QUOTA_REACHED: (p) => (p.pages ? `Páginas sin leer: ${p.pages}` : null),
} satisfies Record<InvoiceCheckCode, CheckValuesText>;
