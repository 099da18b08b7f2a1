import { useRemoveTaxpayer } from '../../api/queries.js';
import type { Taxpayer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useI18n } from '../../i18n/i18n.js';

export function RemoveTaxpayerDialog({ target, onClose }: { target: Taxpayer | null; onClose(): void }) {
  const { t } = useI18n();
  const remove = useRemoveTaxpayer();

  function close() {
    remove.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={target !== null}
      title={t.taxpayers.removeTitle}
      message={target ? t.taxpayers.removeConfirm(target.legalName, target.rfc) : null}
      cancelId="remove-taxpayer-cancel"
      cancelLabel={t.common.cancel}
      actionLabel={t.taxpayers.removeAction}
      pendingLabel={t.taxpayers.removing}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => target && remove.mutate(target.rfc, { onSuccess: close })}
      onClose={close}
    />
  );
}
