import { useState } from 'react';
import { useRotateSigningSecret } from '../../api/queries.js';
import type { ApiKey, RotatedSigningSecret } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Dialog } from '../../components/Dialog.js';
import { OnceWarning, SecretField } from '../../components/SecretField.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Confirms, then generates a new signing secret for `target` and shows it once; closing the
 * second dialog forgets it.
 */
export function RotateSigningSecretDialogs({ target, onClose }: { target: ApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  const rotate = useRotateSigningSecret();
  const [rotated, setRotated] = useState<{ name: string; secret: RotatedSigningSecret } | null>(null);

  function close() {
    rotate.reset();
    onClose();
  }

  return (
    <>
      <ConfirmDialog
        open={target !== null && rotated === null}
        title={t.apiKeys.rotateTitle}
        message={target ? t.apiKeys.rotateConfirm(target.name) : null}
        cancelId="rotate-cancel"
        cancelLabel={t.common.cancel}
        actionLabel={t.apiKeys.rotateAction}
        pendingLabel={t.apiKeys.rotating}
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          target &&
          rotate.mutate(target.id, {
            onSuccess: (secret) => {
              setRotated({ name: target.name, secret });
              close();
            },
          })
        }
        onClose={close}
      />
      <Dialog
        open={rotated !== null}
        title={t.apiKeys.rotatedTitle}
        onClose={() => setRotated(null)}
        initialFocusId="rotated-secret-copy"
      >
        {rotated ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">{t.apiKeys.rotatedIntro(rotated.name)}</p>
            <SecretField
              id="rotated-secret"
              label={t.apiKeys.signingSecretLabel}
              value={rotated.secret.signingSecret}
              testId="rotated-signing-secret"
              texts={t.apiKeys}
            />
            <OnceWarning>{t.apiKeys.onceWarning}</OnceWarning>
            <div className="flex justify-end">
              <button type="button" className="btn btn-primary" onClick={() => setRotated(null)}>
                {t.apiKeys.done}
              </button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
