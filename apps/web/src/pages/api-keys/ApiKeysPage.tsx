import { type ApiKeyScope, mayActOnRole, type Role, roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { useApiKeys } from '../../api/queries.js';
import type { ApiKey, CreatedApiKey } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { KeyCreatedDialog } from './KeyCreatedDialog.js';
import { NewApiKeyForm } from './NewApiKeyForm.js';
import { RevokeKeyDialog } from './RevokeKeyDialog.js';
import { SignedRequestsSetting } from './SignedRequestsSetting.js';
import { RotateSigningSecretDialogs } from './SigningSecretDialogs.js';

export function ApiKeysPage({ myRole }: { myRole: Role }) {
  const { t, dateTime } = useI18n();
  const canManage = roleAtLeast(myRole, 'admin');
  const keys = useApiKeys(canManage);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const items = keys.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<ApiKey>[] = [
    { id: 'name', header: t.apiKeys.colName, rowHeader: true, cell: (key) => key.name },
    {
      id: 'prefix',
      header: t.apiKeys.colPrefix,
      cell: (key) => <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>,
    },
    { id: 'role', header: t.apiKeys.colRole, cell: (key) => t.roles[key.role] },
    {
      id: 'scopes',
      header: t.apiKeys.colScopes,
      cell: (key) =>
        key.scopes.length === 0 ? (
          <span className="text-slate-500">{t.apiKeys.allOfRole}</span>
        ) : (
          <span className="flex flex-wrap gap-1">
            {key.scopes.map((scope) => (
              <Badge key={scope}>{t.apiKeys.scopeLabels[scope as ApiKeyScope] ?? scope}</Badge>
            ))}
          </span>
        ),
    },
    {
      id: 'created',
      header: t.apiKeys.colCreated,
      className: 'whitespace-nowrap',
      cell: (key) => dateTime(key.createdAt),
    },
    {
      id: 'lastUsed',
      header: t.apiKeys.colLastUsed,
      className: 'whitespace-nowrap',
      cell: (key) => (key.lastUsedAt ? dateTime(key.lastUsedAt) : t.common.never),
    },
    {
      id: 'status',
      header: t.apiKeys.colStatus,
      cell: (key) =>
        key.revokedAt ? (
          <Badge title={dateTime(key.revokedAt)}>{t.apiKeys.revoked}</Badge>
        ) : (
          <Badge tone="success">{t.apiKeys.active}</Badge>
        ),
    },
    {
      id: 'actions',
      header: t.apiKeys.colActions,
      headerHidden: true,
      align: 'right',
      // Nobody revokes a key of a role above their own (the server says so too).
      cell: (key) =>
        key.revokedAt || !mayActOnRole(myRole, key.role) ? null : (
          <span className="inline-flex gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              aria-label={`${t.apiKeys.rotateSecret}: ${key.name}`}
              onClick={() => setRotating(key)}
            >
              {t.apiKeys.rotateSecretShort}
            </button>
            <button
              type="button"
              className="btn btn-danger-quiet"
              aria-label={`${t.apiKeys.revoke}: ${key.name}`}
              onClick={() => setRevoking(key)}
            >
              {t.apiKeys.revoke}
            </button>
          </span>
        ),
    },
  ];

  return (
    <Page title={t.apiKeys.title} intro={t.apiKeys.intro}>
      {canManage ? null : <RoleNotice text={t.apiKeys.adminOnly} />}
      {canManage ? <NewApiKeyForm myRole={myRole} onCreated={setCreated} /> : null}
      {canManage ? <SignedRequestsSetting /> : null}

      {canManage ? (
        <section className="card overflow-hidden">
          <DataTable
            caption={t.apiKeys.tableCaption}
            columns={columns}
            rows={items}
            rowKey={(key) => key.id}
            rowData={(key) => ({ 'data-key-id': key.id })}
            loading={keys.isPending}
            empty={t.apiKeys.empty}
            error={keys.error}
            onRetry={() => keys.refetch()}
            more={moreOf(keys)}
          />
        </section>
      ) : null}

      <KeyCreatedDialog created={created} onClose={() => setCreated(null)} />
      <RevokeKeyDialog target={revoking} onClose={() => setRevoking(null)} />
      <RotateSigningSecretDialogs target={rotating} onClose={() => setRotating(null)} />
    </Page>
  );
}
