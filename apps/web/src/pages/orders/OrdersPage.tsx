import { type OrderStatus, orderStatuses, roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { FilterActions } from '../../components/FilterActions.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link, navigate } from '../../lib/router.js';
import { type DraftOf, useSearchState } from '../../lib/search-state.js';
import { href, paths } from '../../paths.js';
import { formatMoney } from '../cfdi/money.js';
import { ClientPicker } from './ClientPicker.js';
import { OrderBadges } from './OrderBadges.js';
import { OrderForm } from './OrderForm.js';
import { OrdersTabs } from './OrdersTabs.js';
import { type Order, useCreateOrder, useOrders } from './orders-api.js';
import { type OrderSearchValues, orderSearch } from './orders-search.js';

/**
 * `/ordenes`: the orders, filtered by status (chips), number and client, all kept in the URL; for
 * members, "Nueva orden". Orders that move elsewhere arrive through the live channel.
 */
export function OrdersPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const [filters, setFilters] = useSearchState(orderSearch);
  const query = useMemo(() => orderSearch.nonDefault(filters), [filters]);
  const list = useOrders(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canWrite = roleAtLeast(myRole, 'member');
  const columns = useColumns();

  return (
    <Page title={m.title} intro={m.intro}>
      <OrdersTabs current="orders" />
      {canWrite ? (
        <NewOrder defaultClientId={filters.clientId} />
      ) : (
        <RoleNotice text={t.orders.viewerNotice} />
      )}
      <StatusChips current={filters.status} onPick={(status) => setFilters({ ...filters, status })} />
      <OrderFilters value={filters} onApply={(next) => setFilters({ ...next, status: filters.status })} />
      <section aria-labelledby="orders-title" className="card overflow-hidden">
        <h2 id="orders-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.tableCaption}
        </h2>
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={rows}
          rowKey={(o) => o.id}
          rowData={(o) => ({ 'data-order-number': o.number, 'data-status': o.status })}
          loading={list.isPending}
          empty={Object.keys(query).length > 0 ? m.emptyFiltered : m.empty}
          error={list.error}
          onRetry={() => void list.refetch()}
          more={moreOf(list, t.orders.noMore)}
        />
      </section>
    </Page>
  );
}

function NewOrder({ defaultClientId }: { defaultClientId?: string }) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const create = useCreateOrder();
  return (
    <section aria-labelledby="new-order-title" className="card p-5">
      <details>
        <summary className="cursor-pointer">
          <h2 id="new-order-title" className="inline text-base font-semibold">
            {m.newTitle}
          </h2>
        </summary>
        <div className="mt-4">
          <OrderForm
            defaultClientId={defaultClientId}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) =>
              create.mutate(body, { onSuccess: (o) => navigate(href(paths.order, { number: o.number })) })
            }
          />
        </div>
      </details>
    </section>
  );
}

/** "Todas" and one chip per status; the chosen one is pressed (and in the URL). */
function StatusChips({
  current,
  onPick,
}: {
  current: OrderStatus | undefined;
  onPick(s: OrderStatus | undefined): void;
}) {
  const { t } = useI18n();
  const m = t.orders;
  const chip = (status: OrderStatus | undefined, label: string) => (
    <li key={status ?? 'all'}>
      <button
        type="button"
        aria-pressed={current === status}
        data-status-chip={status ?? 'all'}
        onClick={() => onPick(status)}
        className={`inline-flex items-center rounded-full border px-3 py-1.5 text-sm font-medium ${
          current === status
            ? 'border-brand-700 bg-brand-700 text-white'
            : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'
        }`}
      >
        {label}
      </button>
    </li>
  );
  return (
    <nav aria-label={m.orders.countsLabel}>
      <ul className="flex flex-wrap gap-2">
        {chip(undefined, m.orders.all)}
        {orderStatuses.map((s) => chip(s, m.statuses[s]))}
      </ul>
    </nav>
  );
}

type Draft = DraftOf<typeof orderSearch>;

function OrderFilters({
  value,
  onApply,
}: {
  value: OrderSearchValues;
  onApply(next: Partial<OrderSearchValues>): void;
}) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const applied = orderSearch.write(value).toString();
  const [draft, setDraft] = useState<Draft>(value);
  const [draftOf, setDraftOf] = useState(applied);
  if (draftOf !== applied) {
    setDraftOf(applied);
    setDraft(value);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(orderSearch.validate(draft).values);
  }

  return (
    <section aria-labelledby="order-filters-title" className="card p-5">
      <h2 id="order-filters-title" className="text-base font-semibold">
        {m.filtersTitle}
      </h2>
      <form className="mt-3 grid gap-3 md:grid-cols-4" onSubmit={onSubmit} noValidate>
        <Field id="orders-q" label={m.q} hint={m.qHint}>
          {(c) => (
            <input
              {...c}
              className="input font-mono"
              type="search"
              autoComplete="off"
              maxLength={64}
              value={draft.q ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value || undefined }))}
            />
          )}
        </Field>
        <div className="md:col-span-2">
          <ClientPicker
            id="orders-client"
            label={m.client}
            emptyLabel={m.anyClient}
            archived="all"
            value={draft.clientId ?? ''}
            onChange={(clientId) => setDraft((d) => ({ ...d, clientId: clientId || undefined }))}
          />
        </div>
        <FilterActions
          applyLabel={t.orders.apply}
          clearLabel={t.orders.clear}
          onClear={() => {
            setDraft({});
            onApply({});
          }}
        />
      </form>
    </section>
  );
}

function useColumns(): Column<Order>[] {
  const { t, dateTime } = useI18n();
  const m = t.orders.orders;
  return [
    {
      id: 'number',
      header: m.colNumber,
      rowHeader: true,
      cell: (o) => (
        <Link
          to={href(paths.order, { number: o.number })}
          className="font-mono text-brand-700 underline-offset-2 hover:underline"
        >
          {o.number}
        </Link>
      ),
    },
    {
      id: 'client',
      header: m.colClient,
      cell: (o) => (
        <Link to={href(paths.client, { id: o.client.id })} className="underline-offset-2 hover:underline">
          {o.client.name}
        </Link>
      ),
    },
    { id: 'status', header: m.colStatus, cell: (o) => <OrderBadges order={o} /> },
    {
      id: 'total',
      header: m.colTotal,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (o) => formatMoney(o.total),
    },
    { id: 'date', header: m.colDate, className: 'whitespace-nowrap', cell: (o) => dateTime(o.createdAt) },
  ];
}
