import type { OrderStatus } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { ProblemAlert } from './order-problems.js';
import { type Order, type OrderStatusBody, useChangeStatus, useReturnReasons } from './orders-api.js';

/** Steps that ask something first: the carrier when shipping, why when cancelling or returning it all. */
const asking = new Set<OrderStatus>(['shipped', 'cancelled', 'returned']);

/** A button's label: the target status, except packing → picking, which is going back. */
export function actionLabel(
  from: OrderStatus,
  to: OrderStatus,
  m: { actions: Record<OrderStatus, string>; backToPicking: string },
) {
  return from === 'packing' && to === 'picking' ? m.backToPicking : m.actions[to];
}

/** One button per status the order may go to next (`allowedNext`, the server's transition table). */
export function StatusActions({ order }: { order: Order }) {
  const { t } = useI18n();
  const m = t.orders;
  const change = useChangeStatus(order.number);
  const [dialog, setDialog] = useState<OrderStatus | null>(null);
  const primary = (to: OrderStatus) =>
    to !== 'cancelled' && to !== 'returned' && !(order.status === 'packing' && to === 'picking');

  return (
    <div className="space-y-3" data-testid="status-actions">
      {order.allowedNext.length === 0 ? <p className="text-sm text-slate-600">{m.orders.noActions}</p> : null}
      <div className="flex flex-wrap gap-2">
        {order.allowedNext.map((to) => (
          <button
            key={to}
            type="button"
            data-to={to}
            className={`btn ${to === 'cancelled' ? 'btn-danger-quiet' : primary(to) ? 'btn-primary' : 'btn-secondary'}`}
            disabled={change.isPending}
            onClick={() => {
              change.reset();
              if (asking.has(to)) setDialog(to);
              else change.mutate({ status: to });
            }}
          >
            {actionLabel(order.status, to, m)}
          </button>
        ))}
      </div>
      {dialog === null ? <ProblemAlert error={change.error} /> : null}
      <StatusDialog
        order={order}
        to={dialog}
        pending={change.isPending}
        error={change.error}
        onClose={() => setDialog(null)}
        onSubmit={(body) => change.mutate(body, { onSuccess: () => setDialog(null) })}
      />
    </div>
  );
}

function StatusDialog({
  order,
  to,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  order: Order;
  to: OrderStatus | null;
  pending: boolean;
  error: unknown;
  onClose(): void;
  onSubmit(body: OrderStatusBody): void;
}) {
  const { t } = useI18n();
  const m = t.orders;
  const title =
    to === 'shipped'
      ? m.orders.shipTitle
      : to === 'cancelled'
        ? m.orders.cancelTitle
        : m.orders.returnAllTitle;
  return (
    <Dialog open={to !== null} title={title} onClose={onClose} initialFocusId="status-first">
      {to ? (
        <StatusForm
          key={`${order.number}-${to}`}
          to={to}
          pending={pending}
          error={error}
          onClose={onClose}
          onSubmit={onSubmit}
        />
      ) : null}
    </Dialog>
  );
}

function StatusForm({
  to,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  to: OrderStatus;
  pending: boolean;
  error: unknown;
  onClose(): void;
  onSubmit(body: OrderStatusBody): void;
}) {
  const { t } = useI18n();
  const m = t.orders;
  const reasons = useReturnReasons();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [text, setText] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (to === 'shipped')
      return onSubmit({
        status: to,
        carrier: carrier.trim() || null,
        trackingNumber: tracking.trim() || null,
      });
    if (to === 'cancelled') {
      if (!text.trim()) return setMissing('status-first');
      return onSubmit({ status: to, cancelReason: text.trim() });
    }
    if (!reasonCode) return setMissing('status-first');
    onSubmit({ status: to, reasonCode, note: text.trim() || null });
  }

  return (
    <form className="space-y-3" onSubmit={submit} noValidate>
      {to === 'shipped' ? (
        <>
          <Field id="status-first" label={m.orders.carrier} optional>
            {(c) => (
              <input
                {...c}
                className="input"
                maxLength={100}
                value={carrier}
                onChange={(e) => setCarrier(e.target.value)}
              />
            )}
          </Field>
          <Field id="status-tracking" label={m.orders.trackingNumber} optional>
            {(c) => (
              <input
                {...c}
                className="input font-mono"
                maxLength={100}
                value={tracking}
                onChange={(e) => setTracking(e.target.value)}
              />
            )}
          </Field>
        </>
      ) : to === 'cancelled' ? (
        <Field id="status-first" label={m.orders.cancelReason} error={missing ? m.required : undefined}>
          {(c) => (
            <textarea
              {...c}
              className="input"
              rows={2}
              maxLength={1000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
      ) : (
        <>
          <p className="text-sm text-slate-700">{m.orders.returnAllNote}</p>
          <Field id="status-first" label={m.returns.reason} error={missing ? m.required : undefined}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={reasonCode}
                onChange={(e) => setReasonCode(e.target.value)}
              >
                <option value="">—</option>
                {(reasons.data ?? []).map((r) => (
                  <option key={r.code} value={r.code}>
                    {lookup(m.returnReasons, r.code) ?? r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="status-note" label={m.orders.note} optional>
            {(c) => (
              <textarea
                {...c}
                className="input"
                rows={2}
                maxLength={1000}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <ProblemAlert error={error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {m.close}
        </button>
        <button
          type="submit"
          className={`btn ${to === 'cancelled' ? 'btn-danger' : 'btn-primary'}`}
          disabled={pending}
        >
          {pending ? m.saving : m.orders.confirm}
        </button>
      </div>
    </form>
  );
}
