import type { ObjectStore } from '../../platform/storage/index.js';
import { createPackageDownloader } from './package-download.js';
import { packageKey, writeManifest, yearOf } from './package-store.js';
import type { RequestRecorder } from './request-recorder.js';
import { type CallListener, SatCallError, type SatSession } from './sat/sat-gateway.js';
import type { SatQuery } from './sat/sat-query.js';
import type { NewSatEvent, SatDownloadRepository, SatRequestRow } from './sat-download.repository.js';
import {
  type AttentionReason,
  alreadyRefiled,
  attentionColumns,
  causeText,
  notSplittable,
  type RecoveryCause,
  reasonEvent,
  replacementRefused as refusedReplacementReason,
  replacementRefusedKept,
  stopReason,
} from './sat-reasons.js';
import { paramsHash, splitPeriod } from './sat-request-rules.js';
import { verifyOutcome } from './verify-outcome.js';

const MAX_STEPS = 500;

/**
 * The conversation's view of its tables: reads and plain writes from the repository; request
 * changes and stored packages through the recorder, which publishes their events with them.
 */
export type ConversationStore = Omit<SatDownloadRepository, 'update' | 'insertOrExisting'> &
  Pick<RequestRecorder, 'update' | 'insertOrExisting' | 'packageStored'>;

export interface ConversationDeps {
  repo: ConversationStore;
  storage: ObjectStore;
  now: () => Date;
  progress?: (line: string) => void;
}

export interface PassSummary {
  filed: number;
  verified: number;
  packagesStored: number;
  transientErrors: number;
}

/**
 * One pass of the SAT conversation for one taxpayer (the caller holds the per-RFC lock): file what
 * is pending, verify what is open, download what is ready, and apply the recovery rules. New rows
 * created by a recovery (split halves, replacements) are handled in the same pass. Every call and
 * state change lands in the request's history.
 */
