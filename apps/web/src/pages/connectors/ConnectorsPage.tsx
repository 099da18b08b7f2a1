import { roleAtLeast } from '@boveda/contracts';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link, navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { ConnectorForm } from './ConnectorForm.js';
import { type Connector, useConnectors, useCreateConnector } from './connectors-api.js';
import { RunSummary } from './RunStatus.js';

/** `/conectores`: the organization's ERP connectors and, for admins and owners, "Nuevo conector". */
export function ConnectorsPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.connectors;
  const canRead = roleAtLeast(myRole, 'member');
  const canManage = roleAtLeast(myRole, 'admin');
  const list = useConnectors(canRead);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useColumns();

  return (
    <Page title={m.title} intro={m.intro}>
      {!canRead ? <RoleNotice text={m.viewerNotice} /> : null}
      {canRead && !canManage ? <RoleNotice text={m.adminOnly} /> : null}
      {canRead ? (
        <section aria-labelledby="connectors-title" className="card overflow-hidden">
          <h2 id="connectors-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
            {m.tableCaption}
          </h2>
          <DataTable
            caption={m.tableCaption}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            rowData={(row) => ({ 'data-connector-id': row.id })}
            loading={list.isPending}
            empty={m.empty}
            error={list.error}
            onRetry={() => void list.refetch()}
            more={moreOf(list, m.noMore)}
          />
        </section>
      ) : null}
      {canManage ? <NewConnector /> : null}
    </Page>
  );
}

function NewConnector() {
  const { t } = useI18n();
  const m = t.connectors;
  const create = useCreateConnector();
  return (
    <section aria-labelledby="new-connector-title" className="card p-5">
      <details>
        <summary className="cursor-pointer">
          <h2 id="new-connector-title" className="inline text-base font-semibold">
            {m.newTitle}
          </h2>
        </summary>
        <div className="mt-4">
          <ConnectorForm
            idPrefix="new-connector"
            submitLabel={m.create}
            pendingLabel={m.creating}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: (created) => navigate(href(paths.connector, { id: created.id })),
              })
            }
          />
        </div>
      </details>
    </section>
  );
}

function useColumns(): Column<Connector>[] {
  const { t, dateTime } = useI18n();
  const m = t.connectors;
  return [
    {
      id: 'name',
      header: m.colName,
      rowHeader: true,
      cell: (row) => (
        <Link
          to={href(paths.connector, { id: row.id })}
          className="text-brand-700 underline-offset-2 hover:underline"
        >
          {row.name}
        </Link>
      ),
    },
    { id: 'direction', header: m.colDirection, cell: (row) => m.directions[row.direction] },
    {
      id: 'baseUrl',
      header: m.colBaseUrl,
      title: (row) => row.baseUrl,
      cell: (row) => <span className="block max-w-64 font-mono text-xs break-all">{row.baseUrl}</span>,
    },
    {
      id: 'lastRun',
      header: m.colLastRun,
      cell: (row) =>
        row.lastRun ? (
          <div className="min-w-32">
            <RunSummary run={row.lastRun} />
            <p className="text-xs text-slate-500">
              {dateTime(row.lastRun.finishedAt ?? row.lastRun.queuedAt)}
            </p>
          </div>
        ) : (
          <span className="text-slate-500">{m.never}</span>
        ),
    },
    {
      id: 'nextRun',
      header: m.colNextRun,
      className: 'whitespace-nowrap text-xs',
      cell: (row) => (row.nextRunAt ? dateTime(row.nextRunAt) : m.notScheduled),
    },
    {
      id: 'enabled',
      header: m.colEnabled,
      cell: (row) => (row.enabled ? m.yes : m.no),
    },
  ];
}
