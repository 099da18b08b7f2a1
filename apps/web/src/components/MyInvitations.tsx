import { useState } from 'react';
import { useAnswerInvitation, useMyInvitations, useSwitchOrganization } from '../api/queries.js';
import type { ReceivedInvitation } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { homeFor } from '../paths.js';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * Invitations waiting for the signed-in person, from any organization: accept or decline each.
 * After accepting, the person can move the session to that organization at once.
 */
export function MyInvitations({ isPerson }: { isPerson: boolean }) {
  const { t } = useI18n();
  const invitations = useMyInvitations(isPerson);
  const answer = useAnswerInvitation();
  const switchTo = useSwitchOrganization();
  const [joined, setJoined] = useState<ReceivedInvitation['organization'] | null>(null);
  const items = invitations.data?.items ?? [];
  if (items.length === 0 && !joined) return null;

  return (
    <section
      aria-labelledby="my-invitations-title"
      className="border-b border-amber-200 bg-amber-50 py-3 text-sm text-amber-950"
    >
      <div className="mx-auto max-w-6xl space-y-2 px-4 sm:px-6">
        <h2 id="my-invitations-title" className="font-semibold">
          {t.invitations.mineTitle}
        </h2>
        <ul className="space-y-2">
          {items.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-3">
              <span>
                {t.invitations.mineText(
                  invitation.organization.name,
                  t.roles[invitation.role],
                  invitation.invitedBy,
                )}
              </span>
              <button
                type="button"
                className="btn btn-primary px-3 py-1"
                disabled={answer.isPending}
                onClick={() =>
                  answer.mutate(
                    { id: invitation.id, accept: true },
                    { onSuccess: (result) => result && setJoined(result.organization) },
                  )
                }
              >
                {t.invitations.accept}
              </button>
              <button
                type="button"
                className="btn btn-secondary px-3 py-1"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ id: invitation.id, accept: false })}
              >
                {t.invitations.decline}
              </button>
            </li>
          ))}
        </ul>
        {joined ? (
          <p role="status" className="flex flex-wrap items-center gap-3">
            <span>{t.invitations.accepted(joined.name)}</span>
            <button
              type="button"
              className="btn btn-secondary px-3 py-1"
              disabled={switchTo.isPending}
              onClick={() =>
                switchTo.mutate(joined.slug, {
                  // A full load: every cached page and query belongs to the organization being left.
                  onSuccess: (result) => window.location.assign(homeFor(result.role)),
                })
              }
            >
              {t.invitations.goTo(joined.name)}
            </button>
          </p>
        ) : null}
        <ErrorAlert error={answer.error ?? switchTo.error} />
      </div>
    </section>
  );
}
