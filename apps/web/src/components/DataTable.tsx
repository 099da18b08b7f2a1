import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LoadMore } from './LoadMore.js';
import { MessageRow } from './MessageRow.js';

export interface Column<Row> {
  /** Unique within the table (React's key for the column). */
  id: string;
  header: ReactNode;
  /** Only for screen readers: an actions column, whose buttons already say what they do. */
  headerHidden?: boolean;
  cell(row: Row): ReactNode;
  /** This column names the row (`<th scope="row">`): screen readers announce it with every cell. */
  rowHeader?: boolean;
  /** Numbers and actions align right, header included. */
  align?: 'right';
  /** Classes of this column's cells (e.g. `whitespace-nowrap`, `font-mono text-xs`). */
  className?: string;
  /** A tooltip with the whole value of a cell that may be cut short (`truncate`). */
  title?(row: Row): string | undefined;
}

export interface MoreRows {
  hasMore: boolean;
  loading: boolean;
  onLoad(): void;
  /** Said under the last row once everything is shown ("No hay más eventos."). */
  endText?: string;
}

interface DataTableProps<Row> {
  /** Read by screen readers to name the table (shown only to them). */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** `data-*` attributes of a row, for tests and styles to find it by what it shows. */
  rowData?(row: Row): Record<`data-${string}`, string>;
  /** The first page is on its way: one "Cargando…" row. */
  loading: boolean;
  /** What to say when there is nothing (and no error). */
  empty: ReactNode;
  /** A failed load, shown as the last row under what did load; `onRetry` adds "Reintentar". */
  error?: unknown;
  onRetry?(): void;
  /** Paged lists: "Cargar más" under the rows. */
  more?: MoreRows;
  /** An expanded row's detail, shown in a full-width row under it (null: collapsed). */
  detail?(row: Row): ReactNode;
}

/**
 * A list from the API as an accessible table: a caption, column headers with scopes, a row header,
 * and the loading, empty and error states as rows of the table itself, so they sit where the data
 * would and need no layout of their own. Pages put it inside their card.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowData,
  loading,
  empty,
  error,
  onRetry,
  more,
  detail,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const alignOf = (column: Column<Row>) => (column.align === 'right' ? 'text-right' : '');
  const classOf = (column: Column<Row>) =>
    [alignOf(column), column.className ?? ''].join(' ').trim() || undefined;

  return (
    <>
      <div className="relative overflow-x-auto">
        <table className="table" aria-busy={loading}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.id} scope="col" className={alignOf(column) || undefined}>
                  {column.headerHidden ? <span className="sr-only">{column.header}</span> : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {loading ? (
              <MessageRow columns={columns.length}>{t.app.loading}</MessageRow>
            ) : rows.length === 0 && !error ? (
              <MessageRow columns={columns.length}>{empty}</MessageRow>
            ) : (
              rows.map((row) => {
                const expanded = detail?.(row) ?? null;
                return (
                  <Fragment key={rowKey(row)}>
                    <tr {...rowData?.(row)}>
                      {columns.map((column) =>
                        column.rowHeader ? (
                          <th
                            key={column.id}
                            scope="row"
                            className={classOf(column)}
                            title={column.title?.(row)}
                          >
                            {column.cell(row)}
                          </th>
                        ) : (
                          <td key={column.id} className={classOf(column)} title={column.title?.(row)}>
                            {column.cell(row)}
                          </td>
                        ),
                      )}
                    </tr>
                    {expanded !== null ? (
                      <tr data-detail-of={rowKey(row)}>
                        <td colSpan={columns.length} className="bg-slate-50">
                          {expanded}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })
            )}
            {error && !loading ? (
              <tr>
                <td colSpan={columns.length}>
                  <div className="flex flex-wrap items-start gap-3">
                    <ErrorAlert error={error} className="flex-1" />
                    {onRetry ? (
                      <button type="button" className="btn btn-secondary" onClick={onRetry}>
                        {t.common.retry}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {more && rows.length > 0 ? (
        <LoadMore hasMore={more.hasMore} loading={more.loading} onLoad={more.onLoad} endText={more.endText} />
      ) : null}
    </>
  );
}

/** `more` for a TanStack infinite query. */
export function moreOf(
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): unknown },
  endText?: string,
): MoreRows {
  return {
    hasMore: query.hasNextPage,
    loading: query.isFetchingNextPage,
    onLoad: () => void query.fetchNextPage(),
    ...(endText ? { endText } : {}),
  };
}
