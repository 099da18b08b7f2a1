import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { type ConnectorRun, useRuns } from './connectors-api.js';
import { RunStatusBadge, useCountsText } from './RunStatus.js';

/** Ejecuciones: newest first, asked again every few seconds while one is queued or running. */
export function ConnectorRuns({ connectorId }: { connectorId: string }) {
  const { t } = useI18n();
  const m = t.connectors;
  const runs = useRuns(connectorId);
  const rows = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useColumns();
  return (
    <DataTable
      caption={m.runsCaption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowData={(r) => ({ 'data-run-id': r.id, 'data-run-kind': r.kind, 'data-status': r.status })}
      loading={runs.isPending}
      empty={m.noRuns}
      error={runs.error}
      onRetry={() => void runs.refetch()}
      more={moreOf(runs)}
    />
  );
}

function useColumns(): Column<ConnectorRun>[] {
  const { t, dateTime } = useI18n();
  const m = t.connectors;
  const countsText = useCountsText();
  return [
    {
      id: 'queued',
      header: m.colQueued,
      rowHeader: true,
      className: 'whitespace-nowrap text-xs',
      cell: (r) => dateTime(r.queuedAt),
    },
    {
      id: 'kind',
      header: m.colKind,
      cell: (r) => (
        <>
          {m.runKinds[r.kind]}
          <span className="block text-xs text-slate-500">
            {m.runTriggers[r.trigger]} · {m.attempt(r.attempt)}
          </span>
        </>
      ),
    },
    { id: 'status', header: m.colStatus, cell: (r) => <RunStatusBadge status={r.status} /> },
    {
      id: 'counts',
      header: m.colCounts,
      className: 'text-xs',
      cell: (r) => (
        <div className="min-w-40 space-y-0.5">
          <p>{countsText(r.counts)}</p>
          {Object.entries(r.resources).map(([name, counts]) => (
            <p key={name} className="text-slate-600" data-resource-counts={name}>
              <span className="font-mono">{name}</span>: {countsText(counts)}
            </p>
          ))}
        </div>
      ),
    },
    {
      id: 'finished',
      header: m.colFinished,
      className: 'whitespace-nowrap text-xs',
      cell: (r) => (r.finishedAt ? dateTime(r.finishedAt) : '—'),
    },
    {
      id: 'error',
      header: m.colError,
      className: 'text-xs text-red-800',
      cell: (r) => <span className="block max-w-72 break-words">{r.error ?? ''}</span>,
    },
  ];
}
