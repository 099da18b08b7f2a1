import { catalogName, satCatalogs } from '@boveda/contracts';
import type { MouseEvent } from 'react';
import type { CfdiDetail } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { cfdiSearch } from './cfdi-search.js';
import { LineTable } from './LineTable.js';
import { addMoney, formatMoney } from './money.js';

type Payment = CfdiDetail['payments'][number];

/**
 * What a payment CFDI (tipo P) is about: its total is 0 in currency XXX by rule, so the money is in
 * its Pagos. Each currency's amount paid, added exactly; without Pagos, nothing.
 */
export function paidTotals(payments: Payment[]): { moneda: string; monto: string }[] {
  const byMoneda = new Map<string, string[]>();
  for (const p of payments) {
    if (p.monto === null) continue;
    const moneda = p.moneda ?? '—';
    byMoneda.set(moneda, [...(byMoneda.get(moneda) ?? []), p.monto]);
  }
  return [...byMoneda].map(([moneda, montos]) => ({ moneda, monto: addMoney(montos) }));
}

/**
 * "Pagos": each Pago (date, form, currency, amount) and the documents it settles, each UUID a link
 * to that CFDI when the vault has it (`onOpen` shows it in the same drawer; a new tab opens the
 * explorer searching for it).
 */
export function PaymentSection({
  payments,
  onOpen,
}: {
  payments: Payment[];
  onOpen?: ((uuid: string) => void) | undefined;
}) {
  const { t, localDateTime } = useI18n();
  const c = t.cfdi;
  if (payments.length === 0) return null;
  const open = (uuid: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (!onOpen || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(uuid);
  };
  return (
    <section aria-labelledby="cfdi-pagos" className="space-y-4">
      <h3 id="cfdi-pagos" className="text-base font-semibold">
        {c.pagos}
      </h3>
      {payments.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a Pago has no identity besides its position
        <div key={i} className="space-y-2 rounded-md border border-slate-200 p-3">
          <p className="text-sm font-medium">
            {c.pagoHeading(i + 1, p.fechaPago ? localDateTime(p.fechaPago, { seconds: true }) : null)}{' '}
            <span className="text-xs font-normal text-slate-500">{c.pagoVersion(p.version)}</span>
          </p>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{c.formaPago}</dt>
            <dd>{catalogName(satCatalogs.c_FormaPago, p.formaPago)}</dd>
            <dt className="text-slate-500">{c.moneda}</dt>
            <dd>
              {p.tipoCambio ? `${p.moneda ?? '—'} · ${c.tipoCambio} ${p.tipoCambio}` : (p.moneda ?? '—')}
            </dd>
            <dt className="text-slate-500">{c.pagoMonto}</dt>
            <dd className="font-mono font-semibold">
              {formatMoney(p.monto)} {p.moneda ?? ''}
            </dd>
          </dl>
          <LineTable
            title={c.paidDocuments}
            empty={c.noPaidDocuments}
            columns={[
              { label: c.colDocumento, cellClassName: 'font-mono text-xs' },
              { label: c.colParcialidad, numeric: true },
              { label: c.colSaldoAnterior, numeric: true },
              { label: c.colPagado, numeric: true },
              { label: c.colSaldoInsoluto, numeric: true },
            ]}
            rows={p.documents.map((d) => [
              <span key="uuid" className="block min-w-44">
                {d.uuid && d.inVault ? (
                  <Link
                    to={href(paths.cfdi, {}, cfdiSearch.write({ q: d.uuid }))}
                    onClick={open(d.uuid)}
                    className="text-brand-700 underline underline-offset-2 break-all"
                    aria-label={c.openPaid(d.uuid)}
                  >
                    {d.uuid}
                  </Link>
                ) : (
                  <span className="break-all" title={d.uuid ? c.notInVault : undefined}>
                    {d.uuid ?? '—'}
                  </span>
                )}
                {d.serie || d.folio ? (
                  <span className="block font-sans text-slate-500">
                    {[d.serie, d.folio].filter(Boolean).join(' ')}
                  </span>
                ) : null}
              </span>,
              d.numParcialidad ?? '—',
              money(d.saldoAnterior, d.moneda),
              money(d.importePagado, d.moneda),
              money(d.saldoInsoluto, d.moneda),
            ])}
          />
        </div>
      ))}
    </section>
  );
}

const money = (v: string | null, moneda: string | null) =>
  v === null ? '—' : `${formatMoney(v)}${moneda ? ` ${moneda}` : ''}`;
