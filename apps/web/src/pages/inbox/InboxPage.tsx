import { fieldSources, type InvoiceStatus, invoiceStatuses, roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { FilterActions } from '../../components/FilterActions.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { type DraftOf, useSearchState } from '../../lib/search-state.js';
import { href, paths } from '../../paths.js';
import { formatMoney } from '../cfdi/money.js';
import { ExportToConnector } from '../connectors/ExportToConnector.js';
import { useSelection } from '../connectors/use-selection.js';
import { type InvoiceItem, invoiceExportUrl, useInvoiceSummary, useInvoices } from './inbox-api.js';
import { type InboxSearchValues, inboxSearch } from './inbox-search.js';
import { cfdiDate, failureText } from './invoice-fields.js';
import { StatusBadge } from './StatusBadge.js';
import { UploadZone } from './UploadZone.js';

/**
 * `/bandeja`: upload invoices, see them read in the background and pick the next one to validate.
 * Filters live in the URL; statuses and counts change through the live channel, without polling.
 */
export function InboxPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.inbox;
  const [filters, setFilters] = useSearchState(inboxSearch);
  const query = useMemo(() => inboxSearch.nonDefault(filters), [filters]);
  const list = useInvoices(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(query).length > 0;
  const canExport = roleAtLeast(myRole, 'member');
  // Only processed invoices can be exported to an ERP.
  const exportable = rows.filter((r) => r.status === 'processed');
  const selection = useSelection(exportable.map((r) => r.id));
  const baseColumns = useColumns();
  const columns = canExport
    ? [
        selection.column<InvoiceItem>(
          (r) => r.id,
          (r) => r.fileName,
          (r) => r.status === 'processed',
        ),
        ...baseColumns,
      ]
    : baseColumns;

  return (
    <Page title={m.title} intro={m.intro}>
      {roleAtLeast(myRole, 'member') ? <UploadZone /> : <RoleNotice text={m.viewerCannotUpload} />}
      <StatusChips current={filters.status} onPick={(status) => setFilters({ ...filters, status })} />
      <InboxFilters value={filters} onApply={setFilters} />
      <section aria-labelledby="inbox-list-title" className="card overflow-hidden">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <h2 id="inbox-list-title" className="text-base font-semibold">
            {m.tableCaption}
          </h2>
          <div className="flex gap-2">
            <a className="btn btn-secondary" href={invoiceExportUrl(query, 'csv')} download>
              {m.exportCsv}
            </a>
            <a className="btn btn-secondary" href={invoiceExportUrl(query, 'xlsx')} download>
              {m.exportXlsx}
            </a>
          </div>
        </div>
        {canExport ? (
          <ExportToConnector
            kind="invoice"
            selected={selection.ids}
            labelOf={(id) => rows.find((r) => r.id === id)?.fileName ?? id}
          />
        ) : null}
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'data-invoice-id': row.id, 'data-status': row.status })}
          loading={list.isPending}
          empty={filtered ? m.empty : m.emptyInbox}
          error={list.error}
          onRetry={() => void list.refetch()}
          more={moreOf(list, m.noMoreInvoices)}
        />
      </section>
    </Page>
  );
}

/** "Todas" and one chip per status with its count; a chip filters the list (and says so). */
function StatusChips({
  current,
  onPick,
}: {
  current: InvoiceStatus | undefined;
  onPick(status: InvoiceStatus | undefined): void;
}) {
  const { t, number } = useI18n();
  const m = t.inbox;
  const summary = useInvoiceSummary();
  const count = (n: number | undefined) => (summary.data && n !== undefined ? number(n) : '…');
  const chip = (status: InvoiceStatus | undefined, label: string, n: number | undefined) => (
    <li key={status ?? 'all'}>
      <button
        type="button"
        aria-pressed={current === status}
        data-count-status={status ?? 'all'}
        onClick={() => onPick(status)}
        className={`inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium ${
          current === status
            ? 'border-brand-700 bg-brand-700 text-white'
            : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'
        }`}
      >
        {label}
        <span
          data-testid={`count-${status ?? 'all'}`}
          className={`rounded-full px-1.5 text-xs tabular-nums ${current === status ? 'bg-white/20' : 'bg-slate-100'}`}
        >
          {count(n)}
        </span>
      </button>
    </li>
  );
  return (
    <nav aria-label={m.countsLabel}>
      <ul className="flex flex-wrap gap-2">
        {chip(undefined, m.all, summary.data?.total)}
        {invoiceStatuses.map((s) => chip(s, m.statuses[s], summary.data?.counts[s] ?? 0))}
      </ul>
    </nav>
  );
}

type Draft = DraftOf<typeof inboxSearch>;

