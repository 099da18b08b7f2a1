import { useRevokeApiKey } from '../../api/queries.js';
import type { ApiKey } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

export function RevokeKeyDialog({ target, onClose }: { target: ApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  const revoke = useRevokeApiKey();

  function close() {
    revoke.reset();
    onClose();
  }

  return (
    <Dialog
      open={target !== null}
      title={t.apiKeys.revokeTitle}
      onClose={close}
      initialFocusId="revoke-cancel"
    >
      {target ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.apiKeys.revokeConfirm(target.name)}</p>
          <ErrorAlert error={revoke.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <button id="revoke-cancel" type="button" className="btn btn-secondary" onClick={close}>
              {t.common.cancel}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(target.id, { onSuccess: close })}
            >
              {revoke.isPending ? t.apiKeys.revoking : t.apiKeys.revokeAction}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
