import { returnReasonCodes } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { type FieldErrors, fieldErrorsOf, ProblemAlert } from './order-problems.js';
import { type Order, type ReturnCreateBody, useCreateReturn, useReturnReasons } from './orders-api.js';

interface Row {
  sku: string;
  description: string;
  available: number;
  quantity: string;
  received: string;
  damaged: string;
}

/** One row per line with units still out (shipped − returned); nothing to return from the others. */
export const returnRows = (order: Pick<Order, 'lines'>): Row[] =>
  order.lines
    .map((l) => ({
      sku: l.sku,
      description: l.description,
      available: l.shippedQuantity - l.returnedQuantity,
      quantity: '0',
      received: '',
      damaged: '0',
    }))
    .filter((r) => r.available > 0);

const whole = (v: string) => (/^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

/** What the dialog refuses before sending: more than is out, received/damaged beyond what comes back. */
export function checkReturn(
  rows: Row[],
  draft: { reasonCode: string; note: string },
  m: {
    required: string;
    tooMany(n: number): string;
    receivedTooMany: string;
    damagedTooMany: string;
    nothing: string;
    fieldInvalid: string;
  },
): FieldErrors {
  const out: FieldErrors = {};
  let any = false;
  rows.forEach((r, i) => {
    const q = whole(r.quantity);
    if (Number.isNaN(q)) out[`items.${i}.quantity`] = m.fieldInvalid;
    else if (q > r.available) out[`items.${i}.quantity`] = m.tooMany(r.available);
    else if (q > 0) any = true;
    const received = r.received.trim() === '' ? q : whole(r.received);
    if (Number.isNaN(received)) out[`items.${i}.receivedQuantity`] = m.fieldInvalid;
    else if (received > q) out[`items.${i}.receivedQuantity`] = m.receivedTooMany;
    const damaged = whole(r.damaged);
    if (Number.isNaN(damaged)) out[`items.${i}.damagedQuantity`] = m.fieldInvalid;
    else if (damaged > received) out[`items.${i}.damagedQuantity`] = m.damagedTooMany;
  });
  if (!any && Object.keys(out).length === 0) out.items = m.nothing;
  if (!draft.reasonCode) out.reasonCode = m.required;
  if (!draft.note.trim()) out.note = m.required;
  return out;
}

export function returnBody(rows: Row[], draft: { reasonCode: string; note: string }): ReturnCreateBody {
  return {
    reasonCode: draft.reasonCode as ReturnCreateBody['reasonCode'],
    note: draft.note.trim(),
    items: rows
      .filter((r) => whole(r.quantity) > 0)
      .map((r) => ({
        sku: r.sku,
        quantity: whole(r.quantity),
        ...(r.received.trim() !== '' ? { receivedQuantity: whole(r.received) } : {}),
        damagedQuantity: whole(r.damaged),
      })),
  };
}

/** "Registrar devolución": how many units of each line come back, how they arrived, why. */
export function ReturnDialog({ order, open, onClose }: { order: Order; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const m = t.orders.returns;
  return (
    <Dialog
      open={open}
      title={m.dialogTitle(order.number)}
      onClose={onClose}
      initialFocusId="return-items-0-quantity"
    >
      {/* Mounted while open only: each opening starts from the order as it is now. */}
      {open ? <ReturnForm order={order} onDone={onClose} /> : null}
    </Dialog>
  );
}

function ReturnForm({ order, onDone }: { order: Order; onDone(): void }) {
  const { t } = useI18n();
  const m = t.orders.returns;
  const reasons = useReturnReasons();
  const create = useCreateReturn(order.number, order.clientId);
  const [rows, setRows] = useState(() => returnRows(order));
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<FieldErrors>({});
  const server = fieldErrorsOf(create.error, t);
  const errorOf = (path: string) => local[path] ?? server[path];
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkReturn(
      rows,
      { reasonCode, note },
      { ...m, required: t.orders.required, fieldInvalid: t.orders.fieldInvalid },
    );
    setLocal(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`return-${first.replaceAll('.', '-')}`)?.focus();
      return;
    }
    create.mutate(returnBody(rows, { reasonCode, note }), { onSuccess: onDone });
  }

  const cell = (
    i: number,
    key: 'quantity' | 'received' | 'damaged',
    label: string,
    path: string,
    placeholder?: string,
  ) => {
    const error = errorOf(`items.${i}.${path}`);
    const id = `return-items-${i}-${path}`;
    return (
      <td className="px-2 py-1 align-top">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          className="input w-20 tabular-nums"
          inputMode="numeric"
          value={rows[i]?.[key] ?? ''}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setRow(i, { [key]: e.target.value })}
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </td>
    );
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <div className="overflow-x-auto">
        <table className="table w-full text-sm">
          <caption className="sr-only">{m.itemsCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">
                {m.colSku}
              </th>
              <th scope="col" className="px-2 text-right">
                {m.colAvailable}
              </th>
              <th scope="col" className="px-2 text-left">
                {m.colQuantity}
              </th>
              <th scope="col" className="px-2 text-left">
                {m.colReceived}
              </th>
              <th scope="col" className="px-2 text-left">
                {m.colDamaged}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.sku} data-sku={r.sku}>
                <th scope="row" className="px-2 py-1 text-left align-top font-normal">
                  <span className="font-mono">{r.sku}</span>
                  <span className="block max-w-40 truncate text-xs text-slate-500">{r.description}</span>
                </th>
                <td className="px-2 py-1 text-right align-top tabular-nums">{r.available}</td>
                {cell(i, 'quantity', m.quantityOf(r.sku), 'quantity')}
                {cell(i, 'received', m.receivedOf(r.sku), 'receivedQuantity', r.quantity)}
                {cell(i, 'damaged', m.damagedOf(r.sku), 'damagedQuantity')}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errorOf('items') ? (
        <p className="text-xs font-medium text-red-700" role="alert">
          {errorOf('items')}
        </p>
      ) : null}
      <Field id="return-reasonCode" label={m.reason} error={errorOf('reasonCode')}>
        {(c) => (
          <select {...c} className="input" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            <option value="">—</option>
            {(
              reasons.data ??
              (reasons.isError ? returnReasonCodes.map((code) => ({ code, label: code })) : [])
            ).map((r) => (
              <option key={r.code} value={r.code}>
                {lookup(t.orders.returnReasons, r.code) ?? r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="return-note" label={m.note} hint={m.noteHint} error={errorOf('note')}>
        {(c) => (
          <textarea
            {...c}
            className="input"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <ProblemAlert error={create.error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t.orders.cancel}
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? m.saving : m.save}
        </button>
      </div>
    </form>
  );
}
