import type { InvoiceCheckCode } from '@boveda/contracts';
import type { CheckValuesText } from './inbox-checks-es-MX.js';

const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [String(v)]);

export const inboxCheckValuesEn: Record<InvoiceCheckCode, CheckValuesText> = {
  UUID_FORMAT: (p) => (p.value ? `Read: ${p.value}` : null),
  RFC_FORMAT: (p) => (p.value ? `Read: ${p.value}` : null),
  FECHA_RANGE: (p) => (p.value ? `Read: ${p.value}` : null),
  TOTAL_ARITHMETIC: (p) => `The sum is ${p.expected}; the printed total says ${p.total}.`,
  QR_MATCHES_TEXT: (p) => `The page says ${p.printed}; the QR says ${p.qr}.`,
  UUID_MISSING: () => null,
  DUPLICATE_IN_INBOX: (p) => (p.invoiceId ? `Existing invoice: ${p.invoiceId}` : null),
  LLM_UNAVAILABLE: (p) => (p.reason ? `Code: ${p.reason}` : null),
  LLM_VALUES_REFUSED: (p, label) => `Discarded fields: ${list(p.refused).map(label).join(', ')}`,
  LLM_DISAGREES: () => null,
  LLM_KIND_NOT_ALLOWED: () => null,
  LLM_MONTHLY_CAP_REACHED: () => null,
  LLM_PLAN_QUOTA_REACHED: () => null,
  OCR_PLAN_QUOTA_REACHED: (p) => (p.pages ? `Pages not read: ${p.pages}` : null),
};
