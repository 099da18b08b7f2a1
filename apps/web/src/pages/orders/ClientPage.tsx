import { catalogName, regimenesFiscales, roleAtLeast, usosCfdi } from '@boveda/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/errors.js';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link, navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { formatMoney } from '../cfdi/money.js';
import { ClientForm } from './ClientForm.js';
import { OrderBadges } from './OrderBadges.js';
import {
  type Client,
  type Order,
  useArchiveClient,
  useClient,
  useClientOrders,
  useDeleteClient,
  useUpdateClient,
} from './orders-api.js';
import { orderSearch } from './orders-search.js';

/** `/clientes/{id}`: the client's data and orders; Editar, Archivar/Reactivar, Eliminar. */
export function ClientPage({ params: { id }, myRole }: PageProps<{ id: string }>) {
  const { t } = useI18n();
  const m = t.orders.clients;
  const client = useClient(id);
  const c = client.data;
  return (
    <Page title={c ? m.detailTitle(c.name) : m.title}>
      <p>
        <Link to={href(paths.clients)} className="text-sm text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
      </p>
      {client.isPending ? <p role="status">{t.app.loading}</p> : null}
      <ErrorAlert error={client.error} />
      {c ? <ClientDetail client={c} myRole={myRole} /> : null}
    </Page>
  );
}

function ClientDetail({ client: c, myRole }: { client: Client; myRole: PageProps['myRole'] }) {
  const { t, dateTime } = useI18n();
  const m = t.orders.clients;
  const canWrite = roleAtLeast(myRole, 'member');
  const canDelete = roleAtLeast(myRole, 'admin');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateClient(c.id);
  const archive = useArchiveClient(c.id);

  const row = (label: string, value: string | null, mono = false) => (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`text-sm break-words ${mono ? 'font-mono' : ''}`}>{value || '—'}</dd>
    </div>
  );

  return (
    <>
      <section aria-labelledby="client-data-title" className="card p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="client-data-title" className="flex items-center gap-2 text-base font-semibold">
            {m.data}
            {c.archived ? <Badge data-state="archived">{m.archived}</Badge> : null}
          </h2>
          {canWrite && !editing ? (
            <div className="flex flex-wrap gap-2">
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(true)}>
                {m.edit}
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={archive.isPending}
                onClick={() => archive.mutate(!c.archived)}
              >
                {c.archived ? m.unarchive : m.archive}
              </button>
              {canDelete ? (
                <button type="button" className="btn btn-danger-quiet" onClick={() => setDeleting(true)}>
                  {m.delete}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        {c.archived ? <p className="mt-2 text-sm text-slate-700">{m.archivedNote}</p> : null}
        <ErrorAlert error={archive.error} className="mt-3" />
        {editing ? (
          <div className="mt-4">
            <h3 className="sr-only">{m.editTitle}</h3>
            <ClientForm
              idPrefix="edit-client"
              initial={c}
              submitLabel={t.orders.save}
              pendingLabel={t.orders.saving}
              pending={update.isPending}
              error={update.error}
              onCancel={() => {
                update.reset();
                setEditing(false);
              }}
              onSubmit={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })}
            />
          </div>
        ) : (
          <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {row(m.name, c.name)}
            {row(m.rfc, c.rfc, true)}
            {row(t.signIn.email, c.email)}
            {row(m.phone, c.phone)}
            {row(m.address, c.address)}
            {row(m.fiscalRegime, c.fiscalRegime ? catalogName(regimenesFiscales, c.fiscalRegime) : null)}
            {row(m.postalCode, c.postalCode)}
            {row(m.cfdiUse, c.cfdiUse ? catalogName(usosCfdi, c.cfdiUse) : null)}
            {row(m.createdAt, dateTime(c.createdAt))}
          </dl>
        )}
      </section>
      <ClientOrders client={c} />
      <DeleteClientDialog
        client={c}
        open={deleting}
        onClose={() => setDeleting(false)}
        onArchive={() => archive.mutate(true, { onSuccess: () => setDeleting(false) })}
      />
    </>
  );
}

function ClientOrders({ client }: { client: Client }) {
  const { t, dateTime } = useI18n();
  const m = t.orders;
  const orders = useClientOrders(client.id);
  const rows = orders.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<Order>[] = [
    {
      id: 'number',
      header: m.orders.colNumber,
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
    { id: 'status', header: m.orders.colStatus, cell: (o) => <OrderBadges order={o} /> },
    {
      id: 'total',
      header: m.orders.colTotal,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (o) => formatMoney(o.total),
    },
    {
      id: 'date',
      header: m.orders.colDate,
      className: 'whitespace-nowrap',
      cell: (o) => dateTime(o.createdAt),
    },
  ];
  return (
    <section aria-labelledby="client-orders-title" className="card overflow-hidden">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="client-orders-title" className="text-base font-semibold">
          {m.clients.ordersTitle}
        </h2>
        <Link
          to={href(paths.orders, {}, orderSearch.write({ clientId: client.id }))}
          className="text-sm text-brand-700 underline-offset-2 hover:underline"
        >
          {m.tabs.orders} →
        </Link>
      </div>
      <DataTable
        caption={m.clients.ordersTitle}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        rowData={(o) => ({ 'data-order-number': o.number })}
        loading={orders.isPending}
        empty={m.clients.ordersEmpty}
        error={orders.error}
        onRetry={() => void orders.refetch()}
        more={moreOf(orders, m.noMore)}
      />
    </section>
  );
}

/** Eliminar, or, when the client has orders (409 CLIENT_HAS_ORDERS), the offer to archive instead. */
function DeleteClientDialog({
  client,
  open,
  onClose,
  onArchive,
}: {
  client: Client;
  open: boolean;
  onClose(): void;
  onArchive(): void;
}) {
  const { t } = useI18n();
  const m = t.orders.clients;
  const remove = useDeleteClient(client.id);
  const hasOrders = remove.error instanceof ApiError && remove.error.code === 'CLIENT_HAS_ORDERS';
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog open={open} title={m.deleteTitle} onClose={close} initialFocusId="delete-client-cancel">
      <div className="space-y-4">
        <p className="text-sm break-words text-slate-700">{m.deleteMessage(client.name)}</p>
        <ErrorAlert error={remove.error} />
        {hasOrders && !client.archived ? (
          <p className="text-sm text-slate-700">{m.hasOrdersSuggestion}</p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <button id="delete-client-cancel" type="button" className="btn btn-secondary" onClick={close}>
            {t.orders.cancel}
          </button>
          {hasOrders && !client.archived ? (
            <button type="button" className="btn btn-primary" onClick={onArchive}>
              {m.archiveInstead}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-danger"
              disabled={remove.isPending || hasOrders}
              onClick={() => remove.mutate(undefined, { onSuccess: () => navigate(href(paths.clients)) })}
            >
              {remove.isPending ? m.deleting : m.delete}
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
