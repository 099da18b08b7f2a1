import { mayActOnRole, type Role, roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { useApiKeys } from '../../api/queries.js';
import type { ApiKey, CreatedApiKey } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadMore } from '../../components/LoadMore.js';
import { MessageRow } from '../../components/MessageRow.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { KeyCreatedDialog } from './KeyCreatedDialog.js';
import { NewApiKeyForm } from './NewApiKeyForm.js';
import { RevokeKeyDialog } from './RevokeKeyDialog.js';

export function ApiKeysPage({ myRole }: { myRole: Role }) {
  const { t, dateTime } = useI18n();
  const canManage = roleAtLeast(myRole, 'admin');
  const keys = useApiKeys(canManage);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const items = keys.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page title={t.apiKeys.title} intro={t.apiKeys.intro}>
      {canManage ? null : <RoleNotice text={t.apiKeys.adminOnly} />}
      {canManage ? <NewApiKeyForm myRole={myRole} onCreated={setCreated} /> : null}

      {canManage ? (
        <section className="card overflow-hidden">
          <ErrorAlert error={keys.error} className="m-4" />
          <div className="relative overflow-x-auto">
            <table className="table" aria-busy={keys.isPending}>
              <caption className="sr-only">{t.apiKeys.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.apiKeys.colName}</th>
                  <th scope="col">{t.apiKeys.colPrefix}</th>
                  <th scope="col">{t.apiKeys.colRole}</th>
                  <th scope="col">{t.apiKeys.colCreated}</th>
                  <th scope="col">{t.apiKeys.colLastUsed}</th>
                  <th scope="col">{t.apiKeys.colStatus}</th>
                  {canManage ? (
                    <th scope="col">
                      <span className="sr-only">{t.apiKeys.colActions}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {keys.isPending ? (
                  <MessageRow columns={7}>{t.app.loading}</MessageRow>
                ) : items.length === 0 && !keys.error ? (
                  <MessageRow columns={7}>{t.apiKeys.empty}</MessageRow>
                ) : (
                  items.map((key) => (
                    <tr key={key.id} data-key-id={key.id}>
                      <th scope="row">{key.name}</th>
                      <td>
                        <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>
                      </td>
                      <td>{t.roles[key.role]}</td>
                      <td className="whitespace-nowrap">{dateTime(key.createdAt)}</td>
                      <td className="whitespace-nowrap">
                        {key.lastUsedAt ? dateTime(key.lastUsedAt) : t.common.never}
                      </td>
                      <td>
                        {key.revokedAt ? (
                          <Badge title={dateTime(key.revokedAt)}>{t.apiKeys.revoked}</Badge>
                        ) : (
                          <Badge tone="success">{t.apiKeys.active}</Badge>
                        )}
                      </td>
                      {canManage ? (
                        <td className="text-right">
                          {/* Nobody revokes a key of a role above their own (the server says so too). */}
                          {key.revokedAt || !mayActOnRole(myRole, key.role) ? null : (
                            <button
                              type="button"
                              className="btn btn-danger-quiet"
                              aria-label={`${t.apiKeys.revoke}: ${key.name}`}
                              onClick={() => setRevoking(key)}
                            >
                              {t.apiKeys.revoke}
                            </button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <LoadMore
            hasMore={keys.hasNextPage}
            loading={keys.isFetchingNextPage}
            onLoad={() => keys.fetchNextPage()}
          />
        </section>
      ) : null}

      <KeyCreatedDialog created={created} onClose={() => setCreated(null)} />
      <RevokeKeyDialog target={revoking} onClose={() => setRevoking(null)} />
    </Page>
  );
}
