import { catalogName, satCatalogs } from '@boveda/contracts';
import { useEffect, useId, useRef } from 'react';
import { cfdiPdfUrl, cfdiXmlUrl } from '../../api/client.js';
import { useCfdiDetail } from '../../api/queries.js';
import type { CfdiDetail } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { conceptosOf, taxLinesOf } from './document-view.js';
import { LineTable } from './LineTable.js';
import { formatMoney } from './money.js';
import { NominaSection } from './NominaSection.js';
import { PaymentSection, paidTotals } from './PaymentSection.js';

/**
 * The detail of one CFDI in a side panel (a native <dialog>: focus trapped, Escape closes). `onOpen`
 * shows another CFDI of the vault in its place (a document a payment settles).
 */
// The drawer shows a CFDI's times to the second, as the document and the SAT do.
const SECONDS = { seconds: true };

export function CfdiDrawer({
  uuid,
  onClose,
  onOpen,
}: {
  uuid: string | null;
  onClose(): void;
  onOpen?: (uuid: string) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const detail = useCfdiDetail(uuid);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Another CFDI opened from this one (a paid document) starts at its top.
    dialog.scrollTop = 0;
    if (uuid && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!uuid && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [uuid]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-2xl overflow-y-auto bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {t.cfdi.detailTitle}
        </h2>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
      <div className="space-y-6 p-5">
        <ErrorAlert error={detail.error} />
        {detail.isPending && uuid ? <p className="text-sm text-slate-500">{t.app.loading}</p> : null}
        {detail.data ? <CfdiDetailBody cfdi={detail.data} onOpen={onOpen} /> : null}
      </div>
    </dialog>
  );
}

/** What the drawer shows of one CFDI (exported for its tests). */
export function CfdiDetailBody({
  cfdi,
  onOpen,
}: {
  cfdi: CfdiDetail;
  onOpen?: ((uuid: string) => void) | undefined;
}) {
  const { t, localDateTime } = useI18n();
  const c = t.cfdi;
  const conceptos = conceptosOf(cfdi.document);
  const taxes = taxLinesOf(cfdi.document);
  const cat = satCatalogs;
  const named = (catalog: (typeof cat)[keyof typeof cat], code: string | null) =>
    code ? catalogName(catalog, code) : null;
  const isPayment = cfdi.tipo === 'P' && cfdi.payments.length > 0;
  const rows: [string, string | null][] = [
    [c.uuid, cfdi.uuid],
    [
      c.taxpayer,
      cfdi.taxpayer
        ? `${cfdi.taxpayer.rfc} · ${cfdi.taxpayer.direction === 'issued' ? c.issuedOne : c.receivedOne}`
        : c.taxpayerNone,
    ],
    [c.tipo, named(cat.c_TipoDeComprobante, cfdi.tipo)],
    [c.version, cfdi.version],
    [c.colSerieFolio, [cfdi.serie, cfdi.folio].filter(Boolean).join(' ') || null],
    [c.issuedAt, cfdi.issuedAt ? localDateTime(cfdi.issuedAt, SECONDS) : null],
    [c.certifiedAt, cfdi.certifiedAt ? localDateTime(cfdi.certifiedAt, SECONDS) : null],
    [c.emisor, [cfdi.emisorRfc, cfdi.emisorNombre].filter(Boolean).join(' · ')],
    [`${c.emisor} · ${c.regimen}`, named(cat.c_RegimenFiscal, cfdi.emisorRegimen)],
    [c.receptor, [cfdi.receptorRfc, cfdi.receptorNombre].filter(Boolean).join(' · ')],
    [`${c.receptor} · ${c.regimen}`, named(cat.c_RegimenFiscal, cfdi.receptorRegimen)],
    [c.usoCfdi, named(cat.c_UsoCFDI, cfdi.receptorUsoCfdi)],
    // A payment's Moneda is XXX by rule; each Pago says its own currency below.
    [
      c.moneda,
      isPayment
        ? null
        : cfdi.tipoCambio
          ? `${cfdi.moneda} · ${c.tipoCambio} ${cfdi.tipoCambio}`
          : cfdi.moneda,
    ],
    [c.metodoPago, named(cat.c_MetodoPago, cfdi.metodoPago)],
    [c.formaPago, named(cat.c_FormaPago, cfdi.formaPago)],
    [c.status, lookup(c.statuses, cfdi.status) ?? cfdi.status],
    [
      c.cancelledAt,
      cfdi.cancelledAt
        ? localDateTime(cfdi.cancelledAt, SECONDS)
        : cfdi.status === 'cancelado'
          ? c.cancelledAtUnknown
          : null,
    ],
    [c.complementos, cfdi.complementos.join(', ') || null],
  ];
  // A payment's own total is 0 XXX by rule: what it moved is in its Pagos.
  const paid = isPayment ? paidTotals(cfdi.payments) : [];
  const figures: (readonly [string, string | null])[] =
    paid.length > 0
      ? paid.map((p) => [c.paymentAmount(p.moneda), p.monto] as const)
      : [
          [c.subtotal, cfdi.subtotal],
          [c.descuento, cfdi.descuento],
          [c.total, cfdi.total],
        ];
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {cfdi.hasXml ? (
          <>
            <a className="btn btn-primary" href={cfdiXmlUrl(cfdi.uuid)} download={`${cfdi.uuid}.xml`}>
              {c.downloadXml}
            </a>
            <a className="btn btn-secondary" href={cfdiPdfUrl(cfdi.uuid)} download={`${cfdi.uuid}.pdf`}>
              {c.downloadPdf}
            </a>
          </>
        ) : (
          <p className="text-sm text-slate-500">{c.noXml}</p>
        )}
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
      </dl>
      {cfdi.related.length > 0 ? (
        <section aria-labelledby="cfdi-related">
          <h3 id="cfdi-related" className="mb-2 font-semibold">
            {c.related}
          </h3>
          <ul className="space-y-1 text-sm">
            {cfdi.related.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: relation groups have no identity besides their position
              <li key={i}>
                <span className="text-slate-500">
                  {c.tipoRelacion}: {catalogName(cat.c_TipoRelacion, r.tipoRelacion)}
                </span>
                <ul className="ml-4 font-mono text-xs">
                  {r.uuids.map((u) => (
                    <li key={u} className="break-all">
                      {r.inVault.includes(u) && onOpen ? (
                        <button
                          type="button"
                          className="text-brand-700 underline underline-offset-2"
                          aria-label={c.openPaid(u)}
                          onClick={() => onOpen(u)}
                        >
                          {u}
                        </button>
                      ) : (
                        u
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl className="grid grid-cols-3 gap-3 text-sm">
        {figures.map(([k, v]) => (
          <div key={k} className="rounded-md bg-slate-50 p-3">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-mono text-base font-semibold">{formatMoney(v)}</dd>
          </div>
        ))}
      </dl>
      <PaymentSection payments={cfdi.payments} onOpen={onOpen} />
      {cfdi.nomina ? <NominaSection nomina={cfdi.nomina} /> : null}
      <LineTable
        title={c.conceptos}
        empty={c.noConceptos}
        columns={[
          { label: c.colClave, cellClassName: 'font-mono text-xs' },
          { label: c.colDescripcion },
          { label: c.colCantidad, numeric: true },
          { label: c.colValorUnitario, numeric: true },
          { label: c.colImporte, numeric: true },
        ]}
        rows={conceptos.map((k) => [
          k.clave ?? '—',
          k.descripcion ?? '—',
          `${k.cantidad ?? '—'} ${k.unidad ?? ''}`.trim(),
          formatMoney(k.valorUnitario),
          formatMoney(k.importe),
        ])}
      />
      <LineTable
        title={c.taxes}
        empty={c.noTaxes}
        columns={[
          { label: c.colImpuesto },
          { label: c.colTasa, cellClassName: 'font-mono' },
          { label: c.colBase, numeric: true },
          { label: c.colImporte, numeric: true },
        ]}
        rows={taxes.map((x) => [
          `${x.impuesto} · ${x.kind === 'traslado' ? c.traslados : c.retenciones}`,
          x.tasa ?? '—',
          formatMoney(x.base),
          formatMoney(x.importe),
        ])}
      />
    </>
  );
}
