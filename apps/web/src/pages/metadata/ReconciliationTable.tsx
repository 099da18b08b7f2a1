import { useMetadataReconciliation } from '../../api/queries.js';
import type { ReconciliationCounts } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSearchState } from '../../lib/search-state.js';
import { MAX_YEAR, MIN_YEAR } from '../cfdi/cfdi-search.js';
import { mexicoCityYear, reconciliationYearSearch } from './metadata-view.js';

const KEYS = ['metadata', 'cancelled', 'stored', 'missing'] as const;

/** Issued, received, or both added up (a self-invoice then counts twice, once per side). */
function sideOf(
  counts: { issued: ReconciliationCounts; received: ReconciliationCounts },
  direction: 'issued' | 'received' | undefined,
): ReconciliationCounts {
  if (direction) return counts[direction];
  const out = { metadata: 0, cancelled: 0, stored: 0, missing: 0 };
  for (const k of KEYS) out[k] = counts.issued[k] + counts.received[k];
  return out;
}

/**
 * A taxpayer's year, month by month: metadata rows, cancelled, XML in the vault and missing, for
 * the direction the filters chose (both when none). The year is in the URL (`anio`).
 */
export function ReconciliationTable({
  rfc,
  direction,
}: {
  rfc: string | undefined;
  direction: 'issued' | 'received' | undefined;
}) {
  const { t } = useI18n();
  const m = t.metadata;
  const [{ anio }, setYear] = useSearchState(reconciliationYearSearch);
  const year = anio ?? mexicoCityYear();
  const query = useMetadataReconciliation(rfc, year);
  const labels = {
    metadata: m.colMetadata,
    cancelled: m.colCancelled,
    stored: m.colStored,
    missing: m.colMissing,
  };

  return (
    <section aria-labelledby="reconciliation-title" className="card p-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="reconciliation-title" className="text-base font-semibold">
          {m.reconciliationTitle}
          {rfc ? <span className="ml-2 font-mono text-sm text-slate-500">{rfc}</span> : null}
        </h2>
        {rfc ? (
          <label className="flex items-center gap-2 text-sm">
            {m.year}
            <input
              type="number"
              className="input w-24"
              min={MIN_YEAR}
              max={MAX_YEAR}
              value={year}
              onChange={(e) => {
                const next = Number(e.target.value);
                if (Number.isInteger(next) && next >= MIN_YEAR && next <= MAX_YEAR)
                  setYear({ anio: next }, { replace: true });
              }}
            />
          </label>
        ) : null}
      </div>
      {!rfc ? (
        <p className="mt-2 text-sm text-slate-500">{m.reconciliationNeedsRfc}</p>
      ) : query.isPending ? (
        <p className="mt-2 text-sm text-slate-500">{t.app.loading}</p>
      ) : query.error ? (
        <ErrorAlert error={query.error} className="mt-2" />
      ) : (
        <table className="table mt-3">
          <caption className="sr-only">
            {m.reconciliationTitle} {rfc} {year}
          </caption>
          <thead>
            <tr>
              <th scope="col">{m.month}</th>
              {KEYS.map((k) => (
                <th key={k} scope="col" className="text-right">
                  {labels[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {query.data.months.map((row) => {
              const counts = sideOf(row, direction);
              return (
                <tr key={row.month}>
                  <th scope="row" className="font-normal">
                    {m.months[Number(row.month.slice(5, 7)) - 1]} {row.month.slice(0, 4)}
                  </th>
                  {KEYS.map((k) => (
                    <td
                      key={k}
                      className={`text-right tabular-nums ${k === 'missing' && counts.missing > 0 ? 'font-semibold text-amber-700' : ''}`}
                    >
                      {counts[k]}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{m.total}</th>
              {KEYS.map((k) => (
                <td key={k} className="text-right font-semibold tabular-nums">
                  {sideOf(query.data.totals, direction)[k]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
