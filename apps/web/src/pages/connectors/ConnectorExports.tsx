import { useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { type ConnectorExport, type ExportLogEntry, useExportLog, useExports } from './connectors-api.js';

/** Exportaciones: each document's latest state at the ERP (its id there, attempts, last error). */
export function ConnectorExports({ connectorId }: { connectorId: string }) {
  const { t, dateTime, number } = useI18n();
  const m = t.connectors;
  const exports = useExports(connectorId);
  const rows = exports.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<ConnectorExport>[] = [
    {
      id: 'doc',
      header: m.colDocument,
      rowHeader: true,
      cell: (r) => (
        <>
          <span className="text-xs text-slate-500">{m.documentKinds[r.documentKind]}</span>
          <span className="block font-mono text-xs break-all">{r.documentId}</span>
        </>
      ),
    },
    {
      id: 'status',
      header: m.colStatus,
      cell: (r) => (
        <Badge tone={r.status === 'exported' ? 'success' : 'danger'}>{m.exportStatuses[r.status]}</Badge>
      ),
    },
    { id: 'ext', header: m.colExternalId, className: 'font-mono text-xs', cell: (r) => r.externalId ?? '—' },
    { id: 'attempts', header: m.colAttempts, align: 'right', cell: (r) => number(r.attempts) },
    {
      id: 'error',
      header: m.colLastError,
      className: 'text-xs text-red-800',
      cell: (r) => <span className="block max-w-72 break-words">{r.lastError ?? ''}</span>,
    },
    {
      id: 'updated',
      header: m.colUpdated,
      className: 'whitespace-nowrap text-xs',
      cell: (r) => dateTime(r.updatedAt),
    },
  ];
  return (
    <DataTable
      caption={m.exportsCaption}
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.documentKind}:${r.documentId}`}
      rowData={(r) => ({ 'data-document-id': r.documentId, 'data-status': r.status })}
      loading={exports.isPending}
      empty={m.noExports}
      error={exports.error}
      onRetry={() => void exports.refetch()}
      more={moreOf(exports)}
    />
  );
}

/** Registro: every call a push made, with its request and response excerpts on demand. */
export function ConnectorExportLog({ connectorId }: { connectorId: string }) {
  const { t, dateTime, number } = useI18n();
  const m = t.connectors;
  const log = useExportLog(connectorId);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const columns: Column<ExportLogEntry>[] = [
    {
      id: 'at',
      header: m.colAt,
      rowHeader: true,
      className: 'whitespace-nowrap text-xs',
      cell: (r) => dateTime(r.at),
    },
    {
      id: 'request',
      header: m.colRequest,
      cell: (r) => (
        <span className="block max-w-72 font-mono text-xs break-all">
          {r.method} {r.url}
          <span className="block text-slate-500">
            {m.documentKinds[r.documentKind]} {r.documentId} · {m.attempt(r.attempt)}
          </span>
        </span>
      ),
    },
    { id: 'http', header: m.colHttp, cell: (r) => r.status ?? '—' },
    { id: 'latency', header: m.colLatency, align: 'right', cell: (r) => `${number(r.latencyMs)} ms` },
    {
      id: 'outcome',
      header: m.colOutcome,
      cell: (r) => (
        <>
          <Badge
            tone={
              r.outcome === 'exported' || r.outcome === 'replayed'
                ? 'success'
                : r.outcome === 'retrying'
                  ? 'warning'
                  : 'danger'
            }
          >
            {m.outcomes[r.outcome]}
          </Badge>
          {r.error ? (
            <span className="block max-w-64 text-xs break-words text-red-800">{r.error}</span>
          ) : null}
        </>
      ),
    },
    {
      id: 'detail',
      header: m.showDetail,
      headerHidden: true,
      cell: (r) => (
        <button
          type="button"
          className="text-sm text-brand-700 underline"
          aria-expanded={open === r.id}
          onClick={() => setOpen(open === r.id ? null : r.id)}
        >
          {open === r.id ? m.hideDetail : m.showDetail}
        </button>
      ),
    },
  ];
  return (
    <DataTable
      caption={m.logCaption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowData={(r) => ({ 'data-outcome': r.outcome })}
      loading={log.isPending}
      empty={m.noLog}
      error={log.error}
      onRetry={() => void log.refetch()}
      more={moreOf(log)}
      detail={(r) =>
        open === r.id ? (
          <div className="grid gap-3 md:grid-cols-2">
            <Excerpt title={m.requestExcerpt} text={r.requestExcerpt} />
            <Excerpt title={m.responseExcerpt} text={r.responseExcerpt ?? '—'} />
          </div>
        ) : null
      }
    />
  );
}

function Excerpt({ title, text }: { title: string; text: string }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-medium text-slate-600">{title}</h3>
      <pre className="max-h-64 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap break-all">
        {text}
      </pre>
    </div>
  );
}
