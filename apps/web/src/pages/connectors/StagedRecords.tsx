import { recordStatuses } from '@boveda/contracts';
import { useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type StagedRecord,
  type StagedRecordFilters,
  useRecords,
  useReviewRecords,
} from './connectors-api.js';

/**
 * Registros importados: what pulls brought in, filtered by resource, status and external id;
 * admins select rows and accept them for import or ignore them. The payload opens under its row.
 */
export function StagedRecords({
  connectorId,
  resources,
  canReview,
}: {
  connectorId: string;
  resources: string[];
  canReview: boolean;
}) {
  const { t, dateTime } = useI18n();
  const m = t.connectors;
  const [filters, setFilters] = useState<StagedRecordFilters>({});
  const [q, setQ] = useState('');
  const records = useRecords(connectorId, filters);
  const review = useReviewRecords(connectorId);
  const rows = records.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const act = (action: 'accept' | 'ignore') =>
    review.mutate({ ids: [...selected], action }, { onSuccess: () => setSelected(new Set()) });

  const columns: Column<StagedRecord>[] = [
    ...(canReview
      ? [
          {
            id: 'select',
            header: (
              <input
                type="checkbox"
                aria-label={m.selectAll}
                checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
                onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.id) : []))}
              />
            ),
            cell: (r: StagedRecord) => (
              <input
                type="checkbox"
                aria-label={m.selectRecord(r.externalId)}
                checked={selected.has(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      id: 'ext',
      header: m.colExternalId,
      rowHeader: true,
      className: 'font-mono text-xs',
      cell: (r) => r.externalId,
    },
    {
      id: 'resource',
      header: m.resource,
      cell: (r) => (
        <>
          <span className="font-mono text-xs">{r.resource}</span>
          <span className="block text-xs text-slate-500">{m.kinds[r.kind]}</span>
        </>
      ),
    },
    {
      id: 'status',
      header: m.recordStatus,
      cell: (r) => (
        <Badge tone={r.status === 'accepted' ? 'success' : r.status === 'ignored' ? 'neutral' : 'info'}>
          {m.recordStatuses[r.status]}
        </Badge>
      ),
    },
    { id: 'action', header: m.colLastAction, cell: (r) => m.lastActions[r.lastAction] },
    {
      id: 'modified',
      header: m.colModified,
      className: 'whitespace-nowrap text-xs',
      cell: (r) => dateTime(r.lastModifiedAt),
    },
    {
      id: 'payload',
      header: m.showPayload,
      headerHidden: true,
      cell: (r) => (
        <button
          type="button"
          className="text-sm text-brand-700 underline"
          aria-expanded={open === r.id}
          aria-label={`${open === r.id ? m.hidePayload : m.showPayload} ${r.externalId}`}
          onClick={() => setOpen(open === r.id ? null : r.id)}
        >
          {open === r.id ? m.hidePayload : m.showPayload}
        </button>
      ),
    },
  ];

  return (
    <div className="space-y-3 p-4">
      <form
        aria-label={m.recordsFilters}
        className="grid items-end gap-3 md:grid-cols-[1fr_1fr_1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters((f) => ({ ...f, q: q.trim() || undefined }));
        }}
      >
        <Field id="records-resource" label={m.resource}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.resource ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, resource: e.target.value || undefined }))}
            >
              <option value="">{m.anyResource}</option>
              {resources.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="records-status" label={m.recordStatus}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={filters.status ?? ''}
              onChange={(e) =>
                setFilters((f) => ({
                  ...f,
                  status: (e.target.value || undefined) as StagedRecordFilters['status'],
                }))
              }
            >
              <option value="">{m.anyStatus}</option>
              {recordStatuses.map((s) => (
                <option key={s} value={s}>
                  {m.recordStatuses[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="records-q" label={m.recordSearch}>
          {(control) => (
            <input
              {...control}
              type="search"
              className="input"
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-secondary">
          {t.inbox.apply}
        </button>
      </form>
      {canReview ? (
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-600" aria-live="polite">
            {m.selected(selected.size)}
          </span>
          <button
            type="button"
            className="btn btn-primary"
            disabled={selected.size === 0 || review.isPending}
            onClick={() => act('accept')}
          >
            {m.accept}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={selected.size === 0 || review.isPending}
            onClick={() => act('ignore')}
          >
            {m.ignore}
          </button>
          {review.data ? (
            <span role="status" className="text-sm text-emerald-800">
              {m.reviewed(review.data.changed)}
            </span>
          ) : null}
        </div>
      ) : null}
      <ErrorAlert error={review.error} />
      <DataTable
        caption={m.recordsCaption}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-record-id': r.id, 'data-status': r.status })}
        loading={records.isPending}
        empty={m.noRecords}
        error={records.error}
        onRetry={() => void records.refetch()}
        more={moreOf(records)}
        detail={(r) =>
          open === r.id ? (
            <pre className="max-h-80 overflow-auto text-xs">{JSON.stringify(r.payload, null, 2)}</pre>
          ) : null
        }
      />
    </div>
  );
}
