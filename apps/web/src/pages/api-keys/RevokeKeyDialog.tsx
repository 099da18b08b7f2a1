import { useRevokeApiKey } from '../../api/queries.js';
import type { ApiKey } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useI18n } from '../../i18n/i18n.js';

export function RevokeKeyDialog({ target, onClose }: { target: ApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  const revoke = useRevokeApiKey();

  function close() {
    revoke.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={target !== null}
      title={t.apiKeys.revokeTitle}
      message={target ? t.apiKeys.revokeConfirm(target.name) : null}
      cancelId="revoke-cancel"
      cancelLabel={t.common.cancel}
      actionLabel={t.apiKeys.revokeAction}
      pendingLabel={t.apiKeys.revoking}
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => target && revoke.mutate(target.id, { onSuccess: close })}
      onClose={close}
    />
  );
}
