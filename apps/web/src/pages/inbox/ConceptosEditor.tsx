import type { InvoiceConcepto } from '@boveda/contracts';
import { useI18n } from '../../i18n/i18n.js';

const emptyConcepto = (): InvoiceConcepto => ({
  claveProdServ: null,
  cantidad: '1',
  claveUnidad: null,
  descripcion: '',
  valorUnitario: null,
  importe: null,
  descuento: null,
});

type Column = Exclude<keyof InvoiceConcepto, 'descuento'>;
const COLUMNS: { key: Column; numeric?: boolean; width: string }[] = [
  { key: 'claveProdServ', width: 'min-w-28' },
  { key: 'cantidad', numeric: true, width: 'min-w-20' },
  { key: 'claveUnidad', width: 'min-w-16' },
  { key: 'descripcion', width: 'min-w-56' },
  { key: 'valorUnitario', numeric: true, width: 'min-w-28' },
  { key: 'importe', numeric: true, width: 'min-w-28' },
];

/** The conceptos as rows a person can correct, add or remove (read-only once decided). */
export function ConceptosEditor({
  conceptos,
  editable,
  onChange,
}: {
  conceptos: InvoiceConcepto[];
  editable: boolean;
  onChange(conceptos: InvoiceConcepto[]): void;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  const headers: Record<Column, string> = {
    claveProdServ: m.cClave,
    cantidad: m.cCantidad,
    claveUnidad: m.cUnidad,
    descripcion: m.cDescripcion,
    valorUnitario: m.cValorUnitario,
    importe: m.cImporte,
  };
  const set = (i: number, key: Column, value: string) =>
    onChange(
      conceptos.map((c, j) =>
        j === i ? { ...c, [key]: key === 'descripcion' ? value : value === '' ? null : value } : c,
      ),
    );

  return (
    <section aria-labelledby="invoice-conceptos-title" className="card overflow-hidden">
      <div className="px-4 pt-4 pb-2">
        <h3 id="invoice-conceptos-title" className="text-sm font-semibold">
          {m.conceptosTitle}
        </h3>
      </div>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{m.conceptosCaption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'text-right' : undefined}>
                  {headers[c.key]}
                </th>
              ))}
              {editable ? (
                <th scope="col">
                  <span className="sr-only">{m.conceptoRemove(0)}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {conceptos.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length + (editable ? 1 : 0)} className="text-sm text-slate-500">
                  {m.noConceptos}
                </td>
              </tr>
            ) : null}
            {conceptos
              .map((concepto, i) => ({ concepto, n: i + 1 }))
              .map(({ concepto, n }) => (
                <tr key={n} data-concepto-row={n}>
                  {COLUMNS.map((c) => {
                    const value = concepto[c.key] ?? '';
                    return editable ? (
                      <td key={c.key}>
                        <input
                          className={`input py-1 ${c.width} ${c.numeric ? 'text-right font-mono' : ''}`}
                          aria-label={m.conceptoCell(headers[c.key], n)}
                          value={value}
                          inputMode={c.numeric ? 'decimal' : undefined}
                          onChange={(e) => set(n - 1, c.key, e.target.value)}
                        />
                      </td>
                    ) : (
                      <td
                        key={c.key}
                        className={
                          c.numeric
                            ? 'text-right font-mono'
                            : c.key === 'descripcion'
                              ? 'max-w-72'
                              : 'font-mono text-xs'
                        }
                      >
                        {value || '—'}
                      </td>
                    );
                  })}
                  {editable ? (
                    <td className="text-right">
                      <button
                        type="button"
                        className="btn btn-danger-quiet"
                        aria-label={m.conceptoRemove(n)}
                        onClick={() => onChange(conceptos.filter((_, j) => j !== n - 1))}
                      >
                        ✕
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div className="px-4 py-3">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => onChange([...conceptos, emptyConcepto()])}
          >
            {m.conceptoAdd}
          </button>
        </div>
      ) : null}
    </section>
  );
}
