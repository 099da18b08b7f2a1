import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n.js';

/** Shows an API or network error in the user's language; `role=alert` makes screen readers announce it. */
export function ErrorAlert({ error, className = '' }: { error: unknown; className?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const { message, detail, requestId } = describeError(error, t);
  return (
    <div
      role="alert"
      className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}
    >
      <p className="font-medium">{message}</p>
      {detail && detail !== message ? <p className="mt-0.5">{detail}</p> : null}
      {requestId ? <p className="mt-1 text-xs text-red-700/80">{t.common.reference(requestId)}</p> : null}
    </div>
  );
}
