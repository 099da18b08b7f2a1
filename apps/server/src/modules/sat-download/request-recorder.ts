import {
  canMoveSatRequest,
  satPackageStored as packageStored,
  satRequestStateChanged as requestStateChanged,
  type SatRequestState,
} from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import {
  createSatDownloadRepository,
  type NewSatEvent,
  type NewSatRequest,
  type SatPackageRow,
  type SatRequestRow,
} from './sat-download.repository.js';

type RequestState = SatRequestState;

/** A move the state table does not allow is a bug in the conversation: stop before writing it. */
/** How a package reached storage (the history line's `params.how`). */
export type StoredHow = 'downloaded' | 'found_in_storage';
const storedHowText: Record<StoredHow, string> = {
  downloaded: 'downloaded',
  found_in_storage: 'found in storage after an interrupted run',
};

export class IllegalTransitionError extends Error {
  constructor(id: string, from: string, to: string) {
    super(`SAT request ${id} cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * Every write other modules, people or integrators hear about goes through here: the row, its
 * history line and its domain event commit in one transaction, so an event exists exactly when its
 * change does (and a stored package always has its `sat.package.stored`).
 */
export function createRequestRecorder(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  now: () => Date;
}) {
  const { transaction, events } = deps;

  const stateEvent = (before: SatRequestRow | null, after: SatRequestRow) => ({
    requestId: after.id,
    rfc: after.rfc,
    kind: after.kind,
    direction: after.direction,
    periodStart: after.periodStart,
    periodEnd: after.periodEnd,
    folio: after.folio,
    from: (before?.state ?? null) as RequestState | null,
    to: after.state as RequestState,
    satRequestId: after.satRequestId,
    cfdiCount: after.cfdiCount,
    reason: after.state === 'failed' ? after.needsAttentionReason : null,
  });

  async function announce(tx: Parameters<Parameters<UnitOfWork>[0]>[0], r: SatRequestRow, p: SatPackageRow) {
    await events.publish(
      tx,
      packageStored,
      {
        packageId: p.id,
        requestId: r.id,
        rfc: r.rfc,
        kind: p.kind,
        satPackageId: p.satPackageId,
        storageKey: p.storageKey,
        size: p.size ?? 0,
        sha256: p.sha256 ?? '',
      },
      { tenantId: p.tenantId, actor: { type: 'system', label: 'sat-download' } },
    );
    await createSatDownloadRepository(tx.db).updatePackage(p.tenantId, p.id, {
      ingestionRequestedAt: deps.now(),
    });
  }

  return {
    /** Inserts (or finds the active duplicate of) a request; a new one announces its first state. */
    insertOrExisting: (row: NewSatRequest) =>
      transaction(async (tx) => {
        const result = await createSatDownloadRepository(tx.db).insertOrExisting(row);
        if (result.created)
          await events.publish(tx, requestStateChanged, stateEvent(null, result.request), {
            tenantId: row.tenantId,
          });
        return result;
      }),

    /** Moves a request, writes its history line, and announces a change of state. */
    update: (tenantId: string, id: string, patch: Partial<NewSatRequest>, event?: NewSatEvent) =>
      transaction(async (tx) => {
        const { before, after } = await createSatDownloadRepository(tx.db).update(tenantId, id, patch, event);
        if (
          after.state !== before.state &&
          !canMoveSatRequest(before.state as RequestState, after.state as RequestState)
        )
          throw new IllegalTransitionError(id, before.state, after.state);
        if (after.state !== before.state)
          await events.publish(tx, requestStateChanged, stateEvent(before, after), { tenantId });
        return after;
      }),

    /** The package is safe in storage: mark it, write the history line, announce it for ingestion. */
    packageStored: (
      r: SatRequestRow,
      p: SatPackageRow,
      put: { size: number; sha256: string },
      how: StoredHow,
    ) =>
      transaction(async (tx) => {
        const repo = createSatDownloadRepository(tx.db);
        const stored = { ...p, state: 'stored', size: put.size, sha256: put.sha256, storedAt: deps.now() };
        await repo.updatePackage(p.tenantId, p.id, {
          state: 'stored',
          size: put.size,
          sha256: put.sha256,
          storedAt: stored.storedAt,
          lastError: null,
        });
        await repo.addEvent(p.tenantId, r.id, {
          type: 'package',
          code: 'package_stored',
          params: { packageId: p.satPackageId, how, size: put.size },
          message: `Package ${p.satPackageId} stored (${storedHowText[how]}, ${put.size} bytes)`,
          detail: { key: p.storageKey, sha256: put.sha256 },
        });
        await announce(tx, r, stored);
      }),

    /**
     * Sweeper: announces again the stored packages whose ingestion was asked for more than
     * `staleAfterMs` ago and never reported (a lost job, or packages stored before ingestion was
     * tracked). Ingesting a package twice stores each CFDI once (upsert by UUID).
     */
    async reannounceAwaitingIngestion(staleAfterMs: number, limit = 200): Promise<number> {
      const waiting = await createSatDownloadRepository(deps.db).awaitingIngestion(
        new Date(deps.now().getTime() - staleAfterMs),
        limit,
      );
      for (const p of waiting) {
        await transaction(async (tx) => {
          const request = await createSatDownloadRepository(tx.db).get(p.tenantId, p.requestId);
          if (request) await announce(tx, request, p);
        });
      }
      return waiting.length;
    },

    /** The cfdi module's report on a package (consumer of `cfdi.package.ingested`). */
    recordIngestion: (db: Db, tenantId: string, storageKey: string, state: 'completed' | 'failed') =>
      createSatDownloadRepository(db).recordIngestion(tenantId, storageKey, state, deps.now()),
  };
}

export type RequestRecorder = ReturnType<typeof createRequestRecorder>;
