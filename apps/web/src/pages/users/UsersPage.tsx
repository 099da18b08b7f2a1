import { type Role, roleAtLeast } from '@boveda/contracts';
import { useUsers } from '../../api/queries.js';
import type { TenantUser } from '../../api/types.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { InvitationsTable } from './InvitationsTable.js';
import { InviteUserForm } from './InviteUserForm.js';

export function UsersPage({ myRole }: { myRole: Role }) {
  const { t, date } = useI18n();
  const users = useUsers();
  const items = users.data?.items ?? [];
  const columns: Column<TenantUser>[] = [
    { id: 'email', header: t.users.colEmail, rowHeader: true, cell: (user) => user.email },
    { id: 'name', header: t.users.colName, cell: (user) => user.name ?? '—' },
    { id: 'role', header: t.users.colRole, cell: (user) => t.roles[user.role] },
    {
      id: 'created',
      header: t.users.colCreated,
      className: 'whitespace-nowrap',
      cell: (user) => date(user.createdAt),
    },
  ];

  return (
    <Page title={t.users.title} intro={t.users.intro}>
      {roleAtLeast(myRole, 'admin') ? <InviteUserForm myRole={myRole} /> : null}
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
      {roleAtLeast(myRole, 'admin') ? <InvitationsTable myRole={myRole} /> : null}
    </Page>
  );
}