export async function runConversation(
  deps: ConversationDeps,
  tenantId: string,
  rfc: string,
  openSession: (listener: CallListener) => SatSession,
  mode: 'file' | 'full',
): Promise<PassSummary> {
  const { repo } = deps;
  const summary: PassSummary = { filed: 0, verified: 0, packagesStored: 0, transientErrors: 0 };
  let buffer: NewSatEvent[] = [];
  const session = openSession((e) =>
    buffer.push({
      type: 'call',
      operation: e.operation,
      satCode: e.code ?? null,
      // With a code, `e.message` is the SAT's own (Spanish) answer; without one it is our English
      // account of a transport failure, which stays in `message` only.
      ...(e.code !== undefined
        ? {
            satMessage: e.message,
            code: 'sat_call' as const,
            params: { operation: e.operation, satCode: e.code, satMessage: e.message },
            message: `${e.operation} → ${e.code} ${e.message}`,
          }
        : {
            code: 'sat_call_failed' as const,
            params: { operation: e.operation },
            message: `${e.operation}: ${e.message}`,
          }),
    }),
  );
  const flush = async (requestId: string) => {
    const events = buffer;
    buffer = [];
    for (const e of events) await repo.addEvent(tenantId, requestId, e);
  };
  const touchedYears = new Set<number>();
  const say = (r: SatRequestRow, text: string) =>
    deps.progress?.(
      `${rfc} ${r.kind} ${r.direction ?? 'folio'} ${r.periodStart ?? r.folio}…${r.periodEnd ?? ''}: ${text}`,
    );

  /** Runs a SAT call for a request; a transient failure is recorded and leaves the request as it was. */
  async function call<T>(request: SatRequestRow, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof SatCallError)) throw error;
      summary.transientErrors++;
      return null;
    } finally {
      await flush(request.id);
    }
  }

  const stop = (
    r: SatRequestRow,
    code: number | null,
    reason: AttentionReason,
    extra: Partial<SatRequestRow> = {},
  ) => {
    say(r, `needs attention: ${reason.text}`);
    return repo.update(
      tenantId,
      r.id,
      { state: 'failed', ...attentionColumns(reason), finishedAt: deps.now(), ...extra },
      { type: 'state', satCode: code, ...reasonEvent(reason) },
    );
  };

  const { downloadOne } = createPackageDownloader({
    deps,
    tenantId,
    rfc,
    session,
    call,
    stop,
    onStored: () => {
      summary.packagesStored++;
    },
  });

  async function file(r: SatRequestRow): Promise<void> {
    const answer = await call(r, () => session.query(queryOf(r)));
    if (!answer) return;
    summary.filed++;
    const codes = { satStatusCode: answer.code, satStatusMessage: answer.message };
    if (answer.code === 5000 && answer.satRequestId) {
      await repo.update(
        tenantId,
        r.id,
        { state: 'accepted', satRequestId: answer.satRequestId, submittedAt: deps.now(), ...codes },
        {
          type: 'state',
          satCode: 5000,
          code: 'filed',
          params: { satRequestId: answer.satRequestId },
          message: `Filed with the SAT as ${answer.satRequestId}`,
        },
      );
      say(r, `filed (${answer.satRequestId})`);
      if (r.replacesId) await retire(r);
      return;
    }
    await stop(r, answer.code, stopReason(answer.code, answer.message), codes);
    if (r.replacesId) await replacementRefused(r, answer.code);
  }

  async function retire(replacement: SatRequestRow) {
    const old = await repo.get(tenantId, replacement.replacesId!);
    if (!old || old.state === 'replaced') return;
    await repo.update(
      tenantId,
      old.id,
      { state: 'replaced', replacedById: replacement.id, ...attentionColumns(null), finishedAt: deps.now() },
      {
        type: 'state',
        code: 'retired',
        params: { replacementId: replacement.id, satRequestId: replacement.satRequestId },
        message: `Retired: replaced by request ${replacement.id} (${replacement.satRequestId})`,
      },
    );
  }

  async function replacementRefused(replacement: SatRequestRow, code: number) {
    const old = await repo.get(tenantId, replacement.replacesId!);
    if (!old || !['accepted', 'in_progress', 'ready'].includes(old.state)) return;
    if (old.state !== 'ready' && code === 5005) {
      // The SAT still holds the original open: keep verifying it rather than abandoning it.
      const kept = replacementRefusedKept(replacement.id, code);
      await repo.update(tenantId, old.id, attentionColumns(kept), {
        type: 'note',
        satCode: code,
        ...reasonEvent(kept),
      });
      return;
    }
    const inner = stopReason(code, replacement.satStatusMessage ?? '');
    await stop(old, code, refusedReplacementReason(replacement.id, code, inner));
  }

  async function replace(r: SatRequestRow, cause: RecoveryCause): Promise<void> {
    if ((r.attempts[cause] ?? 0) >= 1) {
      if (cause === 'stale') return; // already replaced once (or refused): keep verifying, never loop
      await stop(r, null, alreadyRefiled(cause));
      return;
    }
    const attempts = { ...r.attempts, [cause]: (r.attempts[cause] ?? 0) + 1 };
    await repo.update(
      tenantId,
      r.id,
      { attempts },
      {
        type: 'note',
        code: 'refiling',
        params: { cause },
        message: `Filing it again because ${causeText[cause]}`,
      },
    );
    const { request: replacement } = await repo.insertOrExisting({
      ...copyParams(r),
      attempts,
      replacesId: r.id,
      origin: 'recovery',
      state: 'pending',
    });
    await repo.addEvent(tenantId, replacement.id, {
      type: 'note',
      code: 'replaces',
      params: { requestId: r.id, satRequestId: r.satRequestId, cause },
      message: `Replaces request ${r.id} (${r.satRequestId ?? 'never filed'}) because ${causeText[cause]}`,
    });
    say(r, `re-filing because ${causeText[cause]}`);
    await file(replacement);
  }

  async function split(r: SatRequestRow, code: number, count: number): Promise<void> {
    const halves = r.periodStart && r.periodEnd ? splitPeriod(r.periodStart, r.periodEnd) : null;
    if (!halves) {
      await stop(r, code, notSplittable(code));
      return;
    }
    const children: string[] = [];
    for (const [periodStart, periodEnd] of halves) {
      const { request } = await repo.insertOrExisting({
        ...copyParams(r),
        periodStart,
        periodEnd,
        paramsHash: paramsHash(r.rfc, { ...specOf(r), periodStart, periodEnd }),
        attempts: r.attempts,
        splitFromId: r.id,
        origin: 'split',
        state: 'pending',
      });
      children.push(request.id);
    }
    await repo.update(
      tenantId,
      r.id,
      { state: 'split', cfdiCount: count || null, finishedAt: deps.now() },
      {
        type: 'state',
        satCode: code,
        code: 'split',
        params: { satCode: code, children },
        message: `Over the SAT's limit (${code}): split into ${children.join(' and ')}`,
      },
    );
    say(r, 'over the limit: split in halves');
  }

  async function verify(r: SatRequestRow): Promise<void> {
    const a = await call(r, () => session.verify(r.satRequestId!));
    if (!a) return;
    summary.verified++;
    const codes = {
      satStatusCode: a.code,
      satStatusMessage: a.message,
      satRequestState: a.requestState,
      satRequestCode: a.requestCode,
      lastVerifiedAt: deps.now(),
    };
    const outcome = verifyOutcome(a, r.submittedAt ?? r.createdAt, deps.now());
    switch (outcome.action) {
      case 'retry-later':
        await repo.update(tenantId, r.id, codes);
        return;
      case 'wait':
      case 'replace-stale':
        await repo.update(tenantId, r.id, { ...codes, state: outcome.state });
        if (outcome.action === 'replace-stale') await replace(await fresh(r), 'stale');
        return;
      case 'empty':
        await repo.update(tenantId, r.id, {
          ...codes,
          state: 'empty',
          cfdiCount: outcome.count,
          finishedAt: deps.now(),
        });
        return say(r, 'no data');
      case 'split':
        await repo.update(tenantId, r.id, codes);
        return split(await fresh(r), outcome.code, outcome.count);
      case 'replace-expired':
        await repo.update(tenantId, r.id, codes);
        return replace(await fresh(r), 'expired');
      case 'stop':
        await stop(r, outcome.code, outcome.reason ?? stopReason(outcome.code, a.message), codes);
        return;
      case 'download': {
        await repo.addPackages(
          r,
          outcome.packageIds.map((id) => ({ satPackageId: id, storageKey: packageKey(r, id) })),
        );
        const ready = await repo.update(
          tenantId,
          r.id,
          { ...codes, state: 'ready', cfdiCount: outcome.count },
          {
            type: 'state',
            code: 'ready',
            params: { count: outcome.count, packages: outcome.packageIds.length },
            message: `Ready: ${outcome.count} documents in ${outcome.packageIds.length} package(s)`,
          },
        );
        say(r, `ready, ${outcome.packageIds.length} package(s)`);
        return download(ready);
      }
    }
  }

  async function download(r: SatRequestRow): Promise<void> {
    for (const p of await repo.packages(tenantId, r.id)) {
      if (p.state !== 'pending') continue;
      const outcome = await downloadOne(r, p);
      if (outcome === 'gone') return replace(await fresh(r), 'packagesGone');
      if (outcome === 'stopped' || outcome === 'retry') return;
    }
    if ((await repo.pendingPackageCount(tenantId, r.id)) === 0) {
      await repo.update(tenantId, r.id, { state: 'downloaded', finishedAt: deps.now() });
      say(r, 'downloaded');
    }
  }

  const fresh = async (r: SatRequestRow) => (await repo.get(tenantId, r.id)) ?? r;

  const seen = new Set<string>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = (await repo.activeFor(tenantId, rfc)).find(
      (r) => !seen.has(r.id) && (mode === 'full' || r.state === 'pending'),
    );
    if (!next) break;
    seen.add(next.id);
    touchedYears.add(yearOf(next));
    if (next.state === 'pending') await file(next);
    else if (next.state === 'ready') await download(next);
    else await verify(next);
  }
  for (const year of touchedYears) await writeManifest(deps.storage, repo, tenantId, rfc, year);
  return summary;
}

function queryOf(r: SatRequestRow): SatQuery {
  if (r.folio) return { folio: r.folio };
  return {
    kind: r.kind,
    direction: r.direction!,
    periodStart: r.periodStart!,
    periodEnd: r.periodEnd!,
    filters: r.filters,
  };
}

function specOf(r: SatRequestRow) {
  return {
    kind: r.kind,
    direction: r.direction,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    filters: r.filters,
    folio: r.folio,
  };
}

function copyParams(r: SatRequestRow) {
  return {
    tenantId: r.tenantId,
    taxpayerId: r.taxpayerId,
    rfc: r.rfc,
    kind: r.kind,
    direction: r.direction,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    filters: r.filters,
    folio: r.folio,
    paramsHash: r.paramsHash,
  };
}
