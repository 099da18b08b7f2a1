import { useRemoveTaxpayer } from '../../api/queries.js';
import type { Taxpayer } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

export function RemoveTaxpayerDialog({ target, onClose }: { target: Taxpayer | null; onClose(): void }) {
  const { t } = useI18n();
  const remove = useRemoveTaxpayer();

  function close() {
    remove.reset();
    onClose();
  }

  return (
    <Dialog
      open={target !== null}
      title={t.taxpayers.removeTitle}
      onClose={close}
      initialFocusId="remove-taxpayer-cancel"
    >
      {target ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.taxpayers.removeConfirm(target.legalName, target.rfc)}</p>
          <ErrorAlert error={remove.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <button id="remove-taxpayer-cancel" type="button" className="btn btn-secondary" onClick={close}>
              {t.common.cancel}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(target.rfc, { onSuccess: close })}
            >
              {remove.isPending ? t.taxpayers.removing : t.taxpayers.removeAction}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
