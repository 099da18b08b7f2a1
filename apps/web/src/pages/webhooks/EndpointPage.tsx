import { roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { DeliveryLog } from './DeliveryLog.js';
import { EndpointActions } from './EndpointActions.js';
import { EndpointForm } from './EndpointForm.js';
import { EndpointStats } from './EndpointStats.js';
import { SecretDialog, type ShownSecret } from './SecretDialog.js';
import { EndpointStatusBadge, FailingSince } from './StatusBadge.js';
import { useEndpoint, useUpdateEndpoint, type WebhookEndpoint } from './webhooks-api.js';

/**
 * `/webhooks/{id}`: one endpoint. Its status and settings (admins edit them and switch it on or
 * off), delivery stats, the admin actions, and the delivery log with each message's payload.
 */
export function EndpointPage({ params: { id }, myRole }: PageProps<{ id: string }>) {
  const { t } = useI18n();
  const m = t.webhooks;
  // The server lets members read; a viewer is told so instead of getting a 403.
  const canRead = roleAtLeast(myRole, 'member');
  const endpoint = useEndpoint(id, canRead);
  const canManage = roleAtLeast(myRole, 'admin');
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const data = endpoint.data;

  return (
    <Page title={data ? data.description || data.url : m.title}>
      <p className="text-sm">
        <Link to={href(paths.webhooks)} className="text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
      </p>
      {!canRead ? <RoleNotice text={m.viewerNotice} /> : null}
      {canRead && endpoint.isPending ? <p className="text-sm text-slate-600">{t.app.loading}</p> : null}
      <ErrorAlert error={endpoint.error} />
      {data ? (
        <>
          <Summary endpoint={data} canManage={canManage} />
          <EndpointStats endpointId={id} />
          {canManage ? (
            <EndpointActions endpoint={data} onSecret={setShown} />
          ) : (
            <RoleNotice text={m.adminActions} />
          )}
          <DeliveryLog endpointId={id} canManage={canManage} />
          <Settings endpoint={data} canManage={canManage} />
        </>
      ) : null}
      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </Page>
  );
}

/** Status, URL and the on/off switch. */
function Summary({ endpoint, canManage }: { endpoint: WebhookEndpoint; canManage: boolean }) {
  const { t, dateTime } = useI18n();
  const m = t.webhooks;
  const update = useUpdateEndpoint(endpoint.id);
  return (
    <section aria-label={m.colStatus} className="card space-y-2 p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all text-slate-800" data-testid="endpoint-url">
            {endpoint.url}
          </p>
          <div className="mt-1">
            <EndpointStatusBadge endpoint={endpoint} />
            <FailingSince endpoint={endpoint} />
          </div>
        </div>
        {canManage ? (
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              role="switch"
              aria-checked={endpoint.enabled}
              className="size-4"
              checked={endpoint.enabled}
              disabled={update.isPending}
              aria-describedby="endpoint-enabled-hint"
              onChange={(e) => update.mutate({ enabled: e.target.checked })}
            />
            {m.enabled}
          </label>
        ) : null}
      </div>
      {canManage ? (
        <p id="endpoint-enabled-hint" className="hint">
          {m.enabledHint}
        </p>
      ) : null}
      {endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > Date.now() ? (
        <p className="text-sm text-slate-700">
          {m.rotationInProgress(dateTime(endpoint.previousSecretExpiresAt))}
        </p>
      ) : null}
      <ErrorAlert error={update.error} />
    </section>
  );
}

/** What the endpoint is set to; admins edit it in place. */
function Settings({ endpoint, canManage }: { endpoint: WebhookEndpoint; canManage: boolean }) {
  const { t, dateTime, number } = useI18n();
  const m = t.webhooks;
  const update = useUpdateEndpoint(endpoint.id);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="endpoint-settings-title" className="card p-5">
      <h2 id="endpoint-settings-title" className="text-base font-semibold">
        {m.settingsTitle}
      </h2>
      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-xs text-slate-500">{m.colEvents}</dt>
          <dd className="break-words">
            {endpoint.eventTypes === null ? m.allEvents : endpoint.eventTypes.join(', ')}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs text-slate-500">{m.headers}</dt>
          <dd className="break-words">
            {endpoint.headerNames.length > 0 ? endpoint.headerNames.join(', ') : m.none}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{m.rateLimit}</dt>
          <dd>{endpoint.rateLimitPerSecond === null ? m.none : number(endpoint.rateLimitPerSecond)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{m.colCreated}</dt>
          <dd>{dateTime(endpoint.createdAt)}</dd>
        </div>
      </dl>
      {canManage ? (
        <details className="mt-4 border-t border-slate-200 pt-4">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{m.edit}</summary>
          <div className="mt-3">
            <EndpointForm
              key={endpoint.updatedAt}
              idPrefix="edit-endpoint"
              initial={endpoint}
              submitLabel={m.save}
              pendingLabel={m.saving}
              pending={update.isPending}
              error={update.error}
              onSubmit={(values) => {
                setSaved(false);
                update.mutate(values, { onSuccess: () => setSaved(true) });
              }}
              footer={
                saved ? (
                  <span role="status" className="text-sm text-emerald-800">
                    {m.saved}
                  </span>
                ) : null
              }
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
