import { roleAtLeast } from '@boveda/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { defineSearch, useSearchState } from '../../lib/search-state.js';
import { href, paths } from '../../paths.js';
import { ConnectorActions } from './ConnectorActions.js';
import { ConnectorExportLog, ConnectorExports } from './ConnectorExports.js';
import { ConnectorForm } from './ConnectorForm.js';
import { ConnectorRuns } from './ConnectorRuns.js';
import { ConnectorStats } from './ConnectorStats.js';
import {
  type Connector,
  connectorKeys,
  runIsOpen,
  useConnector,
  useUpdateConnector,
} from './connectors-api.js';
import { PreviewPanel } from './PreviewPanel.js';
import { RunSummary } from './RunStatus.js';
import { StagedRecords } from './StagedRecords.js';

const sections = ['runs', 'exports', 'log', 'stats', 'records'] as const;
type Section = (typeof sections)[number];
export const connectorSearch = defineSearch({ seccion: z.enum(sections).default('runs') });

/**
 * `/conectores/{id}`: one connector. Its state, the actions (test, export, import, preview,
 * delete), its runs, exports, call log, statistics and imported records, and its settings.
 */
export function ConnectorPage({ params: { id }, myRole }: PageProps<{ id: string }>) {
  const { t } = useI18n();
  const m = t.connectors;
  const canRead = roleAtLeast(myRole, 'member');
  const canManage = roleAtLeast(myRole, 'admin');
  const connector = useConnector(id, canRead);
  const data = connector.data;
  useRefreshWhenRunEnds(id, data);

  return (
    <Page title={data ? data.name : m.title}>
      <p className="text-sm">
        <Link to={href(paths.connectors)} className="text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
      </p>
      {!canRead ? <RoleNotice text={m.viewerNotice} /> : null}
      {canRead && connector.isPending ? <p className="text-sm text-slate-600">{t.app.loading}</p> : null}
      <ErrorAlert error={connector.error} />
      {data ? (
        <>
          <Summary connector={data} />
          <ConnectorActions connector={data} myRole={myRole} />
          {data.push ? <PreviewPanel connectorId={id} source={data.push.source} /> : null}
          <Sections connector={data} canManage={canManage} />
          {canManage ? <Settings connector={data} /> : null}
        </>
      ) : null}
    </Page>
  );
}

/** A run that just ended changed the exports, the log, the stats and the records: ask for them again. */
function useRefreshWhenRunEnds(id: string, connector: Connector | undefined) {
  const queryClient = useQueryClient();
  const open = runIsOpen(connector?.lastRun);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) void queryClient.invalidateQueries({ queryKey: connectorKeys.of(id) });
    wasOpen.current = open;
  }, [open, id, queryClient]);
}

function Summary({ connector: c }: { connector: Connector }) {
  const { t, dateTime } = useI18n();
  const m = t.connectors;
  const items: [string, ReactNode][] = [
    [m.colDirection, m.directions[c.direction]],
    [
      m.colBaseUrl,
      <span key="url" className="font-mono text-xs break-all">
        {c.baseUrl}
      </span>,
    ],
    [m.authType, m.authTypes[c.auth.type]],
    [m.colEnabled, c.enabled ? m.yes : m.no],
    [m.colLastRun, c.lastRun ? <RunSummary key="run" run={c.lastRun} /> : m.never],
    [m.colNextRun, c.nextRunAt ? `${dateTime(c.nextRunAt)} (${c.schedule?.cron ?? ''})` : m.notScheduled],
  ];
  return (
    <section aria-label={m.summaryLabel} className="card p-5">
      <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {items.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Sections({ connector, canManage }: { connector: Connector; canManage: boolean }) {
  const { t } = useI18n();
  const m = t.connectors;
  const [{ seccion }, setSearch] = useSearchState(connectorSearch);
  const shown: Section[] = sections
    .filter((s) => (s !== 'exports' && s !== 'log') || connector.push !== null)
    .filter((s) => s !== 'records' || connector.pull !== null);
  const current = shown.includes(seccion) ? seccion : 'runs';
  return (
    <section className="card overflow-hidden">
      <div
        role="tablist"
        aria-label={m.tabsLabel}
        className="flex flex-wrap gap-1 border-b border-slate-200 p-2"
      >
        {shown.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            id={`connector-tab-${s}`}
            aria-selected={current === s}
            aria-controls={`connector-panel-${s}`}
            className={`btn ${current === s ? 'btn-primary' : 'btn-secondary'}`}
            onClick={() => setSearch({ seccion: s }, { replace: true })}
          >
            {m.tabs[s]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`connector-panel-${current}`} aria-labelledby={`connector-tab-${current}`}>
        {current === 'runs' ? <ConnectorRuns connectorId={connector.id} /> : null}
        {current === 'exports' ? <ConnectorExports connectorId={connector.id} /> : null}
        {current === 'log' ? <ConnectorExportLog connectorId={connector.id} /> : null}
        {current === 'stats' ? <ConnectorStats connectorId={connector.id} /> : null}
        {current === 'records' ? (
          <StagedRecords
            connectorId={connector.id}
            resources={connector.pull?.resources.map((r) => r.name) ?? []}
            canReview={canManage}
          />
        ) : null}
      </div>
    </section>
  );
}

function Settings({ connector }: { connector: Connector }) {
  const { t } = useI18n();
  const m = t.connectors;
  const update = useUpdateConnector(connector.id);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="connector-settings-title" className="card p-5">
      <details>
        <summary className="cursor-pointer">
          <h2 id="connector-settings-title" className="inline text-base font-semibold">
            {m.edit}
          </h2>
        </summary>
        <div className="mt-4">
          <ConnectorForm
            key={connector.updatedAt}
            idPrefix="edit-connector"
            initial={connector}
            submitLabel={m.save}
            pendingLabel={m.saving}
            pending={update.isPending}
            error={update.error}
            onSubmit={(body) => {
              setSaved(false);
              update.mutate(body, { onSuccess: () => setSaved(true) });
            }}
            footer={
              saved ? (
                <span role="status" className="text-sm text-emerald-800">
                  {m.saved}
                </span>
              ) : null
            }
          />
        </div>
      </details>
    </section>
  );
}
