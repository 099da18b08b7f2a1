import type { ScheduleItem, ScheduleKind } from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { RecurringWork, RecurringWorkSource } from '../../platform/jobs/recurring-work.js';
import type { Schedules } from '../../platform/jobs/schedules.js';
import type { Actor, AuditRecorder } from '../audit/index.js';

export interface SchedulesDeps {
  /** One per kind, contributed by the module that owns the work (through its `index.ts`). */
  sources: RecurringWorkSource[];
  schedules: Pick<Schedules, 'pause' | 'resume' | 'pausedKeys'>;
  audit: AuditRecorder;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The organization's recurring work in one list, and the three things a person does with it: run
 * now (a queued job, never the external call itself), pause and resume (`job_pauses`, honoured by
 * the tick and by the modules' own recurring runs). Owns no table.
 */
export function createSchedulesService(deps: SchedulesDeps) {
  const sourceOf = (kind: ScheduleKind) => {
    const source = deps.sources.find((s) => s.kind === kind);
    if (!source) throw appError('SCHEDULE_NOT_FOUND');
    return source;
  };

  const toItem = (
    source: RecurringWorkSource,
    w: RecurringWork,
    pause: { pausedAt: Date; pausedBy: string | null } | undefined,
  ): ScheduleItem => ({
    kind: source.kind as ScheduleKind,
    key: w.key,
    target: w.target,
    schedule: {
      ...w.schedule,
      backoffSeconds: w.schedule.backoffSeconds ? [...w.schedule.backoffSeconds] : null,
    },
    lastRun: w.lastRun
      ? {
          at: w.lastRun.at.toISOString(),
          result: w.lastRun.result,
          errorCode: w.lastRun.errorCode,
          durationMs: w.lastRun.durationMs,
        }
      : null,
    // Paused: nothing runs on its own until resumed.
    nextRunAt: pause ? null : iso(w.nextRunAt),
    paused: pause ? { at: pause.pausedAt.toISOString(), by: pause.pausedBy } : null,
    pausable: w.pausable,
    runnable: w.runnable,
  });

  async function itemsOf(tenantId: string, source: RecurringWorkSource): Promise<ScheduleItem[]> {
    const [work, pauses] = await Promise.all([
      source.list(tenantId),
      deps.schedules.pausedKeys(source.pauseJob, tenantId),
    ]);
    return work.map((w) => toItem(source, w, pauses.get(`${tenantId}:${w.key}`)));
  }

  /** The one entry, or SCHEDULE_NOT_FOUND (another organization's keys included). */
  async function find(tenantId: string, kind: ScheduleKind, key: string) {
    const source = sourceOf(kind);
    const item = (await itemsOf(tenantId, source)).find((i) => i.key === key);
    if (!item) throw appError('SCHEDULE_NOT_FOUND');
    return { source, item };
  }

  const record = (
    tenantId: string,
    actor: Actor,
    action: string,
    item: ScheduleItem,
    jobId?: string | null,
  ) =>
    deps.audit.record({
      tenantId,
      actor,
      action,
      target: { type: 'schedule', id: `${item.kind}:${item.key}` },
      metadata: { kind: item.kind, name: item.target.label, ...(jobId !== undefined ? { jobId } : {}) },
    });

  return {
    async list(tenantId: string): Promise<ScheduleItem[]> {
      const all = await Promise.all(deps.sources.map((s) => itemsOf(tenantId, s)));
      return all.flat();
    },

    get: async (tenantId: string, kind: ScheduleKind, key: string) => (await find(tenantId, kind, key)).item,

    async runNow(tenantId: string, actor: Actor, kind: ScheduleKind, key: string) {
      const { source, item } = await find(tenantId, kind, key);
      if (!item.runnable) throw appError('SCHEDULE_NOT_RUNNABLE');
      const { jobId } = await source.runNow(tenantId, key, actor.label ?? null);
      await record(tenantId, actor, 'schedule.run_requested', item, jobId);
      return { jobId };
    },

    async pause(tenantId: string, actor: Actor, kind: ScheduleKind, key: string) {
      const { source, item } = await find(tenantId, kind, key);
      if (!item.pausable) throw appError('SCHEDULE_NOT_PAUSABLE');
      // Pausing twice changes nothing and records nothing.
      if (await deps.schedules.pause(tenantId, source.pauseJob, key, actor.label ?? null))
        await record(tenantId, actor, 'schedule.paused', item);
      return (await find(tenantId, kind, key)).item;
    },

    async resume(tenantId: string, actor: Actor, kind: ScheduleKind, key: string) {
      const { source, item } = await find(tenantId, kind, key);
      if (!item.pausable) throw appError('SCHEDULE_NOT_PAUSABLE');
      if (await deps.schedules.resume(tenantId, source.pauseJob, key))
        await record(tenantId, actor, 'schedule.resumed', item);
      return (await find(tenantId, kind, key)).item;
    },
  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;
