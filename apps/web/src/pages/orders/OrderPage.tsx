import { roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link, navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { formatMoney } from '../cfdi/money.js';
import { InvoiceSection } from './InvoiceSection.js';
import { OrderBadges } from './OrderBadges.js';
import { Totals } from './OrderForm.js';
import { type Order, useDeleteOrder, useOrder } from './orders-api.js';
import { ReturnDialog } from './ReturnDialog.js';
import { ReturnsTable } from './ReturnsPage.js';
import { StatusActions } from './StatusActions.js';
import { taxText } from './tax-labels.js';

type Line = Order['lines'][number];

/**
 * `/ordenes/{number}`: lines with shipped and returned units, totals, status with its allowed next
 * steps, returns, the invoice and the history. Changes made elsewhere arrive on the live channel.
 */
export function OrderPage({ params: { number }, myRole }: PageProps<{ number: string }>) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const order = useOrder(number);
  return (
    <Page title={m.detailTitle(number)}>
      <p>
        <Link to={href(paths.orders)} className="text-sm text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
      </p>
      {order.isPending ? <p role="status">{t.app.loading}</p> : null}
      <ErrorAlert error={order.error} />
      {order.data ? <OrderDetail order={order.data} myRole={myRole} /> : null}
    </Page>
  );
}

