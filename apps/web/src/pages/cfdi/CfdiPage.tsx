import { CFDI_ZIP_MAX_SELECTED, roleAtLeast } from '@boveda/contracts';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { cfdiExportUrl, cfdiZipUrl } from '../../api/client.js';
import { useCfdiSearch, useCfdiTotals } from '../../api/queries.js';
import type { CfdiItem, CfdiTotals } from '../../api/types.js';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { PageProps } from '../../lib/route-table.js';
import { useSearchState } from '../../lib/search-state.js';
import { ExportToConnector } from '../connectors/ExportToConnector.js';
import { useSelection } from '../connectors/use-selection.js';
import { CfdiDrawer } from './CfdiDrawer.js';
import { CfdiFiltersForm } from './CfdiFiltersForm.js';
import { CfdiSearchBox } from './CfdiSearchBox.js';
import type { CfdiStatus } from './cfdi-enums.js';
import { cfdiSearch, cfdiViewSearch, cfdiViews } from './cfdi-search.js';
import { formatMoney } from './money.js';
import { VirtualTable } from './VirtualTable.js';
import { YearChart } from './YearChart.js';

const ROW_HEIGHT = 52;

/** A cancelled CFDI no longer counts: red, like every other state a person must not overlook. */
const statusTones = { vigente: 'neutral', cancelado: 'danger', unknown: 'neutral' } satisfies Record<
  CfdiStatus,
  BadgeTone
>;
const statusTone = (status: string) => lookup(statusTones, status) ?? 'neutral';

/**
 * `/cfdi`: filters, a windowed table of every matching CFDI, its detail, exports and the year chart.
 * The filters, the open view and the chart's year are in the URL (`cfdi-search.ts`): a search can
 * be bookmarked, shared, reloaded and reached again with Back.
 */
