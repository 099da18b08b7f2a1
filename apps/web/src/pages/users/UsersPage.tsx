import { type Role, roleAtLeast } from '@boveda/contracts';
import { useUsers } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MessageRow } from '../../components/MessageRow.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { InvitationsTable } from './InvitationsTable.js';
import { InviteUserForm } from './InviteUserForm.js';

export function UsersPage({ myRole }: { myRole: Role }) {
  const { t, date } = useI18n();
  const users = useUsers();
  const items = users.data?.items ?? [];

  return (
    <Page title={t.users.title} intro={t.users.intro}>
      {roleAtLeast(myRole, 'admin') ? <InviteUserForm myRole={myRole} /> : null}
      <section className="card overflow-hidden">
        <ErrorAlert error={users.error} className="m-4" />
        <div className="relative overflow-x-auto">
          <table className="table" aria-busy={users.isPending}>
            <caption className="sr-only">{t.users.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.users.colEmail}</th>
                <th scope="col">{t.users.colName}</th>
                <th scope="col">{t.users.colRole}</th>
                <th scope="col">{t.users.colCreated}</th>
              </tr>
            </thead>
            <tbody>
              {users.isPending ? (
                <MessageRow columns={4}>{t.app.loading}</MessageRow>
              ) : items.length === 0 && !users.error ? (
                <MessageRow columns={4}>{t.users.empty}</MessageRow>
              ) : (
                items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">{user.email}</th>
                    <td>{user.name ?? '—'}</td>
                    <td>{t.roles[user.role]}</td>
                    <td className="whitespace-nowrap">{date(user.createdAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
      {roleAtLeast(myRole, 'admin') ? <InvitationsTable myRole={myRole} /> : null}
    </Page>
  );
}
