import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type InvoiceDetail, useRejectInvoice } from './inbox-api.js';

/** Rejecting needs a reason a colleague can read later. */
export function RejectDialog({
  open,
  invoice,
  version,
  onClose,
  onRejected,
}: {
  open: boolean;
  invoice: InvoiceDetail;
  version: number;
  onClose(): void;
  onRejected(): void;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  const reject = useRejectInvoice(invoice.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    reject.mutate({ version, reason: reason.trim() }, { onSuccess: onRejected });
  }

  return (
    <Dialog
      open={open}
      title={m.rejectTitle}
      onClose={() => {
        reject.reset();
        onClose();
      }}
      initialFocusId="invoice-reject-reason"
    >
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        <Field
          id="invoice-reject-reason"
          label={m.rejectReason}
          hint={m.rejectReasonHint}
          error={missing ? m.rejectReasonRequired : undefined}
        >
          {(control) => (
            <textarea
              {...control}
              className="input min-h-24"
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
        <ErrorAlert error={reject.error} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button type="submit" className="btn btn-danger" disabled={reject.isPending}>
            {reject.isPending ? m.rejecting : m.rejectSubmit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