export function CfdiPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const c = t.cfdi;
  const [{ vista: tab }, setView] = useSearchState(cfdiViewSearch);
  const [filters, setFilters] = useSearchState(cfdiSearch);
  // The API is told only what differs from its own defaults, like the URL.
  const search = useMemo(() => cfdiSearch.nonDefault(filters), [filters]);
  const [open, setOpen] = useState<string | null>(null);
  const results = useCfdiSearch(search);
  const totals = useCfdiTotals(search);
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  // "Exportar a…" runs a connector, which the server lets members do.
  const canExport = roleAtLeast(myRole, 'member');
  // Anyone who can read the vault can take selected rows as a ZIP; only members export to a connector.
  const selection = useSelection(items.map((i) => i.uuid));
  const [withPdf, setWithPdf] = useState(false);
  const tooManySelected = selection.ids.length > CFDI_ZIP_MAX_SELECTED;
  const nameOf = (item: CfdiItem) => [item.serie, item.folio].filter(Boolean).join(' ') || item.uuid;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // A search box query with exactly one CFDI (a pasted UUID, a serie-folio) opens it at once, once:
  // closing the drawer leaves the result on screen.
  const [openedFor, setOpenedFor] = useState<string | undefined>();
  const only = filters.q && results.isSuccess && !hasNextPage && items.length === 1 ? items[0] : undefined;
  if (only && openedFor !== `${search.q}|${only.uuid}`) {
    setOpenedFor(`${search.q}|${only.uuid}`);
    setOpen(only.uuid);
  }

  return (
    <Page title={c.title} intro={c.intro}>
      <CfdiSearchBox value={filters.q} onApply={(q) => setFilters((current) => ({ ...current, q }))} />
      <CfdiFiltersForm schema={cfdiSearch} value={filters} onApply={setFilters} />
      <div role="tablist" aria-label={c.title} className="flex gap-2">
        {cfdiViews.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`cfdi-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`cfdi-panel-${id}`}
            className={`btn ${tab === id ? 'btn-primary' : 'btn-secondary'}`}
            onClick={() => setView({ vista: id })}
          >
            {id === 'explorador' ? c.tabExplorer : c.tabChart}
          </button>
        ))}
      </div>
      {tab === 'grafica' ? (
        <div role="tabpanel" id="cfdi-panel-grafica" aria-labelledby="cfdi-tab-grafica">
          <YearChart rfc={search.rfc} />
        </div>
      ) : (
        <section
          role="tabpanel"
          id="cfdi-panel-explorador"
          aria-labelledby="cfdi-tab-explorador"
          className="card overflow-hidden"
        >
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-600" aria-live="polite">
              {results.isPending ? t.app.loading : c.shown(items.length, hasNextPage)}
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <a className="btn btn-secondary" href={cfdiExportUrl(search, 'csv')} download>
                {c.exportCsv}
              </a>
              <a className="btn btn-secondary" href={cfdiExportUrl(search, 'xlsx')} download>
                {c.exportXlsx}
              </a>
              <a
                className="btn btn-secondary"
                href={cfdiZipUrl(search, { pdf: withPdf })}
                title={c.downloadZipHint}
                download
              >
                {c.downloadZip}
              </a>
              {selection.ids.length > 0 && !tooManySelected ? (
                <a
                  className="btn btn-secondary"
                  href={cfdiZipUrl(search, { uuids: selection.ids, pdf: withPdf })}
                  download
                >
                  {c.downloadZipSelected(selection.ids.length)}
                </a>
              ) : null}
              <label className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" checked={withPdf} onChange={(e) => setWithPdf(e.target.checked)} />
                {c.includePdf}
              </label>
            </div>
          </div>
          {tooManySelected ? (
            <p role="status" className="border-b border-slate-200 px-4 py-2 text-sm text-amber-700">
              {c.downloadZipTooMany(CFDI_ZIP_MAX_SELECTED)}
            </p>
          ) : null}
          {canExport ? (
            <ExportToConnector
              kind="cfdi"
              selected={selection.ids}
              labelOf={(uuid) => {
                const item = items.find((i) => i.uuid === uuid);
                return item ? `${nameOf(item)} · ${uuid}` : uuid;
              }}
            />
          ) : null}
          {totals.data && totals.data.count + totals.data.cancelled > 0 ? (
            <SearchTotals totals={totals.data} />
          ) : null}
          <ErrorAlert error={results.error} className="m-4" />
          {!results.isPending && items.length === 0 && !results.error ? (
            <p className="p-4 text-sm text-slate-500">{c.empty}</p>
          ) : (
            <VirtualTable
              items={items}
              rowKey={(item) => item.uuid}
              rowHeight={ROW_HEIGHT}
              height={560}
              columns={8}
              caption={c.tableCaption}
              onNearEnd={loadMore}
              head={
                <tr>
                  <th scope="col">{selection.allBox}</th>
                  <th scope="col">{c.colDate}</th>
                  <th scope="col">{c.colTipo}</th>
                  <th scope="col">{c.colSerieFolio}</th>
                  <th scope="col">{c.colEmisor}</th>
                  <th scope="col">{c.colReceptor}</th>
                  <th scope="col" className="text-right">
                    {c.colTotal}
                  </th>
                  <th scope="col">{c.colStatus}</th>
                </tr>
              }
              renderRow={(item) => (
                <RowCells item={item} onOpen={setOpen} select={selection.box(item.uuid, nameOf(item))} />
              )}
            />
          )}
          {isFetchingNextPage ? <p className="px-4 py-2 text-sm text-slate-500">{c.loadingMore}</p> : null}
        </section>
      )}
      <CfdiDrawer uuid={open} onClose={() => setOpen(null)} onOpen={setOpen} />
    </Page>
  );
}

/** What the whole search adds up to, whatever part of it is loaded in the table. */
function SearchTotals({ totals }: { totals: CfdiTotals }) {
  const { t } = useI18n();
  const c = t.cfdi;
  const figures = [
    [c.totalsSubtotal, totals.net.subtotal],
    [c.totalsIva, totals.net.iva],
    [c.totalsTotal, totals.net.total],
  ] as const;
  return (
    <section aria-label={c.totalsLabel} className="border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm">
      <p className="font-medium text-slate-700">{c.totalsFound(totals.count, totals.cancelled)}</p>
      <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1" title={c.totalsNetHint}>
        {figures.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-mono tabular-nums">{formatMoney(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RowCells({
  item,
  onOpen,
  select,
}: {
  item: CfdiItem;
  onOpen(uuid: string): void;
  select: ReactNode;
}) {
  const { t, localDateTime } = useI18n();
  const c = t.cfdi;
  const party = (rfc: string | null, name: string | null) => (
    <td className="max-w-64" title={name ?? undefined}>
      <span className="font-mono text-xs">{rfc ?? '—'}</span>
      {name ? <span className="block truncate text-xs text-slate-500">{name}</span> : null}
    </td>
  );
  return (
    <>
      {select ? <td>{select}</td> : null}
      <td className="whitespace-nowrap">
        <button
          type="button"
          className="font-mono text-xs text-brand-700 underline underline-offset-2"
          aria-label={c.open(item.uuid)}
          onClick={() => onOpen(item.uuid)}
        >
          {item.issuedAt ? localDateTime(item.issuedAt) : '—'}
        </button>
      </td>
      <td title={item.tipo ? lookup(c.tipos, item.tipo) : undefined}>{item.tipo ?? '—'}</td>
      <td className="max-w-32 truncate">{[item.serie, item.folio].filter(Boolean).join(' ') || '—'}</td>
      {party(item.emisorRfc, item.emisorNombre)}
      {party(item.receptorRfc, item.receptorNombre)}
      <td className="text-right font-mono whitespace-nowrap">
        <Amount item={item} paidLabel={c.paidAmount} />
      </td>
      <td>
        <Badge tone={statusTone(item.status)}>{lookup(c.statuses, item.status) ?? item.status}</Badge>
      </td>
    </>
  );
}

/**
 * The amount column: a payment (tipo P) is 0 XXX by rule, so it shows what its Pagos received, in
 * their currency ("varias" when more than one), marked as paid.
 */
function Amount({ item, paidLabel }: { item: CfdiItem; paidLabel: string }) {
  const [amount, currency] = item.paid
    ? [item.paid.total, item.paid.moneda ?? '…']
    : [item.total, item.moneda && item.moneda !== 'MXN' ? item.moneda : null];
  return (
    <span title={item.paid ? paidLabel : undefined}>
      {formatMoney(amount)}
      {currency && currency !== 'MXN' ? (
        <span className="ml-1 text-xs text-slate-500">{currency}</span>
      ) : null}
      {item.paid ? <span className="ml-1 text-xs text-slate-500">({paidLabel})</span> : null}
    </span>
  );
}
