import { isErrorCode, type OrderStatus } from '@boveda/contracts';
import { ApiError } from '../../api/errors.js';
import { describeError } from '../../i18n/describe-error.js';
import { fieldPathOf, issueSentence } from '../../i18n/describe-issue.js';
import type { Messages } from '../../i18n/es-MX.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';

/** Field errors by the form's own names: `errors[].path` without `body.` (`lines.0.sku`). */
export type FieldErrors = Record<string, string>;

/** Codes that are about one field of the form that was sent. */
const codeFields: Record<string, string> = {
  CLIENT_EMAIL_TAKEN: 'email',
  ORDER_NUMBER_TAKEN: 'number',
  CLIENT_UNKNOWN: 'clientId',
  CLIENT_ARCHIVED: 'clientId',
  RETURN_REASON_REQUIRED: 'reasonCode',
};

/**
 * A refused save as errors next to its fields: VALIDATION_FAILED's `errors[]` by path, said from
 * each entry's code and params, and the codes that name one field.
 */
export function fieldErrorsOf(error: unknown, t: Messages): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const { problem } = error;
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const path = fieldPathOf(e.path);
    if (path && !out[path]) out[path] = issueSentence(e, t);
  }
  const field = codeFields[problem.code];
  if (field && isErrorCode(problem.code)) out[field] = t.errors.codes[problem.code];
  return out;
}

/** What a problem's `params` add to its text, in the person's language ("Disponibles: 2"). */
export function paramsText(error: unknown, t: Messages): string | undefined {
  if (!(error instanceof ApiError) || !error.problem.params) return undefined;
  const m = t.orders;
  const p = error.problem.params;
  const status = (s: unknown) => (typeof s === 'string' ? (lookup(m.statuses, s) ?? s) : '');
  switch (error.code) {
    case 'ORDER_TRANSITION_NOT_ALLOWED': {
      const allowed = Array.isArray(p.allowed) ? p.allowed : [];
      return m.orders.notAllowed(allowed.map((s) => status(s as OrderStatus)).join(', '));
    }
    case 'RETURN_QUANTITY_EXCEEDED':
      return [
        p.sku ? `SKU ${p.sku}` : null,
        p.available !== undefined ? m.returns.available(Number(p.available)) : null,
      ]
        .filter(Boolean)
        .join('. ');
    case 'RETURN_SKU_UNKNOWN':
      return p.sku ? `SKU ${p.sku}` : undefined;
    case 'RETURN_ORDER_NOT_SHIPPED':
      return p.status ? `${m.orders.colStatus}: ${status(p.status)}` : undefined;
    default:
      return undefined;
  }
}

/** Like `ErrorAlert`, plus what the problem's params say (the allowed states, the units available). */
export function ProblemAlert({ error, className = '' }: { error: unknown; className?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const { message, detail, requestId } = describeError(error, t);
  const extra = paramsText(error, t);
  return (
    <div
      role="alert"
      className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}
    >
      <p className="font-medium">{message}</p>
      {extra ? (
        <p className="mt-0.5" data-testid="problem-params">
          {extra}
        </p>
      ) : null}
      {detail && detail !== message ? <p className="mt-0.5">{detail}</p> : null}
      {requestId ? <p className="mt-1 text-xs text-red-700/80">{t.common.reference(requestId)}</p> : null}
    </div>
  );
}
