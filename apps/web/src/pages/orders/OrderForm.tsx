import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatMoney } from '../cfdi/money.js';
import { ClientPicker } from './ClientPicker.js';
import { lineAmounts, orderAmounts } from './order-math.js';
import { type FieldErrors, fieldErrorsOf, ProblemAlert } from './order-problems.js';
import type { OrderCreateBody } from './orders-api.js';
import { type LineTaxChoice, lineTaxChoices, taxesOfChoice } from './tax-labels.js';

export interface LineDraft {
  /** Only for React: a line's place changes when one above it is removed. */
  key: number;
  sku: string;
  description: string;
  quantity: string;
  unitPrice: string;
  tax: LineTaxChoice;
  productCode: string;
  unitCode: string;
}

let nextKey = 0;
export const emptyLine = (): LineDraft => ({
  key: nextKey++,
  sku: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  tax: 'iva16',
  productCode: '',
  unitCode: '',
});

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PRICE = /^\d{1,15}(\.\d{1,6})?$/;

/** What the form finds before sending, by the body's paths (`lines.0.unitPrice`). */
export function checkOrder(
  draft: { number: string; clientId: string; lines: LineDraft[] },
  t: { required: string } & Record<
    | 'numberInvalid'
    | 'clientNone'
    | 'skuInvalid'
    | 'skuRepeated'
    | 'quantityInvalid'
    | 'priceInvalid'
    | 'productCodeInvalid'
    | 'unitCodeInvalid',
    string
  >,
): FieldErrors {
  const out: FieldErrors = {};
  const number = draft.number.trim();
  if (!number) out.number = t.required;
  else if (!NUMBER.test(number) || number.length > 64) out.number = t.numberInvalid;
  if (!draft.clientId) out.clientId = t.clientNone;
  const seen = new Set<string>();
  draft.lines.forEach((l, i) => {
    const sku = l.sku.trim();
    if (!sku) out[`lines.${i}.sku`] = t.required;
    else if (/\s/.test(sku) || sku.length > 64) out[`lines.${i}.sku`] = t.skuInvalid;
    else if (seen.has(sku)) out[`lines.${i}.sku`] = t.skuRepeated;
    seen.add(sku);
    if (!l.description.trim()) out[`lines.${i}.description`] = t.required;
    const q = l.quantity.trim();
    if (!/^\d{1,7}$/.test(q) || Number(q) < 1 || Number(q) > 1_000_000)
      out[`lines.${i}.quantity`] = t.quantityInvalid;
    if (!PRICE.test(l.unitPrice.trim())) out[`lines.${i}.unitPrice`] = t.priceInvalid;
    if (l.productCode.trim() && !/^\d{8}$/.test(l.productCode.trim()))
      out[`lines.${i}.productCode`] = t.productCodeInvalid;
    if (l.unitCode.trim() && !/^[A-Z0-9]{1,3}$/i.test(l.unitCode.trim()))
      out[`lines.${i}.unitCode`] = t.unitCodeInvalid;
  });
  return out;
}

/** The order as the API takes it; taxes are always spelled out, optional SAT keys only when typed. */
export function orderBody(draft: {
  number: string;
  clientId: string;
  notes: string;
  lines: LineDraft[];
}): OrderCreateBody {
  return {
    number: draft.number.trim(),
    clientId: draft.clientId,
    notes: draft.notes.trim() || null,
    lines: draft.lines.map((l) => ({
      sku: l.sku.trim(),
      description: l.description.trim(),
      quantity: Number(l.quantity.trim()),
      unitPrice: l.unitPrice.trim(),
      taxes: taxesOfChoice(l.tax),
      ...(l.productCode.trim() ? { productCode: l.productCode.trim() } : {}),
      ...(l.unitCode.trim() ? { unitCode: l.unitCode.trim().toUpperCase() } : {}),
    })),
  };
}

interface OrderFormProps {
  defaultClientId?: string;
  pending: boolean;
  error: unknown;
  onSubmit(body: OrderCreateBody): void;
}

