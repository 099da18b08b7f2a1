import type { ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { ErrorAlert } from './ErrorAlert.js';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in the person's words (names the thing). */
  message: ReactNode;
  /** The Cancel button's id: it gets the focus, so Enter never confirms a destructive action. */
  cancelId: string;
  cancelLabel: string;
  actionLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm(): void;
  onClose(): void;
}

/** "Are you sure?" for a destructive action (revoke, remove, delete): Cancel first, then the red button. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, cancelId, pending, error, onConfirm, onClose } = props;
  return (
    <Dialog open={open} title={title} onClose={onClose} initialFocusId={cancelId}>
      <div className="space-y-4">
        <p className="text-sm break-words text-slate-700">{message}</p>
        <ErrorAlert error={error} />
        <div className="flex flex-wrap justify-end gap-2">
          <button id={cancelId} type="button" className="btn btn-secondary" onClick={onClose}>
            {props.cancelLabel}
          </button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={onConfirm}>
            {pending ? props.pendingLabel : props.actionLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