function OrderDetail({ order: o, myRole }: { order: Order; myRole: PageProps['myRole'] }) {
  const { t, dateTime, locale } = useI18n();
  const m = t.orders.orders;
  const canWrite = roleAtLeast(myRole, 'member');
  const canDelete = roleAtLeast(myRole, 'admin') && o.status === 'received' && !o.invoice;
  const [returning, setReturning] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteOrder(o.number, o.clientId);
  const canReturn =
    canWrite &&
    (o.status === 'shipped' || o.status === 'delivered') &&
    o.lines.some((l) => l.shippedQuantity > l.returnedQuantity);
  const lang = locale.startsWith('es') ? 'es' : 'en';

  const item = (label: string, value: string | null) =>
    value ? (
      <div>
        <dt className="text-xs font-medium text-slate-500">{label}</dt>
        <dd className="text-sm break-words">{value}</dd>
      </div>
    ) : null;

  const columns: Column<Line>[] = [
    { id: 'sku', header: m.sku, rowHeader: true, className: 'font-mono text-xs', cell: (l) => l.sku },
    {
      id: 'description',
      header: m.description,
      cell: (l) => <span className="block min-w-40">{l.description}</span>,
    },
    {
      id: 'quantity',
      header: m.quantity,
      align: 'right',
      className: 'tabular-nums',
      cell: (l) => l.quantity,
    },
    {
      id: 'shipped',
      header: m.shipped,
      align: 'right',
      className: 'tabular-nums',
      cell: (l) => l.shippedQuantity,
    },
    {
      id: 'returned',
      header: m.returned,
      align: 'right',
      className: 'tabular-nums',
      cell: (l) => l.returnedQuantity,
    },
    {
      id: 'unitPrice',
      header: m.unitPrice,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (l) => formatMoney(l.unitPrice),
    },
    {
      id: 'taxes',
      header: m.taxes,
      className: 'whitespace-nowrap text-xs',
      cell: (l) =>
        l.taxes.length === 0 ? t.orders.taxChoices.none : l.taxes.map((x) => taxText(x, lang)).join(', '),
    },
    {
      id: 'subtotal',
      header: m.lineAmount,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (l) => formatMoney(l.subtotal),
    },
    {
      id: 'total',
      header: m.total,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (l) => formatMoney(l.total),
    },
  ];

  return (
    <>
      <section aria-labelledby="order-summary-title" className="card p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="order-summary-title" className="flex flex-wrap items-center gap-2 text-base font-semibold">
            {m.summary}
            <OrderBadges order={o} />
          </h2>
          {canDelete ? (
            <button type="button" className="btn btn-danger-quiet" onClick={() => setDeleting(true)}>
              {m.delete}
            </button>
          ) : null}
        </div>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-xs font-medium text-slate-500">{m.client}</dt>
            <dd className="text-sm">
              <Link
                to={href(paths.client, { id: o.client.id })}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {o.client.name}
              </Link>
              {o.client.rfc ? (
                <span className="block font-mono text-xs text-slate-500">{o.client.rfc}</span>
              ) : null}
            </dd>
          </div>
          {item(m.createdAt, dateTime(o.createdAt))}
          {item(m.shippedAt, o.shippedAt ? dateTime(o.shippedAt) : null)}
          {item(m.deliveredAt, o.deliveredAt ? dateTime(o.deliveredAt) : null)}
          {item(m.cancelledAt, o.cancelledAt ? dateTime(o.cancelledAt) : null)}
          {item(m.carrier, o.carrier)}
          {item(m.trackingNumber, o.trackingNumber)}
          {item(m.cancelReason, o.cancelReason)}
          {item(m.notes, o.notes)}
        </dl>
      </section>

      <section aria-labelledby="order-actions-title" className="card p-5">
        <h2 id="order-actions-title" className="text-base font-semibold">
          {m.actionsTitle}
        </h2>
        <div className="mt-3 space-y-3">
          {canWrite ? (
            <StatusActions order={o} />
          ) : (
            <p className="text-sm text-slate-600">{t.orders.viewerNotice}</p>
          )}
          {canReturn ? (
            <button type="button" className="btn btn-secondary" onClick={() => setReturning(true)}>
              {t.orders.returns.register}
            </button>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="order-lines-title" className="card overflow-hidden">
        <h2 id="order-lines-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.linesCaption}
        </h2>
        <DataTable
          caption={m.linesCaption}
          columns={columns}
          rows={o.lines}
          rowKey={(l) => l.sku}
          rowData={(l) => ({ 'data-sku': l.sku })}
          loading={false}
          empty="—"
        />
        <div className="border-t border-slate-200 p-4">
          <Totals amounts={o} testId="order-detail-totals" />
          {o.returnedTotal !== '0.00' && o.returnedTotal !== '0' ? (
            <p className="mt-1 text-right text-sm text-slate-600">
              {m.returnedTotal}: <span className="tabular-nums">{formatMoney(o.returnedTotal)}</span>
            </p>
          ) : null}
        </div>
      </section>

      <InvoiceSection order={o} canWrite={canWrite} />

      <section aria-labelledby="order-returns-title" className="card overflow-hidden">
        <h2 id="order-returns-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.returnsTitle}
        </h2>
        <ReturnsTable orderNumber={o.number} />
      </section>

      <section aria-labelledby="order-history-title" className="card p-5">
        <h2 id="order-history-title" className="text-base font-semibold">
          {m.historyTitle}
        </h2>
        {o.history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{m.historyEmpty}</p>
        ) : (
          <ol className="mt-3 space-y-2" data-testid="order-history">
            {o.history.map((h) => {
              const to = lookup(t.orders.statuses, h.to) ?? h.to;
              return (
                <li key={`${h.at}-${h.to}`} className="border-l-2 border-slate-200 pl-3 text-sm">
                  <p className="font-medium">
                    {h.from
                      ? m.historyMove(lookup(t.orders.statuses, h.from) ?? h.from, to)
                      : m.historyCreated(to)}
                  </p>
                  <p className="text-xs text-slate-600">
                    <time dateTime={h.at}>{dateTime(h.at)}</time> ·{' '}
                    {h.actor ? m.historyBy(h.actor) : m.historySystem}
                  </p>
                  {h.note ? <p className="text-xs text-slate-700">{h.note}</p> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <ReturnDialog order={o} open={returning} onClose={() => setReturning(false)} />
      <ConfirmDialog
        open={deleting}
        title={m.deleteTitle}
        message={m.deleteMessage(o.number)}
        cancelId="delete-order-cancel"
        cancelLabel={t.orders.cancel}
        actionLabel={m.delete}
        pendingLabel={m.deleting}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(false);
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate(href(paths.orders)) })}
      />
    </>
  );
}