/** "Nueva orden": number, client, lines with their taxes, and the totals as the server will compute them. */
export function OrderForm({ defaultClientId = '', pending, error, onSubmit }: OrderFormProps) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const [number, setNumber] = useState('');
  const [clientId, setClientId] = useState(defaultClientId);
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [local, setLocal] = useState<FieldErrors>({});
  const server = fieldErrorsOf(error, t);
  const errorOf = (path: string) => local[path] ?? server[path];
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const amounts = orderAmounts(lines.map((l) => ({ ...l, taxes: taxesOfChoice(l.tax) })));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkOrder({ number, clientId, lines }, { ...m, required: t.orders.required });
    setLocal(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`order-${first.replaceAll('.', '-')}`)?.focus();
      return;
    }
    onSubmit(orderBody({ number, clientId, notes, lines }));
  }

  const input = (
    i: number,
    key: 'sku' | 'description' | 'quantity' | 'unitPrice' | 'productCode' | 'unitCode',
    label: string,
    extra: object = {},
    hint?: string,
  ) => (
    <Field id={`order-lines-${i}-${key}`} label={label} hint={hint} error={errorOf(`lines.${i}.${key}`)}>
      {(c) => (
        <input
          {...c}
          className="input"
          autoComplete="off"
          {...extra}
          value={lines[i]?.[key] ?? ''}
          onChange={(e) => setLine(i, { [key]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form className="grid gap-3" onSubmit={submit} noValidate>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="order-number" label={m.number} hint={m.numberHint} error={errorOf('number')}>
          {(c) => (
            <input
              {...c}
              className="input font-mono"
              maxLength={64}
              autoComplete="off"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
            />
          )}
        </Field>
        <div className="sm:col-span-2">
          <ClientPicker
            id="order-clientId"
            label={m.clientPick}
            emptyLabel={m.clientNone}
            value={clientId}
            onChange={setClientId}
            error={errorOf('clientId')}
          />
        </div>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{m.lines}</legend>
        {errorOf('lines') ? <p className="text-xs font-medium text-red-700">{errorOf('lines')}</p> : null}
        {lines.map((l, i) => {
          const a = lineAmounts({ ...l, taxes: taxesOfChoice(l.tax) });
          return (
            <fieldset
              key={l.key}
              data-testid={`order-line-${i}`}
              className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-6"
            >
              <legend className="px-1 text-sm font-medium">{m.line(i + 1)}</legend>
              {input(i, 'sku', m.sku, { className: 'input font-mono', maxLength: 64 })}
              <div className="lg:col-span-2">
                {input(i, 'description', m.description, { maxLength: 1000 })}
              </div>
              {input(i, 'quantity', m.quantity, { inputMode: 'numeric' })}
              {input(i, 'unitPrice', m.unitPrice, { inputMode: 'decimal', className: 'input tabular-nums' })}
              <Field id={`order-lines-${i}-tax`} label={m.taxes}>
                {(c) => (
                  <select
                    {...c}
                    className="input"
                    value={l.tax}
                    onChange={(e) => setLine(i, { tax: e.target.value as LineTaxChoice })}
                  >
                    {lineTaxChoices.map((choice) => (
                      <option key={choice} value={choice}>
                        {t.orders.taxChoices[choice]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <details className="sm:col-span-2 lg:col-span-4">
                <summary className="cursor-pointer text-sm text-slate-700">{m.moreOptions}</summary>
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  {input(
                    i,
                    'productCode',
                    m.productCode,
                    { inputMode: 'numeric', maxLength: 8 },
                    m.productCodeHint,
                  )}
                  {input(
                    i,
                    'unitCode',
                    m.unitCode,
                    { maxLength: 3, className: 'input uppercase' },
                    m.unitCodeHint,
                  )}
                </div>
              </details>
              <p
                className="self-end text-sm sm:text-right lg:col-span-2"
                data-testid={`order-line-${i}-total`}
              >
                <span className="text-slate-500">{m.lineAmount}: </span>
                <span className="tabular-nums">{a ? formatMoney(a.subtotal) : '—'}</span>
              </p>
              {lines.length > 1 ? (
                <div className="flex items-end justify-end sm:col-span-2 lg:col-span-6">
                  <button
                    type="button"
                    className="btn btn-danger-quiet"
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  >
                    {m.removeLine(i + 1)}
                  </button>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => setLines((ls) => [...ls, emptyLine()])}
        >
          {m.addLine}
        </button>
      </fieldset>
      <Field id="order-notes" label={m.notes} optional error={errorOf('notes')}>
        {(c) => (
          <textarea
            {...c}
            className="input"
            rows={2}
            maxLength={2000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        )}
      </Field>
      <Totals amounts={amounts} />
      <p className="hint text-right">{m.totalsNote}</p>
      <ProblemAlert error={error} />
      <div className="flex justify-end">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? m.creating : m.create}
        </button>
      </div>
    </form>
  );
}

/** Subtotal, taxes, withholdings (when any) and total, as a small definition list. */
export function Totals({
  amounts,
  testId = 'order-totals',
}: {
  amounts: { subtotal: string; taxes: string; withheld: string; total: string };
  testId?: string;
}) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const row = (label: string, value: string, key: string, strong = false) => (
    <div className={`flex justify-between gap-6 ${strong ? 'font-semibold' : ''}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums" data-amount={key}>
        {formatMoney(value)}
      </dd>
    </div>
  );
  return (
    <section aria-label={m.totalsCaption} className="ml-auto w-full max-w-xs text-sm">
      <dl className="space-y-1" data-testid={testId} aria-live="polite">
        {row(m.subtotal, amounts.subtotal, 'subtotal')}
        {row(m.tax, amounts.taxes, 'taxes')}
        {amounts.withheld !== '0.00' ? row(m.withheld, amounts.withheld, 'withheld') : null}
        {row(m.total, amounts.total, 'total', true)}
      </dl>
    </section>
  );
}
