import { roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { useSearchState } from '../../lib/search-state.js';
import {
  type CatalogEntry,
  type CatalogImportResult,
  type CatalogKind,
  useCatalog,
  useCreateCatalogEntry,
  useImportCatalog,
  useSuggestionStats,
  useUpdateCatalogEntry,
} from './catalog-api.js';
import { catalogSearch } from './catalog-search.js';

/**
 * `/catalogo-contable`: the organization's categories and accounts (list, add, rename, deactivate,
 * import a CSV) and how the inbox's suggestions are doing (offered, accepted, dismissed).
 */
export function CatalogPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.catalog;
  const canWrite = roleAtLeast(myRole, 'member');
  // In the URL: a reload or a shared link opens the same list; typing replaces the entry, not adds one.
  const [filters, setFilters] = useSearchState(catalogSearch);
  const list = useCatalog(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.kind || filters.q || filters.active !== 'true');
  const columns = useColumns(canWrite);

  return (
    <Page title={m.title} intro={m.intro}>
      {canWrite ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <NewEntry />
          <ImportCsv />
        </div>
      ) : (
        <RoleNotice text={m.viewerNotice} />
      )}
      <section aria-labelledby="catalog-title" className="card overflow-hidden">
        <h2 id="catalog-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.tableCaption}
        </h2>
        <form
          className="grid gap-3 border-b border-slate-200 p-4 md:grid-cols-3"
          onSubmit={(e) => e.preventDefault()}
        >
          <Field id="catalog-kind" label={m.filterKind}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={filters.kind ?? ''}
                onChange={(e) =>
                  setFilters({ ...filters, kind: (e.target.value || undefined) as CatalogKind | undefined })
                }
              >
                <option value="">{m.filterAllKinds}</option>
                <option value="category">{m.kindsPlural.category}</option>
                <option value="account">{m.kindsPlural.account}</option>
              </select>
            )}
          </Field>
          <Field id="catalog-active" label={m.filterActive}>
            {(c) => (
              <select
                {...c}
                className="input"
                value={filters.active ?? 'true'}
                onChange={(e) =>
                  setFilters({ ...filters, active: e.target.value as 'true' | 'false' | 'all' })
                }
              >
                {(['true', 'false', 'all'] as const).map((k) => (
                  <option key={k} value={k}>
                    {m.activeOptions[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="catalog-q" label={m.search}>
            {(c) => (
              <input
                {...c}
                className="input"
                type="search"
                maxLength={200}
                defaultValue={filters.q ?? ''}
                onChange={(e) =>
                  setFilters({ ...filters, q: e.target.value.trim() || undefined }, { replace: true })
                }
              />
            )}
          </Field>
        </form>
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'data-catalog-code': row.code })}
          loading={list.isPending}
          empty={filtered ? m.emptyFiltered : m.empty}
          error={list.error}
          onRetry={() => void list.refetch()}
          more={moreOf(list, m.noMore)}
        />
      </section>
      <SuggestionStatsCard />
    </Page>
  );
}

function NewEntry() {
  const { t } = useI18n();
  const m = t.catalog;
  const create = useCreateCatalogEntry();
  const [kind, setKind] = useState<CatalogKind>('category');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [satCode, setSatCode] = useState('');
  const [done, setDone] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    create.mutate(
      { kind, code: code.trim(), name: name.trim(), ...(satCode.trim() ? { satCode: satCode.trim() } : {}) },
      {
        onSuccess: (e) => {
          setDone(m.created(e.code));
          setCode('');
          setName('');
          setSatCode('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="catalog-new-title" className="card p-5">
      <h2 id="catalog-new-title" className="text-base font-semibold">
        {m.newTitle}
      </h2>
      <form className="mt-3 grid gap-3 sm:grid-cols-2" onSubmit={onSubmit} noValidate>
        <Field id="catalog-new-kind" label={m.colKind}>
          {(c) => (
            <select
              {...c}
              className="input"
              value={kind}
              onChange={(e) => setKind(e.target.value as CatalogKind)}
            >
              <option value="category">{m.kinds.category}</option>
              <option value="account">{m.kinds.account}</option>
            </select>
          )}
        </Field>
        <Field id="catalog-new-code" label={m.code} hint={m.codeHint}>
          {(c) => (
            <input
              {...c}
              className="input"
              required
              maxLength={50}
              autoComplete="off"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field id="catalog-new-name" label={m.name}>
          {(c) => (
            <input
              {...c}
              className="input"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        {kind === 'account' ? (
          <Field id="catalog-new-sat" label={m.satCode} hint={m.satCodeHint} optional>
            {(c) => (
              <input
                {...c}
                className="input"
                maxLength={20}
                inputMode="decimal"
                value={satCode}
                onChange={(e) => setSatCode(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <div className="sm:col-span-2 space-y-2">
          <ErrorAlert error={create.error} />
          {done ? (
            <p role="status" className="text-sm text-slate-700">
              {done}
            </p>
          ) : null}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={create.isPending || !code.trim() || !name.trim()}
          >
            {create.isPending ? m.creating : m.create}
          </button>
        </div>
      </form>
    </section>
  );
}

function ImportCsv() {
  const { t } = useI18n();
  const m = t.catalog;
  const run = useImportCatalog();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CatalogImportResult | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    run.mutate(file, { onSuccess: setResult });
  }

  return (
    <section aria-labelledby="catalog-import-title" className="card p-5">
      <h2 id="catalog-import-title" className="text-base font-semibold">
        {m.importTitle}
      </h2>
      <p className="hint mt-1">{m.importIntro}</p>
      <form className="mt-3 space-y-3" onSubmit={onSubmit}>
        <Field id="catalog-import-file" label={m.importFile}>
          {(c) => (
            <input
              {...c}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <ErrorAlert error={run.error} />
        <button type="submit" className="btn btn-secondary" disabled={!file || run.isPending}>
          {run.isPending ? m.importing : m.importButton}
        </button>
      </form>
      {result ? (
        <div role="status" className="mt-3 space-y-1 text-sm" data-testid="catalog-import-result">
          <p>{m.importResult(result.created, result.updated, result.unchanged)}</p>
          {result.rejected.length > 0 ? (
            <>
              <p className="font-medium text-amber-900">{m.importRejected(result.rejected.length)}</p>
              <ul className="list-disc pl-5 text-amber-900">
                {result.rejected.map((r) => (
                  <li key={r.line}>
                    {m.importLine(r.line)}: {m.rejectionReasons[r.code]}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function EntryActions({ entry }: { entry: CatalogEntry }) {
  const { t } = useI18n();
  const m = t.catalog;
  const update = useUpdateCatalogEntry();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(entry.name);
  if (editing)
    return (
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { id: entry.id, body: { name: name.trim() } },
            { onSuccess: () => setEditing(false) },
          );
        }}
      >
        <label className="sr-only" htmlFor={`catalog-name-${entry.id}`}>
          {m.name}
        </label>
        <input
          id={`catalog-name-${entry.id}`}
          className="input py-1"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={update.isPending || !name.trim()}>
          {update.isPending ? m.saving : m.save}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setEditing(false)}>
          {m.cancel}
        </button>
        <ErrorAlert error={update.error} />
      </form>
    );
  return (
    <span className="flex flex-wrap gap-2">
      <button
        type="button"
        className="btn btn-secondary"
        aria-label={`${m.edit} ${entry.code}`}
        onClick={() => setEditing(true)}
      >
        {m.edit}
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={update.isPending}
        aria-label={`${entry.active ? m.deactivate : m.activate} ${entry.code}`}
        onClick={() => update.mutate({ id: entry.id, body: { active: !entry.active } })}
      >
        {entry.active ? m.deactivate : m.activate}
      </button>
      <ErrorAlert error={update.error} />
    </span>
  );
}

function useColumns(canWrite: boolean): Column<CatalogEntry>[] {
  const { t } = useI18n();
  const m = t.catalog;
  const columns: Column<CatalogEntry>[] = [
    {
      id: 'code',
      header: m.colCode,
      rowHeader: true,
      className: 'font-mono text-xs',
      cell: (row) => row.code,
    },
    { id: 'name', header: m.colName, cell: (row) => row.name },
    { id: 'kind', header: m.colKind, cell: (row) => m.kinds[row.kind] },
    { id: 'sat', header: m.colSatCode, className: 'font-mono text-xs', cell: (row) => row.satCode ?? '—' },
    {
      id: 'status',
      header: m.colStatus,
      cell: (row) =>
        row.active ? (
          <Badge tone="success">{m.active}</Badge>
        ) : (
          <Badge data-state="inactive">{m.inactive}</Badge>
        ),
    },
  ];
  if (canWrite)
    columns.push({
      id: 'actions',
      header: m.colActions,
      cell: (row) => <EntryActions key={row.id} entry={row} />,
    });
  return columns;
}

function SuggestionStatsCard() {
  const { t, number } = useI18n();
  const m = t.catalog;
  const stats = useSuggestionStats();
  const data = stats.data;
  return (
    <section aria-labelledby="suggestion-stats-title" className="card overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="suggestion-stats-title" className="text-base font-semibold">
          {m.statsTitle}
        </h2>
        <p className="hint">{m.statsIntro}</p>
      </div>
      <DataTable
        caption={m.statsCaption}
        columns={[
          {
            id: 'kind',
            header: m.colSuggestionKind,
            rowHeader: true,
            cell: (r) => m.suggestionKinds[r.kind],
          },
          { id: 'offered', header: m.colOffered, align: 'right', cell: (r) => number(r.offered) },
          { id: 'accepted', header: m.colAccepted, align: 'right', cell: (r) => number(r.accepted) },
          { id: 'dismissed', header: m.colDismissed, align: 'right', cell: (r) => number(r.dismissed) },
        ]}
        rows={data?.items ?? []}
        rowKey={(r) => r.kind}
        loading={stats.isPending}
        empty={m.noDecisions}
        error={stats.error}
        onRetry={() => void stats.refetch()}
      />
      {data ? (
        <p className="px-4 py-3 text-sm text-slate-700" data-testid="acceptance-rate">
          {data.acceptanceRate === null
            ? m.noDecisions
            : m.acceptanceRate(`${number(Math.round(data.acceptanceRate * 100))} %`)}
        </p>
      ) : null}
      {data?.bySource && data.bySource.llm.offered > 0 ? (
        <p className="px-4 pb-3 text-sm text-slate-700" data-testid="suggestions-by-source">
          {m.bySource(
            m.bySourceCounts(
              number(data.bySource.rules.offered),
              number(data.bySource.rules.accepted),
              number(data.bySource.rules.dismissed),
            ),
            m.bySourceCounts(
              number(data.bySource.llm.offered),
              number(data.bySource.llm.accepted),
              number(data.bySource.llm.dismissed),
            ),
          )}
        </p>
      ) : null}
    </section>
  );
}
