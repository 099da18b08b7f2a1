import { Dialog } from '../../components/Dialog.js';
import { OnceWarning, SecretField } from '../../components/SecretField.js';
import { useI18n } from '../../i18n/i18n.js';

export interface ShownSecret {
  /** What was done: created the endpoint, asked to see the secret, or rotated it. */
  kind: 'created' | 'revealed' | 'rotated';
  secret: string;
  url: string;
  previousSecretExpiresAt: string | null;
}

/**
 * A signing secret in a copyable box, with how to verify signatures. The secret exists in the page
 * only while this dialog is open; closing it forgets it (nothing caches it).
 */
export function SecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose(): void }) {
  const { t, dateTime } = useI18n();
  const m = t.webhooks;

  const title = !shown
    ? m.secretTitle
    : shown.kind === 'created'
      ? m.createdTitle
      : shown.kind === 'rotated'
        ? m.rotatedTitle
        : m.secretTitle;

  return (
    <Dialog open={shown !== null} title={title} onClose={onClose} initialFocusId="webhook-secret-copy">
      {shown ? (
        <div className="space-y-4">
          <p className="text-sm break-words text-slate-700">
            {shown.kind === 'created' ? m.createdIntro(shown.url) : m.secretIntro}
          </p>
          <SecretField
            id="webhook-secret"
            label={m.secretLabel}
            value={shown.secret}
            testId="webhook-secret"
            texts={m}
          />
          <OnceWarning>{shown.kind === 'revealed' ? m.keepSafe : m.onceWarning}</OnceWarning>
          {shown.kind === 'rotated' && shown.previousSecretExpiresAt ? (
            <p className="text-sm text-slate-700">
              {m.previousUntil(dateTime(shown.previousSecretExpiresAt))}
            </p>
          ) : null}
          <p className="text-xs break-words text-slate-600" data-testid="verify-note">
            {m.verifyNote}
          </p>
          <div className="flex justify-end">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              {m.done}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
