import { returnReasonCodes } from '@boveda/contracts';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import type { Messages } from '../../i18n/es-MX.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { useSearchState } from '../../lib/search-state.js';
import { href, paths } from '../../paths.js';
import { formatMoney } from '../cfdi/money.js';
import { OrdersTabs } from './OrdersTabs.js';
import { type Return, useOrderReturns, useReturns } from './orders-api.js';
import { returnSearch } from './orders-search.js';

/** `/devoluciones`: every return of the organization, newest first, filtered by reason (in the URL). */
export function ReturnsPage(_: PageProps) {
  const { t } = useI18n();
  const m = t.orders.returns;
  const [filters, setFilters] = useSearchState(returnSearch);
  const list = useReturns(returnSearch.nonDefault(filters));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useReturnColumns(true);
  return (
    <Page title={m.title} intro={m.intro}>
      <OrdersTabs current="returns" />
      <section aria-labelledby="return-filters-title" className="card p-5">
        <h2 id="return-filters-title" className="text-base font-semibold">
          {m.filtersTitle}
        </h2>
        <div className="mt-3 max-w-sm">
          <Field id="returns-reason" label={m.reason}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={filters.reasonCode ?? ''}
                onChange={(e) =>
                  setFilters({ reasonCode: (e.target.value || undefined) as (typeof filters)['reasonCode'] })
                }
              >
                <option value="">{m.anyReason}</option>
                {returnReasonCodes.map((code) => (
                  <option key={code} value={code}>
                    {t.orders.returnReasons[code]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </section>
      <section aria-labelledby="returns-title" className="card overflow-hidden">
        <h2 id="returns-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.tableCaption}
        </h2>
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowData={(r) => ({ 'data-return-number': r.number, 'data-reason': r.reasonCode })}
          loading={list.isPending}
          empty={filters.reasonCode ? m.emptyFiltered : m.empty}
          error={list.error}
          onRetry={() => void list.refetch()}
          more={moreOf(list, t.orders.noMore)}
        />
      </section>
    </Page>
  );
}

/** The returns of one order, inside its page. */
export function ReturnsTable({ orderNumber }: { orderNumber: string }) {
  const { t } = useI18n();
  const list = useOrderReturns(orderNumber);
  const columns = useReturnColumns(false);
  return (
    <DataTable
      caption={t.orders.orders.returnsTitle}
      columns={columns}
      rows={list.data?.items ?? []}
      rowKey={(r) => r.id}
      rowData={(r) => ({ 'data-return-number': r.number })}
      loading={list.isPending}
      empty={t.orders.orders.returnsEmpty}
      error={list.error}
      onRetry={() => void list.refetch()}
    />
  );
}

/** "Nota de crédito timbrada" with its UUID, in timbrado, failed, pending of the invoice, or none. */
export function creditNoteState(r: Pick<Return, 'creditNote' | 'creditNotePending'>, t: Messages) {
  const m = t.orders.returns;
  const note = r.creditNote;
  if (note?.status === 'stamped')
    return { tone: 'success' as const, text: m.creditNoteStamped, uuid: note.uuid };
  if (note?.status === 'failed') return { tone: 'danger' as const, text: m.creditNoteFailed, uuid: null };
  if (note) return { tone: 'info' as const, text: m.creditNoteStamping, uuid: null };
  if (r.creditNotePending) return { tone: 'warning' as const, text: m.creditNotePending, uuid: null };
  return { tone: 'neutral' as const, text: m.creditNoteNone, uuid: null };
}

function useReturnColumns(withOrder: boolean): Column<Return>[] {
  const { t, dateTime } = useI18n();
  const m = t.orders.returns;
  const columns: (Column<Return> | null)[] = [
    {
      id: 'number',
      header: m.colNumber,
      rowHeader: true,
      className: 'font-mono text-xs whitespace-nowrap',
      cell: (r) => r.number,
    },
    withOrder
      ? {
          id: 'order',
          header: m.colOrder,
          cell: (r) => (
            <Link
              to={href(paths.order, { number: r.orderNumber })}
              className="font-mono text-brand-700 underline-offset-2 hover:underline"
            >
              {r.orderNumber}
            </Link>
          ),
        }
      : null,
    withOrder
      ? {
          id: 'client',
          header: m.colClient,
          cell: (r) => (
            <Link to={href(paths.client, { id: r.client.id })} className="underline-offset-2 hover:underline">
              {r.client.name}
            </Link>
          ),
        }
      : null,
    {
      id: 'reason',
      header: m.colReason,
      cell: (r) => lookup(t.orders.returnReasons, r.reasonCode) ?? r.reasonCode,
    },
    {
      id: 'note',
      header: m.colNote,
      title: (r) => r.note,
      cell: (r) => <span className="block max-w-56 break-words">{r.note}</span>,
    },
    {
      id: 'items',
      header: m.colItems,
      cell: (r) => (
        <ul className="text-xs">
          {r.items.map((i) => (
            <li key={i.sku} className="whitespace-nowrap">
              {m.itemsSummary(i.quantity, i.sku, i.damagedQuantity)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: 'total',
      header: m.colTotal,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (r) => formatMoney(r.total),
    },
    { id: 'date', header: m.colDate, className: 'whitespace-nowrap', cell: (r) => dateTime(r.returnedAt) },
    {
      id: 'creditNote',
      header: m.colCreditNote,
      cell: (r) => {
        const s = creditNoteState(r, t);
        return (
          <span className="block min-w-32">
            <Badge tone={s.tone}>{s.text}</Badge>
            {s.uuid ? <code className="mt-1 block font-mono text-xs break-all">{s.uuid}</code> : null}
          </span>
        );
      },
    },
  ];
  return columns.filter((c): c is Column<Return> => c !== null);
}
