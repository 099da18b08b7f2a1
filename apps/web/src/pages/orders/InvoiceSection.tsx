import { formasPago, usosCfdi } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { useTaxpayers } from '../../api/queries.js';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { Dialog } from '../../components/Dialog.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { cfdiSearch } from '../cfdi/cfdi-search.js';
import { ProblemAlert } from './order-problems.js';
import { invoiceFileUrl, type Order, useInvoiceOrder } from './orders-api.js';

type InvoiceStatus = NonNullable<Order['invoice']>['status'];
const tones = { draft: 'info', stamping: 'info', stamped: 'success', failed: 'danger' } satisfies Record<
  InvoiceStatus,
  BadgeTone
>;

/** The order's invoice: its state, UUID and files once stamped; "Facturar" for members when there is none. */
export function InvoiceSection({ order, canWrite }: { order: Order; canWrite: boolean }) {
  const { t } = useI18n();
  const m = t.orders.invoice;
  const [open, setOpen] = useState(false);
  const inv = order.invoice;
  const canInvoice = canWrite && order.status !== 'cancelled' && (!inv || inv.status === 'failed');
  return (
    <section aria-labelledby="order-invoice-title" className="card p-5" data-testid="order-invoice">
      <h2 id="order-invoice-title" className="text-base font-semibold">
        {m.title}
      </h2>
      {inv ? (
        <div className="mt-2 space-y-2 text-sm">
          <p>
            <Badge tone={tones[inv.status]} data-state={inv.status}>
              {m.statuses[inv.status]}
            </Badge>
          </p>
          {inv.status === 'draft' || inv.status === 'stamping' ? (
            <p className="text-slate-600">{m.sent}</p>
          ) : null}
          {inv.uuid ? (
            <p>
              <span className="text-slate-500">{m.uuid}: </span>
              <code className="font-mono text-xs break-all" data-testid="invoice-uuid">
                {inv.uuid}
              </code>
            </p>
          ) : null}
          {inv.status === 'stamped' ? (
            <p className="flex flex-wrap gap-2">
              <a className="btn btn-secondary" href={invoiceFileUrl(inv.invoiceId, 'xml')} download>
                {m.xml}
              </a>
              <a className="btn btn-secondary" href={invoiceFileUrl(inv.invoiceId, 'pdf')} download>
                {m.pdf}
              </a>
              {inv.uuid ? (
                <Link
                  className="btn btn-secondary"
                  to={href(paths.cfdi, {}, cfdiSearch.write({ q: inv.uuid }))}
                >
                  {m.explorer}
                </Link>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{m.none}</p>
      )}
      {canInvoice ? (
        <button type="button" className="btn btn-primary mt-3" onClick={() => setOpen(true)}>
          {inv ? m.retry : m.action}
        </button>
      ) : null}
      <Dialog
        open={open}
        title={m.dialogTitle(order.number)}
        onClose={() => setOpen(false)}
        initialFocusId="invoice-issuer"
      >
        {open ? <InvoiceForm order={order} onDone={() => setOpen(false)} /> : null}
      </Dialog>
    </section>
  );
}

function InvoiceForm({ order, onDone }: { order: Order; onDone(): void }) {
  const { t } = useI18n();
  const m = t.orders.invoice;
  const taxpayers = useTaxpayers();
  const issuers = taxpayers.data?.items ?? [];
  const invoice = useInvoiceOrder(order.number);
  const [issuerRfc, setIssuerRfc] = useState('');
  const [formaPago, setFormaPago] = useState('03');
  const [metodoPago, setMetodoPago] = useState<'PUE' | 'PPD'>('PUE');
  const [usoCfdi, setUsoCfdi] = useState('');
  const issuer = issuerRfc || issuers[0]?.rfc || '';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    invoice.mutate(
      {
        issuerRfc: issuer,
        // An instalment invoice's payment form is "por definir" (the SAT's rule for PPD).
        formaPago: metodoPago === 'PPD' ? '99' : formaPago,
        metodoPago,
        ...(usoCfdi ? { usoCfdi } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="space-y-3" onSubmit={submit}>
      {issuers.length === 0 && !taxpayers.isPending ? (
        <p className="text-sm text-slate-700">{m.noIssuers}</p>
      ) : null}
      <Field id="invoice-issuer" label={m.issuer}>
        {(c) => (
          <select {...c} className="input" value={issuer} onChange={(e) => setIssuerRfc(e.target.value)}>
            {issuers.map((tp) => (
              <option key={tp.rfc} value={tp.rfc}>
                {tp.rfc} · {tp.legalName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="invoice-metodo" label={m.metodoPago}>
        {(c) => (
          <select
            {...c}
            className="input"
            value={metodoPago}
            onChange={(e) => setMetodoPago(e.target.value as 'PUE' | 'PPD')}
          >
            <option value="PUE">{m.metodos.PUE}</option>
            <option value="PPD">{m.metodos.PPD}</option>
          </select>
        )}
      </Field>
      <Field id="invoice-forma" label={m.formaPago}>
        {(c) => (
          <select
            {...c}
            className="input"
            disabled={metodoPago === 'PPD'}
            value={metodoPago === 'PPD' ? '99' : formaPago}
            onChange={(e) => setFormaPago(e.target.value)}
          >
            {formasPago.map(([code, name]) => (
              <option key={code} value={code}>
                {code} · {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="invoice-uso" label={m.usoCfdi} hint={m.usoCfdiHint} optional>
        {(c) => (
          <select {...c} className="input" value={usoCfdi} onChange={(e) => setUsoCfdi(e.target.value)}>
            <option value="">{t.orders.clients.noneSelected}</option>
            {usosCfdi.map(([code, name]) => (
              <option key={code} value={code}>
                {code} · {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ProblemAlert error={invoice.error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t.orders.cancel}
        </button>
        <button type="submit" className="btn btn-primary" disabled={invoice.isPending || !issuer}>
          {invoice.isPending ? m.sending : m.send}
        </button>
      </div>
    </form>
  );
}
