import { type FormEvent, useState } from 'react';
import { useTaxpayers } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type NewInvoice, useIssueInvoice } from './pac-api.js';

interface Line {
  /** Only for React: lines have no identity but their place, which changes when one is removed. */
  key: number;
  claveProdServ: string;
  claveUnidad: string;
  cantidad: string;
  descripcion: string;
  valorUnitario: string;
  iva: boolean;
}

let nextKey = 0;
const emptyLine = (): Line => ({
  key: nextKey++,
  claveProdServ: '84111506',
  claveUnidad: 'E48',
  cantidad: '1',
  descripcion: '',
  valorUnitario: '',
  iva: true,
});

/** The invoice as the API takes it: lines with IVA 16 % are objeto de impuesto 02, others 01. */
export function toNewInvoice(form: {
  issuerRfc: string;
  receptor: NewInvoice['receptor'];
  formaPago: string;
  metodoPago: 'PUE' | 'PPD';
  lines: Line[];
}): NewInvoice {
  return {
    issuerRfc: form.issuerRfc,
    receptor: form.receptor,
    formaPago: form.metodoPago === 'PPD' ? '99' : form.formaPago,
    metodoPago: form.metodoPago,
    conceptos: form.lines.map((l) => ({
      claveProdServ: l.claveProdServ.trim(),
      claveUnidad: l.claveUnidad.trim().toUpperCase(),
      cantidad: l.cantidad.trim(),
      descripcion: l.descripcion.trim(),
      valorUnitario: l.valorUnitario.trim(),
      objetoImp: l.iva ? '02' : '01',
      traslados: l.iva ? [{ impuesto: '002', tipoFactor: 'Tasa', tasa: '0.160000' }] : [],
    })),
  };
}

/** A new CFDI 4.0: issuer, receptor (with régimen and CP), payment, lines. */
export function IssueInvoiceForm() {
  const { t } = useI18n();
  const m = t.pac;
  const taxpayers = useTaxpayers();
  const issue = useIssueInvoice();
  const issuers = taxpayers.data?.items ?? [];
  const [issuerRfc, setIssuerRfc] = useState('');
  const [receptor, setReceptor] = useState({
    rfc: '',
    nombre: '',
    regimenFiscal: '601',
    codigoPostal: '',
    usoCfdi: 'G03',
  });
  const [formaPago, setFormaPago] = useState('03');
  const [metodoPago, setMetodoPago] = useState<'PUE' | 'PPD'>('PUE');
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const issuer = issuerRfc || issuers[0]?.rfc || '';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    issue.mutate(toNewInvoice({ issuerRfc: issuer, receptor, formaPago, metodoPago, lines }), {
      onSuccess: () => setLines([emptyLine()]),
    });
  }

  const text = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: object = {},
  ) => (
    <Field id={id} label={label}>
      {(control) => (
        <input
          {...control}
          required
          className="input"
          {...extra}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="new-invoice-title" className="card p-5">
      <h2 id="new-invoice-title" className="text-base font-semibold">
        {m.newTitle}
      </h2>
      {issuers.length === 0 && !taxpayers.isPending ? (
        <p className="mt-2 text-sm text-slate-700">{m.noIssuers}</p>
      ) : null}
      <form className="mt-3 grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
        <Field id="inv-issuer" label={m.issuer}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={issuer}
              onChange={(e) => setIssuerRfc(e.target.value)}
            >
              {issuers.map((tp) => (
                <option key={tp.rfc} value={tp.rfc}>
                  {tp.rfc} · {tp.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text(
          'inv-rfc',
          m.receptorRfc,
          receptor.rfc,
          (v) => setReceptor({ ...receptor, rfc: v.toUpperCase() }),
          {
            maxLength: 13,
            className: 'input font-mono',
          },
        )}
        <Field id="inv-name" label={m.receptorName} hint={m.receptorNameHelp}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={300}
              className="input"
              value={receptor.nombre}
              onChange={(e) => setReceptor({ ...receptor, nombre: e.target.value })}
            />
          )}
        </Field>
        {text(
          'inv-regimen',
          m.regimen,
          receptor.regimenFiscal,
          (v) => setReceptor({ ...receptor, regimenFiscal: v }),
          {
            pattern: '\\d{3}',
          },
        )}
        {text('inv-cp', m.cp, receptor.codigoPostal, (v) => setReceptor({ ...receptor, codigoPostal: v }), {
          pattern: '\\d{5}',
          inputMode: 'numeric',
        })}
        {text('inv-uso', m.usoCfdi, receptor.usoCfdi, (v) =>
          setReceptor({ ...receptor, usoCfdi: v.toUpperCase() }),
        )}
        {text('inv-forma', m.formaPago, metodoPago === 'PPD' ? '99' : formaPago, setFormaPago, {
          pattern: '\\d{2}',
          disabled: metodoPago === 'PPD',
        })}
        <Field id="inv-metodo" label={m.metodoPago}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={metodoPago}
              onChange={(e) => setMetodoPago(e.target.value as 'PUE' | 'PPD')}
            >
              <option value="PUE">PUE</option>
              <option value="PPD">PPD</option>
            </select>
          )}
        </Field>
        {lines.map((l, i) => (
          <fieldset
            key={l.key}
            className="grid gap-3 rounded border border-slate-200 p-3 sm:col-span-3 sm:grid-cols-6"
          >
            <legend className="px-1 text-sm font-medium">{m.concepto(i + 1)}</legend>
            {text(
              `inv-${i}-clave`,
              m.claveProdServ,
              l.claveProdServ,
              (v) => setLine(i, { claveProdServ: v }),
              {
                pattern: '\\d{8}',
              },
            )}
            {text(`inv-${i}-unidad`, m.claveUnidad, l.claveUnidad, (v) => setLine(i, { claveUnidad: v }))}
            {text(`inv-${i}-cantidad`, m.cantidad, l.cantidad, (v) => setLine(i, { cantidad: v }), {
              inputMode: 'decimal',
            })}
            <div className="sm:col-span-2">
              {text(`inv-${i}-desc`, m.descripcion, l.descripcion, (v) => setLine(i, { descripcion: v }))}
            </div>
            {text(
              `inv-${i}-valor`,
              m.valorUnitario,
              l.valorUnitario,
              (v) => setLine(i, { valorUnitario: v }),
              {
                inputMode: 'decimal',
              },
            )}
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={l.iva}
                onChange={(e) => setLine(i, { iva: e.target.checked })}
              />
              {m.iva}
            </label>
            {lines.length > 1 ? (
              <button
                type="button"
                className="btn btn-danger-quiet"
                onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
              >
                {m.removeLine(i + 1)}
              </button>
            ) : null}
          </fieldset>
        ))}
        <div className="flex flex-wrap justify-between gap-2 sm:col-span-3">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setLines((ls) => [...ls, emptyLine()])}
          >
            {m.addLine}
          </button>
          <button type="submit" className="btn btn-primary" disabled={issue.isPending || !issuer}>
            {issue.isPending ? m.issuing : m.issue}
          </button>
        </div>
      </form>
      <ErrorAlert error={issue.error} className="mt-3" />
      {issue.isSuccess ? <p className="mt-3 text-sm text-emerald-800">{m.issued}</p> : null}
    </section>
  );
}
