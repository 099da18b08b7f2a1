import { regimenesFiscales, usosCfdi } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type FieldErrors, fieldErrorsOf, ProblemAlert } from './order-problems.js';
import type { Client, ClientCreateBody } from './orders-api.js';

interface Draft {
  name: string;
  rfc: string;
  email: string;
  phone: string;
  address: string;
  fiscalRegime: string;
  postalCode: string;
  cfdiUse: string;
}

const draftOf = (c?: Client): Draft => ({
  name: c?.name ?? '',
  rfc: c?.rfc ?? '',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  address: c?.address ?? '',
  fiscalRegime: c?.fiscalRegime ?? '',
  postalCode: c?.postalCode ?? '',
  cfdiUse: c?.cfdiUse ?? '',
});

/** The body as the API takes it: empty optional fields are null (cleared on an edit). */
export function clientBody(d: Draft): ClientCreateBody {
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    name: d.name.trim(),
    rfc: orNull(d.rfc.toUpperCase()),
    email: d.email.trim(),
    phone: orNull(d.phone),
    address: orNull(d.address),
    fiscalRegime: orNull(d.fiscalRegime),
    postalCode: orNull(d.postalCode),
    cfdiUse: orNull(d.cfdiUse),
  };
}

interface ClientFormProps {
  idPrefix: string;
  initial?: Client;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(body: ClientCreateBody): void;
  onCancel?(): void;
}

/** "Nuevo cliente" and "Editar": contact data, then the fiscal data an invoice needs. */
export function ClientForm(props: ClientFormProps) {
  const { t } = useI18n();
  const m = t.orders.clients;
  const { idPrefix: p } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.initial));
  const [local, setLocal] = useState<FieldErrors>({});
  const server = fieldErrorsOf(props.error, t);
  const errorOf = (key: keyof Draft) => local[key] ?? server[key];
  const control = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!draft.name.trim()) found.name = t.orders.required;
    if (!draft.email.trim()) found.email = t.orders.required;
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) found.email = m.emailInvalid;
    if (draft.postalCode.trim() && !/^\d{5}$/.test(draft.postalCode.trim()))
      found.postalCode = m.postalCodeInvalid;
    setLocal(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${p}-${first}`)?.focus();
      return;
    }
    props.onSubmit(clientBody(draft));
  }

  return (
    <form className="grid gap-3 sm:grid-cols-2" onSubmit={onSubmit} noValidate>
      <Field id={`${p}-name`} label={m.name} error={errorOf('name')} className="sm:col-span-2">
        {(c) => <input {...c} {...control('name')} className="input" maxLength={300} autoComplete="off" />}
      </Field>
      <Field id={`${p}-rfc`} label={m.rfc} hint={m.rfcHint} optional error={errorOf('rfc')}>
        {(c) => (
          <input
            {...c}
            {...control('rfc')}
            className="input font-mono uppercase"
            maxLength={13}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field id={`${p}-email`} label={t.signIn.email} error={errorOf('email')}>
        {(c) => <input {...c} {...control('email')} type="email" className="input" maxLength={254} />}
      </Field>
      <Field id={`${p}-phone`} label={m.phone} optional error={errorOf('phone')}>
        {(c) => <input {...c} {...control('phone')} type="tel" className="input" maxLength={40} />}
      </Field>
      <Field id={`${p}-address`} label={m.address} optional error={errorOf('address')}>
        {(c) => <input {...c} {...control('address')} className="input" maxLength={500} />}
      </Field>
      <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:col-span-2 sm:grid-cols-3">
        <legend className="px-1 text-sm font-medium">{m.fiscalGroup}</legend>
        <p className="hint sm:col-span-3">{m.fiscalHint}</p>
        <Field id={`${p}-fiscalRegime`} label={m.fiscalRegime} optional error={errorOf('fiscalRegime')}>
          {(c) => (
            <select {...c} {...control('fiscalRegime')} className="input">
              <option value="">{m.noneSelected}</option>
              {regimenesFiscales.map(([code, name]) => (
                <option key={code} value={code}>
                  {code} · {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${p}-postalCode`} label={m.postalCode} optional error={errorOf('postalCode')}>
          {(c) => (
            <input {...c} {...control('postalCode')} className="input" inputMode="numeric" maxLength={5} />
          )}
        </Field>
        <Field id={`${p}-cfdiUse`} label={m.cfdiUse} optional error={errorOf('cfdiUse')}>
          {(c) => (
            <select {...c} {...control('cfdiUse')} className="input">
              <option value="">{m.noneSelected}</option>
              {usosCfdi.map(([code, name]) => (
                <option key={code} value={code}>
                  {code} · {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <ProblemAlert error={props.error} className="sm:col-span-2" />
      <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
        {props.onCancel ? (
          <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
            {t.orders.cancel}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={props.pending}>
          {props.pending ? props.pendingLabel : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
