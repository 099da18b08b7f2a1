import { mayActOnRole, type Role } from '@boveda/contracts';
import { useInvitations, useRevokeInvitation } from '../../api/queries.js';
import type { Invitation } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

/** The organization's open invitations; an admin revokes those of roles up to their own. */
export function InvitationsTable({ myRole }: { myRole: Role }) {
  const { t, date } = useI18n();
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const items = invitations.data?.items ?? [];
  const columns: Column<Invitation>[] = [
    { id: 'email', header: t.invitations.colEmail, rowHeader: true, cell: (invitation) => invitation.email },
    { id: 'role', header: t.invitations.colRole, cell: (invitation) => t.roles[invitation.role] },
    { id: 'invitedBy', header: t.invitations.colInvitedBy, cell: (invitation) => invitation.invitedBy },
    {
      id: 'expires',
      header: t.invitations.colExpires,
      className: 'whitespace-nowrap',
      cell: (invitation) =>
        invitation.status === 'expired' ? <Badge>{t.invitations.expired}</Badge> : date(invitation.expiresAt),
    },
    {
      id: 'actions',
      header: t.invitations.colActions,
      headerHidden: true,
      align: 'right',
      cell: (invitation) =>
        mayActOnRole(myRole, invitation.role) ? (
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
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="invitations-title" className="card overflow-hidden">
      <h2 id="invitations-title" className="px-5 pt-4 text-base font-semibold">
        {t.invitations.title}
      </h2>
      <ErrorAlert error={revoke.error} className="m-4" />
      <DataTable
        caption={t.invitations.tableCaption}
        columns={columns}
        rows={items}
        rowKey={(invitation) => invitation.id}
        loading={invitations.isPending}
        empty={t.invitations.empty}
        error={invitations.error}
        onRetry={() => invitations.refetch()}
      />
    </section>
  );
}
