import type { ReactNode } from 'react';

export interface LineColumn {
  label: string;
  /** Right-aligned, monospaced: amounts and quantities. */
  numeric?: boolean;
  /** Classes of this column's cells (e.g. `font-mono text-xs` for codes). */
  cellClassName?: string;
}

/**
 * A titled table of a document's lines (concepts, taxes) with its empty state. Lines have no
 * identity besides their position, so rows are keyed by index.
 */
export function LineTable({
  title,
  empty,
  columns,
  rows,
}: {
  title: string;
  empty: string;
  columns: LineColumn[];
  rows: ReactNode[][];
}) {
  const cellClass = (col: LineColumn) =>
    [col.numeric ? 'text-right font-mono' : '', col.cellClassName ?? ''].join(' ').trim() || undefined;
  return (
    <section>
      <h3 className="mb-2 font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((col) => (
                  <th key={col.label} scope="col" className={col.numeric ? 'text-right' : undefined}>
                    {col.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: document lines have no identity besides their position
                <tr key={i}>
                  {columns.map((col, j) => (
                    <td key={col.label} className={cellClass(col)}>
                      {cells[j]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
