import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type PacInvoice, useCancelInvoice } from './pac-api.js';

const motives = ['01', '02', '03', '04'] as const;

/** Cancel with a SAT motive; 01 asks for the substitute's UUID. */
export function CancelInvoiceDialog({ invoice, onClose }: { invoice: PacInvoice | null; onClose(): void }) {
  const { t } = useI18n();
  const m = t.pac;
  const cancel = useCancelInvoice();
  const [motivo, setMotivo] = useState<(typeof motives)[number]>('02');
  const [substitute, setSubstitute] = useState('');

  function close() {
    cancel.reset();
    setSubstitute('');
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invoice) return;
    cancel.mutate(
      { id: invoice.id, motivo, ...(motivo === '01' ? { folioSustitucion: substitute.trim() } : {}) },
      { onSuccess: close },
    );
  }

  return (
    <Dialog open={invoice !== null} title={m.cancelTitle} onClose={close} initialFocusId="cancel-close">
      <form className="space-y-3" onSubmit={onSubmit}>
        <p className="font-mono text-xs break-all">{invoice?.uuid}</p>
        <Field id="cancel-motive" label={m.motive}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={motivo}
              onChange={(e) => setMotivo(e.target.value as (typeof motives)[number])}
            >
              {motives.map((k) => (
                <option key={k} value={k}>
                  {m.motives[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {motivo === '01' ? (
          <Field id="cancel-substitute" label={m.substitute}>
            {(control) => (
              <input
                {...control}
                required
                className="input font-mono"
                value={substitute}
                onChange={(e) => setSubstitute(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <ErrorAlert error={cancel.error} />
        <div className="flex justify-end gap-2">
          <button id="cancel-close" type="button" className="btn btn-secondary" onClick={close}>
            {m.close}
          </button>
          <button type="submit" className="btn btn-danger" disabled={cancel.isPending}>
            {m.confirmCancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
