import { roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { EndpointForm } from './EndpointForm.js';
import { SecretDialog, type ShownSecret } from './SecretDialog.js';
import { EndpointStatusBadge, FailingSince } from './StatusBadge.js';
import { useCreateEndpoint, useEndpoints, type WebhookEndpoint } from './webhooks-api.js';

/**
 * `/webhooks`: the organization's endpoints and, for admins and owners, "Nuevo endpoint". The
 * signing secret comes back once, in the creation's answer, and is shown in a dialog.
 */
export function WebhooksPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.webhooks;
  const canRead = roleAtLeast(myRole, 'member');
  const canManage = roleAtLeast(myRole, 'admin');
  const endpoints = useEndpoints(canRead);
  const rows = endpoints.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useColumns();
  const [shown, setShown] = useState<ShownSecret | null>(null);

  return (
    <Page title={m.title} intro={m.intro}>
      <p className="text-sm">
        <Link to={href(paths.webhookEvents)} className="text-brand-700 underline-offset-2 hover:underline">
          {m.catalogueLink} →
        </Link>
      </p>
      {!canRead ? <RoleNotice text={m.viewerNotice} /> : null}
      {canRead && !canManage ? <RoleNotice text={m.adminOnly} /> : null}
      {canManage ? <NewEndpoint onCreated={setShown} /> : null}
      {canRead ? (
        <section aria-labelledby="webhook-endpoints-title" className="card overflow-hidden">
          <h2
            id="webhook-endpoints-title"
            className="border-b border-slate-200 px-4 py-3 text-base font-semibold"
          >
            {m.tableCaption}
          </h2>
          <DataTable
            caption={m.tableCaption}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            rowData={(row) => ({ 'data-endpoint-id': row.id })}
            loading={endpoints.isPending}
            empty={m.empty}
            error={endpoints.error}
            onRetry={() => void endpoints.refetch()}
            more={moreOf(endpoints)}
          />
        </section>
      ) : null}
      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </Page>
  );
}

function NewEndpoint({ onCreated }: { onCreated(shown: ShownSecret): void }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const create = useCreateEndpoint();
  return (
    <section aria-labelledby="new-endpoint-title" className="card p-5">
      <h2 id="new-endpoint-title" className="mb-3 text-base font-semibold">
        {m.newTitle}
      </h2>
      <EndpointForm
        idPrefix="new-endpoint"
        submitLabel={m.create}
        pendingLabel={m.creating}
        pending={create.isPending}
        error={create.error}
        onSubmit={(values, reset) =>
          create.mutate(
            {
              url: values.url,
              ...(values.description ? { description: values.description } : {}),
              eventTypes: values.eventTypes,
              ...(values.headers && Object.keys(values.headers).length > 0
                ? { headers: values.headers }
                : {}),
              rateLimitPerSecond: values.rateLimitPerSecond,
            },
            {
              onSuccess: (created) => {
                reset();
                onCreated({
                  kind: 'created',
                  secret: created.secret,
                  url: created.url,
                  previousSecretExpiresAt: null,
                });
              },
            },
          )
        }
      />
    </section>
  );
}

function useColumns(): Column<WebhookEndpoint>[] {
  const { t, dateTime } = useI18n();
  const m = t.webhooks;
  return [
    {
      id: 'url',
      header: m.colUrl,
      rowHeader: true,
      title: (row) => row.url,
      cell: (row) => (
        <div className="max-w-72 min-w-40">
          <Link
            to={href(paths.webhookEndpoint, { id: row.id })}
            className="block font-mono text-xs break-all text-brand-700 underline-offset-2 hover:underline"
          >
            {row.url}
          </Link>
          {row.description ? (
            <span className="mt-0.5 block text-xs font-normal text-slate-600">{row.description}</span>
          ) : null}
        </div>
      ),
    },
    {
      id: 'status',
      header: m.colStatus,
      cell: (row) => (
        <div className="min-w-36">
          <EndpointStatusBadge endpoint={row} />
          <FailingSince endpoint={row} />
        </div>
      ),
    },
    {
      id: 'events',
      header: m.colEvents,
      cell: (row) =>
        row.eventTypes === null ? (
          <span className="text-slate-700">{m.allEvents}</span>
        ) : (
          <ul className="space-y-0.5">
            {row.eventTypes.map((type) => (
              <li key={type}>
                <code className="font-mono text-xs">{type}</code>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: 'created',
      header: m.colCreated,
      className: 'whitespace-nowrap text-xs',
      cell: (row) => dateTime(row.createdAt),
    },
  ];
}
