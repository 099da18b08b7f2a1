import { roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { backoffSteps, dailyTime, relativeTime } from './schedule-format.js';
import { type Schedule, usePauseSchedule, useRunSchedule, useSchedules } from './schedules-api.js';

const resultTone = { ok: 'success', failed: 'danger', running: 'info' } satisfies Record<
  NonNullable<Schedule['lastRun']>['result'],
  BadgeTone
>;

const rowId = (s: Pick<Schedule, 'kind' | 'key'>) => `${s.kind}:${s.key}`;

/**
 * `/sincronizaciones`: every piece of the organization's recurring work, its last and next run,
 * and "Ejecutar ahora" (members), "Pausar" / "Reanudar" (admins and owners).
 */
export function SchedulesPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.schedules;
  const list = useSchedules();
  const canRun = roleAtLeast(myRole, 'member');
  const canPause = roleAtLeast(myRole, 'admin');
  const [confirming, setConfirming] = useState<Schedule | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const run = useRunSchedule();
  const pause = usePauseSchedule('pause');
  const resume = usePauseSchedule('resume');
  const columns = useColumns({
    canRun,
    canPause,
    notice,
    busy: (s) =>
      [
        run.isPending && run.variables,
        pause.isPending && pause.variables,
        resume.isPending && resume.variables,
      ].some((v) => v && rowId(v) === rowId(s)),
    onRun: (s) =>
      run.mutate(s, {
        onSuccess: (r) => setNotice({ id: rowId(s), text: r.jobId ? m.queued : m.alreadyQueued }),
      }),
    onPause: (s) => setConfirming(s),
    onResume: (s) => resume.mutate(s),
  });

  return (
    <Page title={m.title} intro={m.intro}>
      {!canPause ? <RoleNotice text={m.viewerNotice} /> : null}
      <ErrorAlert error={run.error ?? resume.error} />
      <section aria-labelledby="schedules-title" className="card overflow-hidden">
        <h2 id="schedules-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {m.tableCaption}
        </h2>
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={rowId}
          rowData={(s) => ({ 'data-schedule': rowId(s) })}
          loading={list.isPending}
          empty={m.empty}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={m.confirmPauseTitle}
        message={confirming ? m.confirmPause(`${m.kinds[confirming.kind]} · ${confirming.target.label}`) : ''}
        cancelId="schedule-pause-cancel"
        cancelLabel={m.cancel}
        actionLabel={m.pause}
        pendingLabel={m.pausing}
        pending={pause.isPending}
        error={pause.error}
        onClose={() => {
          setConfirming(null);
          pause.reset();
        }}
        onConfirm={() => {
          if (confirming) pause.mutate(confirming, { onSuccess: () => setConfirming(null) });
        }}
      />
    </Page>
  );
}

function useColumns(opts: {
  canRun: boolean;
  canPause: boolean;
  notice: { id: string; text: string } | null;
  busy(s: Schedule): boolean;
  onRun(s: Schedule): void;
  onPause(s: Schedule): void;
  onResume(s: Schedule): void;
}): Column<Schedule>[] {
  const { t, dateTime, locale } = useI18n();
  const m = t.schedules;
  const now = new Date();
  return [
    {
      id: 'target',
      header: m.colTarget,
      rowHeader: true,
      cell: (s) => (
        <div className="min-w-40">
          <p className="text-xs text-slate-500">{m.kinds[s.kind]}</p>
          <p className="font-medium break-all">{s.target.label}</p>
          {s.target.detail ? <p className="text-xs break-all text-slate-600">{s.target.detail}</p> : null}
        </div>
      ),
    },
    {
      id: 'schedule',
      header: m.colSchedule,
      className: 'text-xs',
      cell: (s) => {
        const { cron, timeZone, backoffSeconds } = s.schedule;
        const time = cron ? dailyTime(cron) : null;
        return (
          <div className="min-w-40 space-y-1">
            {cron ? <p>{time ? m.daily(time, timeZone ?? 'UTC') : m.cron(cron, timeZone ?? 'UTC')}</p> : null}
            {backoffSeconds?.length ? <p>{m.backoff(backoffSteps(backoffSeconds))}</p> : null}
            {!cron && !backoffSeconds?.length ? <p>{m.onlyAfterEvents}</p> : null}
          </div>
        );
      },
    },
    {
      id: 'lastRun',
      header: m.colLastRun,
      cell: (s) =>
        s.lastRun ? (
          <div className="min-w-32 space-y-1">
            <Badge tone={resultTone[s.lastRun.result]} data-result={s.lastRun.result}>
              {m.results[s.lastRun.result]}
            </Badge>
            {s.lastRun.errorCode ? (
              <p className="font-mono text-xs text-red-800">{s.lastRun.errorCode}</p>
            ) : null}
            <p className="text-xs text-slate-600" title={dateTime(s.lastRun.at)}>
              {relativeTime(s.lastRun.at, now, locale)}
              {s.lastRun.durationMs !== null
                ? ` · ${m.duration((s.lastRun.durationMs / 1000).toLocaleString(locale, { maximumFractionDigits: 1 }))}`
                : ''}
            </p>
          </div>
        ) : (
          <span className="text-slate-500">{m.never}</span>
        ),
    },
    {
      id: 'nextRun',
      header: m.colNextRun,
      className: 'text-xs',
      cell: (s) =>
        s.paused ? (
          <Badge tone="warning" data-paused="true" title={s.paused.by ? m.pausedBy(s.paused.by) : undefined}>
            {m.paused}
          </Badge>
        ) : s.nextRunAt ? (
          <div className="min-w-28">
            <p>{relativeTime(s.nextRunAt, now, locale)}</p>
            <p className="text-slate-500">{dateTime(s.nextRunAt)}</p>
          </div>
        ) : (
          <span className="text-slate-500">{m.noNextRun}</span>
        ),
    },
    {
      id: 'actions',
      header: m.colActions,
      headerHidden: true,
      align: 'right',
      cell: (s) => {
        const busy = opts.busy(s);
        const label = `${m.kinds[s.kind]} ${s.target.label}`;
        return (
          <div className="flex min-w-40 flex-col items-end gap-1">
            <div className="flex flex-wrap justify-end gap-2">
              {opts.canRun && s.runnable ? (
                <button
                  type="button"
                  className="btn btn-secondary"
                  aria-label={`${m.runNow}: ${label}`}
                  disabled={busy}
                  onClick={() => opts.onRun(s)}
                >
                  {m.runNow}
                </button>
              ) : null}
              {opts.canPause && s.pausable ? (
                s.paused ? (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    aria-label={`${m.resume}: ${label}`}
                    disabled={busy}
                    onClick={() => opts.onResume(s)}
                  >
                    {m.resume}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    aria-label={`${m.pause}: ${label}`}
                    disabled={busy}
                    onClick={() => opts.onPause(s)}
                  >
                    {m.pause}
                  </button>
                )
              ) : null}
            </div>
            {!s.pausable && opts.canPause ? <p className="text-xs text-slate-500">{m.notPausable}</p> : null}
            {opts.notice?.id === rowId(s) ? (
              <p role="status" className="text-xs text-emerald-800">
                {opts.notice.text}
              </p>
            ) : null}
          </div>
        );
      },
    },
  ];
}