/** A draft of the filters, applied on "Buscar"; follows the URL when it changes under it (Back, a link). */
function InboxFilters({
  value,
  onApply,
}: {
  value: InboxSearchValues;
  onApply(next: Partial<InboxSearchValues>): void;
}) {
  const { t } = useI18n();
  const m = t.inbox;
  const applied = inboxSearch.write(value).toString();
  const [draft, setDraft] = useState<Draft>(value);
  const [draftOf, setDraftOf] = useState(applied);
  const [invalid, setInvalid] = useState<string[]>([]);
  if (draftOf !== applied) {
    setDraftOf(applied);
    setDraft(value);
    setInvalid([]);
  }
  const control = (key: keyof Draft) => ({
    className: 'input',
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: e.target.value || undefined })),
  });
  const errorOf = (key: keyof Draft, text: string) => (invalid.includes(key) ? text : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = inboxSearch.validate(draft);
    setInvalid(checked.invalid);
    if (checked.invalid.length > 0) {
      document.getElementById(`inbox-${checked.invalid[0]}`)?.focus();
      return;
    }
    onApply(checked.values);
  }

  return (
    <section aria-labelledby="inbox-filters-title" className="card p-5">
      <h2 id="inbox-filters-title" className="text-base font-semibold">
        {m.filtersTitle}
      </h2>
      <form className="mt-3 grid gap-3 md:grid-cols-3 lg:grid-cols-5" onSubmit={onSubmit} noValidate>
        <Field id="inbox-q" label={m.q} hint={m.qHint}>
          {(field) => <input {...field} {...control('q')} type="search" autoComplete="off" maxLength={200} />}
        </Field>
        <Field id="inbox-rfc" label={m.rfc} error={errorOf('rfc', m.rfcInvalid)}>
          {(field) => <input {...field} {...control('rfc')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field id="inbox-from" label={m.from} error={errorOf('from', m.dateInvalid)}>
          {(field) => <input {...field} {...control('from')} type="date" />}
        </Field>
        <Field id="inbox-to" label={m.to} error={errorOf('to', m.dateInvalid)}>
          {(field) => <input {...field} {...control('to')} type="date" />}
        </Field>
        <Field id="inbox-source" label={m.source}>
          {(field) => (
            <select {...field} {...control('source')}>
              <option value="">{m.anySource}</option>
              {fieldSources.map((s) => (
                <option key={s} value={s}>
                  {m.sources[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FilterActions
          className="md:col-span-3 lg:col-span-5"
          applyLabel={m.apply}
          clearLabel={m.clear}
          onClear={() => {
            setDraft({});
            setInvalid([]);
            onApply({});
          }}
        />
      </form>
    </section>
  );
}

function useColumns(): Column<InvoiceItem>[] {
  const { t, dateTime } = useI18n();
  const m = t.inbox;
  const party = (rfc: string | null, name: string | null) => (
    <>
      <span className="font-mono text-xs">{rfc ?? '—'}</span>
      {name ? <span className="block max-w-40 truncate text-xs text-slate-500">{name}</span> : null}
    </>
  );
  return [
    {
      id: 'status',
      header: m.colStatus,
      cell: (row) => (
        <div className="w-32 space-y-1 whitespace-nowrap">
          <StatusBadge status={row.status} />
          {row.failure ? (
            <p className="text-xs whitespace-normal text-red-800" data-testid="failure">
              {failureText(row.failure, m)}
            </p>
          ) : null}
        </div>
      ),
    },
    {
      id: 'file',
      header: m.colFile,
      rowHeader: true,
      title: (row) => row.fileName,
      cell: (row) => (
        <div className="max-w-64">
          <Link
            to={href(paths.invoice, { id: row.id })}
            className="block truncate text-brand-700 underline-offset-2 hover:underline"
          >
            {row.fileName}
          </Link>
          <span className="block text-xs font-normal text-slate-500">
            {m.uploadedAt(dateTime(row.createdAt))}
          </span>
          <div className="mt-1 flex flex-wrap gap-1">
            {row.inVault ? (
              <Badge tone="success" title={m.inVaultHint} data-mark="in-vault">
                {m.inVault}
              </Badge>
            ) : null}
            {row.duplicateOf ? (
              <Badge tone="warning" icon="⚠" title={m.duplicateOfHint} data-mark="duplicate">
                {m.duplicateMark}
              </Badge>
            ) : null}
            {row.status === 'waiting_validation' && row.lowConfidenceFields.length > 0 ? (
              <span className="text-xs text-amber-800">{m.toReview(row.lowConfidenceFields.length)}</span>
            ) : null}
          </div>
        </div>
      ),
    },
    { id: 'emisor', header: m.colEmisor, cell: (row) => party(row.emisorRfc, row.emisorNombre) },
    { id: 'receptor', header: m.colReceptor, cell: (row) => party(row.receptorRfc, row.receptorNombre) },
    {
      id: 'total',
      header: m.colTotal,
      align: 'right',
      className: 'font-mono whitespace-nowrap',
      cell: (row) => (
        <>
          {formatMoney(row.total)}
          {row.moneda && row.moneda !== 'MXN' ? (
            <span className="ml-1 text-xs text-slate-500">{row.moneda}</span>
          ) : null}
        </>
      ),
    },
    {
      id: 'fecha',
      header: m.colFecha,
      className: 'whitespace-nowrap text-xs',
      // The day is what a list is scanned by; the time is in the tooltip and the validation view.
      title: (row) => cfdiDate(row.fecha),
      cell: (row) => row.fecha?.slice(0, 10) ?? '—',
    },
    {
      id: 'source',
      header: m.colSource,
      className: 'whitespace-nowrap',
      cell: (row) =>
        row.extraction ? (
          <Badge
            tone={row.extraction === 'xml' ? 'success' : 'neutral'}
            data-extraction={row.extraction}
            title={lookup(m.extractionHints, row.extraction)}
          >
            {lookup(m.extractions, row.extraction) ?? row.extraction}
          </Badge>
        ) : (
          '—'
        ),
    },
  ];
}
