import { roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Badge } from '../../components/Badge.js';
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
import { ClientForm } from './ClientForm.js';
import { type ClientItem, useClients, useCreateClient } from './orders-api.js';
import { type ClientSearchValues, clientSearch } from './orders-search.js';

/** `/clientes`: search by name/RFC or exact email (kept in the URL), the list, "Nuevo cliente". */
export function ClientsPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.orders.clients;
  const [filters, setFilters] = useSearchState(clientSearch);
  const list = useClients(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(clientSearch.nonDefault(filters)).length > 0;
  const canWrite = roleAtLeast(myRole, 'member');
  const columns = useColumns();

  return (
    <Page title={m.title} intro={m.intro}>
      {canWrite ? <NewClient /> : <RoleNotice text={t.orders.viewerNotice} />}
      <ClientFilters value={filters} onApply={setFilters} />
      <section aria-labelledby="clients-title" className="card overflow-hidden">
        <h2 id="clients-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.tableCaption}
        </h2>
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'data-client-id': row.id })}
          loading={list.isPending}
          empty={filtered ? m.emptyFiltered : m.empty}
          error={list.error}
          onRetry={() => void list.refetch()}
          more={moreOf(list, t.orders.noMore)}
        />
      </section>
    </Page>
  );
}

function NewClient() {
  const { t } = useI18n();
  const m = t.orders.clients;
  const create = useCreateClient();
  return (
    <section aria-labelledby="new-client-title" className="card p-5">
      <details>
        <summary className="cursor-pointer">
          <h2 id="new-client-title" className="inline text-base font-semibold">
            {m.newTitle}
          </h2>
        </summary>
        <div className="mt-4">
          <ClientForm
            idPrefix="new-client"
            submitLabel={m.create}
            pendingLabel={m.creating}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) =>
              create.mutate(body, { onSuccess: (c) => navigate(href(paths.client, { id: c.id })) })
            }
          />
        </div>
      </details>
    </section>
  );
}

type Draft = DraftOf<typeof clientSearch>;

/** A draft of the search, applied on "Buscar"; follows the URL when it changes under it (Back, a link). */
function ClientFilters({
  value,
  onApply,
}: {
  value: ClientSearchValues;
  onApply(next: Partial<ClientSearchValues>): void;
}) {
  const { t } = useI18n();
  const m = t.orders.clients;
  const applied = clientSearch.write(value).toString();
  const [draft, setDraft] = useState<Draft>(value);
  const [draftOf, setDraftOf] = useState(applied);
  if (draftOf !== applied) {
    setDraftOf(applied);
    setDraft(value);
  }
  const control = (key: keyof Draft) => ({
    className: 'input',
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: e.target.value || undefined })),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(clientSearch.validate(draft).values);
  }

  return (
    <section aria-labelledby="client-filters-title" className="card p-5">
      <h2 id="client-filters-title" className="text-base font-semibold">
        {m.filtersTitle}
      </h2>
      <form className="mt-3 grid gap-3 md:grid-cols-4" onSubmit={onSubmit} noValidate>
        <Field id="clients-q" label={m.q}>
          {(c) => <input {...c} {...control('q')} type="search" autoComplete="off" maxLength={200} />}
        </Field>
        <Field id="clients-email" label={m.email} hint={m.emailHint}>
          {(c) => <input {...c} {...control('email')} type="email" autoComplete="off" maxLength={254} />}
        </Field>
        <Field id="clients-archived" label={m.archivedFilter}>
          {(c) => (
            <select {...c} {...control('archived')}>
              {(['false', 'true', 'all'] as const).map((k) => (
                <option key={k} value={k}>
                  {m.archivedOptions[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
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

function useColumns(): Column<ClientItem>[] {
  const { t, number } = useI18n();
  const m = t.orders.clients;
  return [
    {
      id: 'name',
      header: m.colName,
      rowHeader: true,
      cell: (row) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link
            to={href(paths.client, { id: row.id })}
            className="text-brand-700 underline-offset-2 hover:underline"
          >
            {row.name}
          </Link>
          {row.archived ? <Badge data-state="archived">{m.archived}</Badge> : null}
        </span>
      ),
    },
    { id: 'rfc', header: m.colRfc, className: 'font-mono text-xs', cell: (row) => row.rfc ?? '—' },
    { id: 'email', header: m.colEmail, className: 'break-all', cell: (row) => row.email },
    {
      id: 'orders',
      header: m.colOrders,
      align: 'right',
      className: 'tabular-nums',
      cell: (row) => number(row.orderCount),
    },
  ];
}
