import { mayActOnRole, type Role } from '@boveda/contracts';
import { useInvitations, useRevokeInvitation } from '../../api/queries.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MessageRow } from '../../components/MessageRow.js';
import { useI18n } from '../../i18n/i18n.js';

/** The organization's open invitations; an admin revokes those of roles up to their own. */
export function InvitationsTable({ myRole }: { myRole: Role }) {
  const { t, date } = useI18n();
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const items = invitations.data?.items ?? [];

  return (
    <section aria-labelledby="invitations-title" className="card overflow-hidden">
      <h2 id="invitations-title" className="px-5 pt-4 text-base font-semibold">
        {t.invitations.title}
      </h2>
      <ErrorAlert error={invitations.error ?? revoke.error} className="m-4" />
      <div className="relative overflow-x-auto">
        <table className="table" aria-busy={invitations.isPending}>
          <caption className="sr-only">{t.invitations.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.invitations.colEmail}</th>
              <th scope="col">{t.invitations.colRole}</th>
              <th scope="col">{t.invitations.colInvitedBy}</th>
              <th scope="col">{t.invitations.colExpires}</th>
              <th scope="col">
                <span className="sr-only">{t.invitations.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.isPending ? (
              <MessageRow columns={5}>{t.app.loading}</MessageRow>
            ) : items.length === 0 && !invitations.error ? (
              <MessageRow columns={5}>{t.invitations.empty}</MessageRow>
            ) : (
              items.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{t.roles[invitation.role]}</td>
                  <td>{invitation.invitedBy}</td>
                  <td className="whitespace-nowrap">
                    {invitation.status === 'expired' ? (
                      <Badge>{t.invitations.expired}</Badge>
                    ) : (
                      date(invitation.expiresAt)
                    )}
                  </td>
                  <td className="text-right">
                    {mayActOnRole(myRole, invitation.role) ? (
                      <button
                        type="button"
                        className="btn btn-danger-quiet"
                        aria-label={`${t.invitations.revoke}: ${invitation.email}`}
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(invitation.id)}
                      >
                        {revoke.isPending && revoke.variables === invitation.id
                          ? t.invitations.revoking
                          : t.invitations.revoke}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
