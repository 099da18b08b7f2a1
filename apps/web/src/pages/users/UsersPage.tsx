import { type Role, roleAtLeast } from '@boveda/contracts';
import { useMe, useUsers } from '../../api/queries.js';
import type { TenantUser } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { InvitationsTable } from './InvitationsTable.js';
import { InviteUserForm } from './InviteUserForm.js';
import { MemberActions } from './MemberActions.js';

export function UsersPage({ myRole }: { myRole: Role }) {
  const { t, date } = useI18n();
  const users = useUsers();
  const me = useMe();
  const myId = me.data?.user?.id ?? null;
  const manages = roleAtLeast(myRole, 'admin');
  const items = users.data?.items ?? [];
  const columns: Column<TenantUser>[] = [
    {
      id: 'email',
      header: t.users.colEmail,
      rowHeader: true,
      cell: (user) => (user.id === myId ? `${user.email} ${t.users.you}` : user.email),
    },
    { id: 'name', header: t.users.colName, cell: (user) => user.name ?? '—' },
    { id: 'role', header: t.users.colRole, cell: (user) => t.roles[user.role] },
    {
      id: 'created',
      header: t.users.colCreated,
      className: 'whitespace-nowrap',
      cell: (user) => date(user.createdAt),
    },
    {
      id: 'status',
      header: t.users.colStatus,
      cell: (user) =>
        user.status === 'deactivated' ? <Badge tone="warning">{t.users.deactivated}</Badge> : t.users.active,
    },
    ...(manages
      ? [
          {
            id: 'actions',
            header: t.users.colActions,
            headerHidden: true,
            align: 'right',
            // Nobody changes their own membership (the server refuses it too).
            cell: (user) => (user.id === myId ? null : <MemberActions user={user} myRole={myRole} />),
          } satisfies Column<TenantUser>,
        ]
      : []),
  ];

  return (
    <Page title={t.users.title} intro={t.users.intro}>
      {manages ? <InviteUserForm myRole={myRole} /> : null}
      <section className="card overflow-hidden">
        <DataTable
          caption={t.users.tableCaption}
          columns={columns}
          rows={items}
          rowKey={(user) => user.id}
          loading={users.isPending}
          empty={t.users.empty}
          error={users.error}
          onRetry={() => users.refetch()}
        />
      </section>
      {manages ? <InvitationsTable myRole={myRole} /> : null}
    </Page>
  );
}
