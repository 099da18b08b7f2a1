import { roleAtLeast } from '@boveda/contracts';
import { useCallback, useMemo, useState } from 'react';
import { metadataExportUrl } from '../../api/client.js';
import { useMetadataSearch, useMetadataTotals } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { useSearchState } from '../../lib/search-state.js';
import { CfdiDrawer } from '../cfdi/CfdiDrawer.js';
import { CfdiFiltersForm } from '../cfdi/CfdiFiltersForm.js';
import { CfdiSearchBox } from '../cfdi/CfdiSearchBox.js';
import { metadataSearch } from '../cfdi/cfdi-search.js';
import { VirtualTable } from '../cfdi/VirtualTable.js';
import { MetadataRow } from './MetadataRow.js';
import { missingOnlySearch } from './metadata-view.js';
import { ReconciliationTable } from './ReconciliationTable.js';
import { RequestMissingXml } from './RequestMissingXml.js';

const ROW_HEIGHT = 52;

/**
 * `/metadatos`: the SAT's metadata rows with the explorer's filters (kept in the URL), the toggle
 * "Solo sin XML", the search's counts, a reconciliation of the taxpayer's year against the vault,
 * and the one-click request of the missing XML (folio requests, members and up).
 */
export function MetadataPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.metadata;
  const [filters, setFilters] = useSearchState(metadataSearch);
  const [{ missingXml }, setMissingOnly] = useSearchState(missingOnlySearch);
  const search = useMemo(
    () => ({ ...metadataSearch.nonDefault(filters), ...(missingXml ? { missingXml } : {}) }),
    [filters, missingXml],
  );
  const results = useMetadataSearch(search);
  const totals = useMetadataTotals(search);
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const [open, setOpen] = useState<string | null>(null);
  // Filing SAT requests is for members and up, as on the taxpayer's page.
  const canRequest = roleAtLeast(myRole, 'member');

  return (
    <Page title={m.title} intro={m.intro}>
      <CfdiSearchBox
        value={filters.q}
        texts={m.search}
        onApply={(q) => setFilters((current) => ({ ...current, q }))}
      />
      <CfdiFiltersForm schema={metadataSearch} value={filters} onApply={setFilters} efectoLabel={m.efecto} />
      <ReconciliationTable rfc={filters.rfc} direction={filters.direction} />
      <section aria-label={m.tableCaption} className="card overflow-hidden">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <label className="flex items-center gap-2 text-sm font-medium" title={m.missingOnlyHint}>
              <input
                type="checkbox"
                checked={missingXml === 'true'}
                onChange={(e) => setMissingOnly({ missingXml: e.target.checked ? 'true' : undefined })}
              />
              {m.missingOnly}
            </label>
            <p className="text-sm text-slate-600" aria-live="polite">
              {results.isPending ? t.app.loading : m.shown(items.length, hasNextPage)}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <a className="btn btn-secondary" href={metadataExportUrl(search, 'csv')} download>
              {m.exportCsv}
            </a>
            <a className="btn btn-secondary" href={metadataExportUrl(search, 'xlsx')} download>
              {m.exportXlsx}
            </a>
          </div>
        </div>
        {totals.data ? (
          <p
            title={m.totalsLabel}
            className="border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm font-medium text-slate-700"
          >
            {m.found(totals.data.count, totals.data.cancelled, totals.data.missingXml)}
          </p>
        ) : null}
        {canRequest ? (
          <div className="border-b border-slate-200 px-4 py-3">
            {filters.rfc ? (
              <RequestMissingXml
                rfc={filters.rfc}
                direction={filters.direction}
                from={filters.from}
                to={filters.to}
              />
            ) : (
              <p className="text-sm text-slate-500">{m.requestNeedsRfc}</p>
            )}
          </div>
        ) : null}
        <ErrorAlert error={results.error} className="m-4" />
        {!results.isPending && items.length === 0 && !results.error ? (
          <p className="p-4 text-sm text-slate-500">{missingXml ? m.emptyMissing : m.empty}</p>
        ) : (
          <VirtualTable
            items={items}
            rowKey={(item) => item.uuid}
            rowHeight={ROW_HEIGHT}
            height={560}
            columns={7}
            caption={m.tableCaption}
            onNearEnd={loadMore}
            head={
              <tr>
                <th scope="col">{m.colDate}</th>
                <th scope="col">{m.colEfecto}</th>
                <th scope="col">{m.colEmisor}</th>
                <th scope="col">{m.colReceptor}</th>
                <th scope="col" className="text-right">
                  {m.colMonto}
                </th>
                <th scope="col">{m.colStatus}</th>
                <th scope="col">{m.colXml}</th>
              </tr>
            }
            renderRow={(item) => <MetadataRow item={item} onOpen={setOpen} />}
          />
        )}
        {isFetchingNextPage ? <p className="px-4 py-2 text-sm text-slate-500">{m.loadingMore}</p> : null}
      </section>
      <CfdiDrawer uuid={open} onClose={() => setOpen(null)} onOpen={setOpen} />
    </Page>
  );
}
