import { catalogName, type SatCatalog, satCatalogs } from '@boveda/contracts';
import type { CfdiDetail } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { LineTable } from './LineTable.js';
import { formatMoney } from './money.js';

type Nomina = NonNullable<CfdiDetail['nomina']>;
type Line = Nomina['percepciones'][number];

/** "Nómina": the period, each perception, deduction and other payment with its SAT type, and the net. */
export function NominaSection({ nomina }: { nomina: Nomina }) {
  const { t } = useI18n();
  const c = t.cfdi;
  const period = [nomina.fechaInicialPago, nomina.fechaFinalPago].filter(Boolean).join(' – ');
  const facts: [string, string | null][] = [
    [c.tipoNomina, nomina.tipoNomina ? catalogName(satCatalogs.c_TipoNomina, nomina.tipoNomina) : null],
    [
      c.periodicidad,
      nomina.periodicidadPago ? catalogName(satCatalogs.c_PeriodicidadPago, nomina.periodicidadPago) : null,
    ],
    [c.pagoFecha, nomina.fechaPago],
    [c.periodo, period || null],
    [c.diasPagados, nomina.numDiasPagados],
  ];
  const lines = (title: string, empty: string, catalog: SatCatalog, items: Line[], split: boolean) => (
    <LineTable
      title={title}
      empty={empty}
      columns={[
        { label: c.colTipoSat },
        { label: c.colClave, cellClassName: 'font-mono text-xs' },
        { label: c.colConcepto },
        ...(split
          ? [
              { label: c.colGravado, numeric: true },
              { label: c.colExento, numeric: true },
            ]
          : []),
        { label: c.colImporte, numeric: true },
      ]}
      rows={items.map((l) => [
        catalogName(catalog, l.tipo),
        l.clave ?? '—',
        l.concepto ?? '—',
        ...(split ? [formatMoney(l.importeGravado), formatMoney(l.importeExento)] : []),
        formatMoney(l.importe),
      ])}
    />
  );
  return (
    <section aria-labelledby="cfdi-nomina" className="space-y-4">
      <h3 id="cfdi-nomina" className="text-base font-semibold">
        {c.nomina}
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {(
          [
            [c.percepciones, nomina.totalPercepciones],
            [c.otrosPagos, nomina.totalOtrosPagos],
            [c.deducciones, nomina.totalDeducciones],
            [c.neto, nomina.neto],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="rounded-md bg-slate-50 p-3">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-mono text-base font-semibold">{formatMoney(v)}</dd>
          </div>
        ))}
      </dl>
      {lines(c.percepciones, c.noPercepciones, satCatalogs.c_TipoPercepcion, nomina.percepciones, true)}
      {lines(c.deducciones, c.noDeducciones, satCatalogs.c_TipoDeduccion, nomina.deducciones, false)}
      {lines(c.otrosPagos, c.noOtrosPagos, satCatalogs.c_TipoOtroPago, nomina.otrosPagos, false)}
    </section>
  );
}
