import { mayActOnRole, type Role, roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { RoleSelect } from '../../components/RoleSelect.js';
import { OnceWarning, SecretField } from '../../components/SecretField.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type CreatedOAuthClient,
  type OAuthClientItem,
  useCreateOAuthClient,
  useOAuthClients,
  useRevokeOAuthClient,
} from './oauth-api.js';

/** Aplicaciones (OAuth): list, register (the secret shown once), revoke. */
export function OAuthClientsPage({ myRole }: { myRole: Role }) {
  const { t, dateTime } = useI18n();
  const canManage = roleAtLeast(myRole, 'admin');
  const clients = useOAuthClients(canManage);
  const [created, setCreated] = useState<CreatedOAuthClient | null>(null);
  const [revoking, setRevoking] = useState<OAuthClientItem | null>(null);
  const items = clients.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<OAuthClientItem>[] = [
    { id: 'name', header: t.oauth.colName, rowHeader: true, cell: (c) => c.name },
    {
      id: 'clientId',
      header: t.oauth.colClientId,
      cell: (c) => <code className="font-mono text-xs text-slate-700">{c.clientId}</code>,
    },
    { id: 'role', header: t.oauth.colRole, cell: (c) => t.roles[c.role] },
    { id: 'grants', header: t.oauth.colGrants, cell: (c) => c.grants.join(', ') },
    {
      id: 'created',
      header: t.oauth.colCreated,
      className: 'whitespace-nowrap',
      cell: (c) => dateTime(c.createdAt),
    },
    {
      id: 'lastUsed',
      header: t.oauth.colLastUsed,
      className: 'whitespace-nowrap',
      cell: (c) => (c.lastUsedAt ? dateTime(c.lastUsedAt) : t.common.never),
    },
    {
      id: 'status',
      header: t.oauth.colStatus,
      cell: (c) =>
        c.revokedAt ? (
          <Badge title={dateTime(c.revokedAt)}>{t.oauth.revoked}</Badge>
        ) : (
          <Badge tone="success">{t.oauth.active}</Badge>
        ),
    },
    {
      id: 'actions',
      header: t.oauth.colActions,
      headerHidden: true,
      align: 'right',
      cell: (c) =>
        c.revokedAt || !mayActOnRole(myRole, c.role) ? null : (
          <button
            type="button"
            className="btn btn-danger-quiet"
            aria-label={`${t.oauth.revoke}: ${c.name}`}
            onClick={() => setRevoking(c)}
          >
            {t.oauth.revoke}
          </button>
        ),
    },
  ];

  return (
    <Page title={t.oauth.title} intro={t.oauth.intro}>
      {canManage ? null : <RoleNotice text={t.oauth.adminOnly} />}
      {canManage ? <NewClientForm myRole={myRole} onCreated={setCreated} /> : null}
      {canManage ? (
        <section className="card overflow-hidden">
          <DataTable
            caption={t.oauth.tableCaption}
            columns={columns}
            rows={items}
            rowKey={(c) => c.id}
            loading={clients.isPending}
            empty={t.oauth.empty}
            error={clients.error}
            onRetry={() => clients.refetch()}
            more={moreOf(clients)}
          />
        </section>
      ) : null}
      <CreatedDialog created={created} onClose={() => setCreated(null)} />
      <RevokeDialog target={revoking} onClose={() => setRevoking(null)} />
    </Page>
  );
}

function NewClientForm({ myRole, onCreated }: { myRole: Role; onCreated(c: CreatedOAuthClient): void }) {
  const { t } = useI18n();
  const create = useCreateOAuthClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [type, setType] = useState<'confidential' | 'public'>('confidential');
  const [uris, setUris] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const redirectUris = uris
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean);
    create.mutate(
      { name: name.trim(), role, type, redirectUris },
      {
        onSuccess: (c) => {
          setName('');
          setUris('');
          onCreated(c);
        },
      },
    );
  }

  return (
    <section aria-labelledby="new-oauth-title" className="card p-5">
      <h2 id="new-oauth-title" className="text-base font-semibold">
        {t.oauth.newTitle}
      </h2>
      <form className="mt-3 grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
        <Field id="new-oauth-name" label={t.oauth.name}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={100}
              className="input"
              placeholder={t.oauth.namePlaceholder}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field id="new-oauth-role" label={t.oauth.role}>
          {(control) => <RoleSelect {...control} value={role} onChange={setRole} maxRole={myRole} />}
        </Field>
        <Field id="new-oauth-type" label={t.oauth.type}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={type}
              onChange={(e) => setType(e.target.value as 'confidential' | 'public')}
            >
              <option value="confidential">{t.oauth.types.confidential}</option>
              <option value="public">{t.oauth.types.public}</option>
            </select>
          )}
        </Field>
        <div className="sm:col-span-3">
          <Field id="new-oauth-uris" label={t.oauth.redirectUris}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                className="input font-mono text-xs"
                placeholder="https://app.example.mx/oauth/callback"
                value={uris}
                onChange={(e) => setUris(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="sm:col-span-3 flex justify-end">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t.oauth.creating : t.oauth.create}
          </button>
        </div>
      </form>
      <ErrorAlert error={create.error} className="mt-3" />
    </section>
  );
}

/** The secret exists in the page only while this dialog is open. */
function CreatedDialog({ created, onClose }: { created: CreatedOAuthClient | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog
      open={created !== null}
      title={t.oauth.createdTitle}
      onClose={onClose}
      initialFocusId="oauth-done"
    >
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.oauth.createdIntro(created.name)}</p>
          <div>
            <label htmlFor="created-client-id" className="label">
              {t.oauth.clientIdLabel}
            </label>
            <input
              id="created-client-id"
              readOnly
              value={created.clientId}
              className="input font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          {created.clientSecret ? (
            <>
              <SecretField
                id="created-client-secret"
                label={t.oauth.secretLabel}
                value={created.clientSecret}
                testId="created-client-secret"
                texts={t.oauth}
              />
              <OnceWarning>{t.oauth.onceWarning}</OnceWarning>
            </>
          ) : (
            <p className="text-sm text-slate-700">{t.oauth.publicNoSecret}</p>
          )}
          <div className="flex justify-end">
            <button id="oauth-done" type="button" className="btn btn-primary" onClick={onClose}>
              {t.oauth.done}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function RevokeDialog({ target, onClose }: { target: OAuthClientItem | null; onClose(): void }) {
  const { t } = useI18n();
  const revoke = useRevokeOAuthClient();
  function close() {
    revoke.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={target !== null}
      title={t.oauth.revokeTitle}
      message={target ? t.oauth.revokeConfirm(target.name) : null}
      cancelId="oauth-revoke-cancel"
      cancelLabel={t.common.cancel}
      actionLabel={t.oauth.revokeAction}
      pendingLabel={t.oauth.revoking}
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => target && revoke.mutate(target.id, { onSuccess: close })}
      onClose={close}
    />
  );
}
