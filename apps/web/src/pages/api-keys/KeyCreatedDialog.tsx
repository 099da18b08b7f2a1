import type { CreatedApiKey } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { OnceWarning, SecretField } from '../../components/SecretField.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The full key and its signing secret exist in the page only while this dialog is open; closing it
 * forgets them.
 */
export function KeyCreatedDialog({ created, onClose }: { created: CreatedApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog
      open={created !== null}
      title={t.apiKeys.createdTitle}
      onClose={onClose}
      initialFocusId="created-key-copy"
    >
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.apiKeys.createdIntro(created.name)}</p>
          <SecretField
            id="created-key"
            label={t.apiKeys.keyLabel}
            value={created.key}
            testId="created-key"
            texts={t.apiKeys}
          />
          <SecretField
            id="created-signing-secret"
            label={t.apiKeys.signingSecretLabel}
            value={created.signingSecret}
            testId="created-signing-secret"
            texts={t.apiKeys}
          />
          <p className="text-xs text-slate-600">{t.apiKeys.signingSecretHint}</p>
          <OnceWarning>{t.apiKeys.onceWarning}</OnceWarning>
          <div className="flex justify-end">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              {t.apiKeys.done}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
