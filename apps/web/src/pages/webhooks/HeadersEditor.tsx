import { useI18n } from '../../i18n/i18n.js';
import type { HeaderRow } from './webhook-labels.js';

let nextKey = 1;
export const newHeaderRow = (): HeaderRow => ({ key: nextKey++, name: '', value: '' });

/** Name/value rows for the endpoint's custom headers; errors by row key (from `headersFromRows`). */
export function HeadersEditor({
  idPrefix,
  rows,
  onChange,
  errors,
  hint,
}: {
  idPrefix: string;
  rows: readonly HeaderRow[];
  onChange(rows: HeaderRow[]): void;
  errors: Record<number, string>;
  hint?: string;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const set = (key: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <fieldset>
      <legend className="label">
        {m.headers} <span className="font-normal text-slate-500">({t.common.optional})</span>
      </legend>
      <p className="hint mt-0 mb-2">{hint ?? m.headersHint}</p>
      <ul className="space-y-2">
        {rows.map((row, i) => {
          const nameId = `${idPrefix}-header-name-${row.key}`;
          const errorId = `${nameId}-error`;
          return (
            <li
              key={row.key}
              className="grid grid-cols-[minmax(0,1fr)_auto] gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]"
            >
              <div className="min-w-0">
                <label htmlFor={nameId} className="sr-only">
                  {`${m.headerName} ${i + 1}`}
                </label>
                <input
                  id={nameId}
                  className="input font-mono"
                  placeholder={m.headerName}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={100}
                  value={row.name}
                  aria-invalid={errors[row.key] ? true : undefined}
                  aria-describedby={errors[row.key] ? errorId : undefined}
                  onChange={(e) => set(row.key, { name: e.target.value })}
                />
                {errors[row.key] ? (
                  <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
                    {errors[row.key]}
                  </p>
                ) : null}
              </div>
              <div className="col-start-1 row-start-2 min-w-0 sm:col-start-2 sm:row-start-1">
                <label htmlFor={`${idPrefix}-header-value-${row.key}`} className="sr-only">
                  {`${m.headerValue} ${i + 1}`}
                </label>
                <input
                  id={`${idPrefix}-header-value-${row.key}`}
                  className="input font-mono"
                  placeholder={m.headerValue}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={2000}
                  value={row.value}
                  onChange={(e) => set(row.key, { value: e.target.value.replace(/[\r\n\0]/g, '') })}
                />
              </div>
              <button
                type="button"
                className="btn btn-danger-quiet col-start-2 row-start-1 self-start sm:col-start-3"
                aria-label={m.removeHeader(i + 1)}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                {m.remove}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="btn btn-secondary mt-2"
        disabled={rows.length >= 20}
        onClick={() => onChange([...rows, newHeaderRow()])}
      >
        {m.addHeader}
      </button>
    </fieldset>
  );
}
