import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type Connector,
  type DocumentRef,
  MAX_PUSH_DOCUMENTS,
  runIsOpen,
  useAllConnectors,
  useDocumentExports,
  usePush,
  useRun,
} from './connectors-api.js';

type Kind = DocumentRef['kind'];
/** Inbox invoices go to connectors whose source is the inbox; vault CFDI to those of the vault. */
const sourceOf = { invoice: 'inbox', cfdi: 'cfdi' } as const satisfies Record<Kind, 'inbox' | 'cfdi'>;

export const pushTargets = (connectors: readonly Connector[], kind: Kind) =>
  connectors.filter(
    (c) => c.enabled && c.direction !== 'pull' && c.push !== null && c.push.source === sourceOf[kind],
  );

interface Started {
  connector: Connector;
  runId: string;
  ids: string[];
}

/**
 * "Exportar a [Conector]" for the selected documents: the enabled push connectors of their source,
 * "Forzar reenvío", then each document's result once the run ends ("Exportado (INV-000123)" or the
 * error), read from `GET /connectors/exports`.
 */
export function ExportToConnector({
  kind,
  selected,
  labelOf,
}: {
  kind: Kind;
  selected: string[];
  labelOf(id: string): string;
}) {
  const { t } = useI18n();
  const m = t.connectors;
  // Asked only once something is selected: most visits to the lists export nothing.
  const connectors = useAllConnectors(selected.length > 0);
  const targets = pushTargets(connectors.data?.items ?? [], kind);
  const push = usePush();
  const [force, setForce] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);

  function exportTo(connector: Connector) {
    setMenuOpen(false);
    const ids = [...selected];
    push.mutate(
      { id: connector.id, body: { documents: ids.map((id) => ({ kind, id })), force } },
      { onSuccess: ({ runId }) => setStarted({ connector, runId, ids }) },
    );
  }

  return (
    <div className="space-y-3 border-b border-slate-200 px-4 py-3" data-testid="export-to-connector">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-700" aria-live="polite">
          {m.selectedDocs(selected.length)}
        </span>
        <div className="relative">
          <button
            type="button"
            className="btn btn-secondary"
            aria-haspopup="true"
            aria-expanded={menuOpen}
            aria-controls="export-to-menu"
            disabled={selected.length === 0 || selected.length > MAX_PUSH_DOCUMENTS || push.isPending}
            onClick={() => setMenuOpen((o) => !o)}
          >
            {m.exportTo}
          </button>
          {menuOpen ? (
            <ul
              id="export-to-menu"
              aria-label={m.exportMenuLabel}
              className="absolute z-20 mt-1 min-w-60 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
            >
              {targets.length === 0 ? (
                <li className="px-3 py-2 text-sm text-slate-600">{m.noPushConnectors}</li>
              ) : (
                targets.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100"
                      onClick={() => exportTo(c)}
                    >
                      {m.exportToNamed(c.name)}
                    </button>
                  </li>
                ))
              )}
            </ul>
          ) : null}
        </div>
        <label className="flex items-center gap-2 text-sm" title={m.forceHint}>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {m.force}
        </label>
      </div>
      {selected.length > MAX_PUSH_DOCUMENTS ? (
        <p className="text-sm text-amber-900">{m.tooManyDocs(MAX_PUSH_DOCUMENTS)}</p>
      ) : null}
      <ErrorAlert error={push.error ?? connectors.error} />
      {started ? (
        <ExportResult
          key={started.runId}
          kind={kind}
          started={started}
          labelOf={labelOf}
          onClose={() => setStarted(null)}
        />
      ) : null}
    </div>
  );
}

function ExportResult({
  kind,
  started,
  labelOf,
  onClose,
}: {
  kind: Kind;
  started: Started;
  labelOf(id: string): string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const m = t.connectors;
  const run = useRun(started.connector.id, started.runId);
  const finished = run.data !== undefined && !runIsOpen(run.data);
  const results = useDocumentExports(kind, started.ids, finished);
  const byId = new Map(
    (results.data?.items ?? [])
      .filter((e) => e.connectorId === started.connector.id)
      .map((e) => [e.documentId.toLowerCase(), e]),
  );

  return (
    <section
      aria-labelledby="export-result-title"
      className="rounded-md border border-slate-200 bg-slate-50 p-3"
      data-run-status={run.data?.status ?? 'queued'}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="export-result-title" className="text-sm font-semibold">
          {m.exportResultTitle(started.connector.name)}
        </h3>
        <button type="button" className="text-sm text-brand-700 underline" onClick={onClose}>
          {m.closeResult}
        </button>
      </div>
      {!finished || results.isPending ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {m.exportRunning}
        </p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm" aria-label={m.exportResultTitle(started.connector.name)}>
          {started.ids.map((id) => {
            const e = byId.get(id.toLowerCase());
            const text = !e
              ? (run.data?.error ?? m.exportNotDone)
              : e.status === 'exported'
                ? e.externalId
                  ? m.exportedAs(e.externalId)
                  : m.exportedNoId
                : m.exportFailed(e.lastError ?? '');
            return (
              <li
                key={id}
                data-document-id={id}
                data-export-status={e?.status ?? 'none'}
                className="flex flex-wrap gap-2"
              >
                <span className="font-medium break-all">{labelOf(id)}</span>
                <span className={e?.status === 'exported' ? 'text-emerald-800' : 'text-red-800'}>{text}</span>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorAlert error={run.error ?? results.error} />
    </section>
  );
}
