import {
  type CfdiPackageIngested,
  cfdiPackageIngested,
  MISSING_XML_MAX_PER_CALL,
  type SatRequestState,
} from '@boveda/contracts';
import type { Logger } from 'pino';
import type { Reader } from '../../platform/crypto/index.js';
import { isAppError } from '../../platform/errors/app-error.js';
import type { EventConsumer } from '../../platform/events/index.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { ObjectNotFoundError, type ObjectStore } from '../../platform/storage/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { fileMissingXml, type MissingXmlSelection, type MissingXmlSource } from './missing-xml.js';
import type { RequestRecorder } from './request-recorder.js';
import type { RfcLock } from './rfc-lock.js';
import type { SatGateway } from './sat/sat-gateway.js';
import { type ConversationStore, type PassSummary, runConversation } from './sat-conversation.js';
import { satDownloadErrors } from './sat-download.errors.js';
import { fileRequestsJob, syncJob, syncTaxpayerJob } from './sat-download.jobs.js';
import type { ListFilter, SatDownloadRepository, SatRequestRow } from './sat-download.repository.js';
import { attentionColumns, efirmaMissing, efirmaUnusable, reasonEvent } from './sat-reasons.js';
import {
  mexicoNow,
  paramsHash,
  type RequestSpec,
  validateSpec,
  windowStart,
  yearSpecs,
} from './sat-request-rules.js';
import { nextVerificationAt } from './verify-schedule.js';
import { yearProgress } from './year-progress.js';

/** The part of the taxpayers module this one needs. */
export interface TaxpayerDirectory {
  getTaxpayer(tenantId: string, rfc: string): Promise<{ id: string; rfc: string }>;
  /** `reader` is who signs with it: the job run or the CLI command (recorded per decryption). */
  openFiel(
    tenantId: string,
    rfc: string,
    reader: Reader,
  ): Promise<{
    taxpayerId: string;
    rfc: string;
    certificateDer: Buffer;
    privateKeyDer: Buffer;
    password: string;
  }>;
}

export interface SatDownloadServiceDeps {
  repo: SatDownloadRepository;
  jobs: Jobs;
  storage: ObjectStore;
  taxpayers: TaxpayerDirectory;
  /** Package downloads are audited like the vault's exports: fiscal data leaving in bulk. */
  audit?: AuditRecorder;
  gateway: SatGateway;
  lock: RfcLock;
  logger: Logger;
  /** Request changes and stored packages, each with its domain event. */
  recorder: RequestRecorder;
  /** Metadata rows without their CFDI (the cfdi module), for the missing-XML folio requests. */
  missingXml?: MissingXmlSource;
  now?: () => Date;
  /** How long a conversation waits for another one on the same taxpayer before giving up. */
  lockWaitMs?: number;
  /** Seconds between looks at a filed request (SAT_VERIFY_SCHEDULE); default below. */
  verifySchedule?: readonly number[];
}

/** 1, 2, 5, 10 and 30 minutes, 1, 2 and 4 hours, then every 4 hours until the nightly run. */
export const DEFAULT_VERIFY_SCHEDULE = [60, 120, 300, 600, 1800, 3600, 7200, 14400] as const;

export type Direction = 'issued' | 'received';

export function createSatDownloadService(deps: SatDownloadServiceDeps) {
  const { jobs, recorder } = deps;
  const now = deps.now ?? (() => new Date());
  const store: ConversationStore = {
    ...deps.repo,
    update: recorder.update,
    insertOrExisting: recorder.insertOrExisting,
    packageStored: recorder.packageStored,
  };
  const repo = store;

  async function taxpayer(tenantId: string, rfc: string) {
    try {
      return await deps.taxpayers.getTaxpayer(tenantId, rfc.toUpperCase());
    } catch (error) {
      if (isAppError(error) && error.status === 404) throw satDownloadErrors('TAXPAYER_NOT_FOUND');
      throw error;
    }
  }

  async function insert(
    tenantId: string,
    tp: { id: string; rfc: string },
    spec: RequestSpec,
    origin: string,
  ) {
    return repo.insertOrExisting({
      tenantId,
      taxpayerId: tp.id,
      rfc: tp.rfc,
      kind: spec.kind,
      direction: spec.direction,
      periodStart: spec.periodStart,
      periodEnd: spec.periodEnd,
      filters: spec.filters,
      folio: spec.folio,
      paramsHash: paramsHash(tp.rfc, spec),
      state: 'pending',
      origin,
    });
  }

  const enqueueFiling = (tenantId: string, rfc: string) => jobs.enqueue(fileRequestsJob, { tenantId, rfc });

  /** One pass of the SAT conversation for a taxpayer, holding its lock; `reader` opens the e.firma. */
  async function converse(
    tenantId: string,
    rfc: string,
    mode: 'file' | 'full',
    reader: Reader,
    progress?: (line: string) => void,
  ): Promise<PassSummary> {
    return deps.lock(tenantId, rfc, { waitMs: deps.lockWaitMs ?? 5_000 }, async () => {
      let credentials: Awaited<ReturnType<TaxpayerDirectory['openFiel']>>;
      try {
        credentials = await deps.taxpayers.openFiel(tenantId, rfc, reader);
      } catch (error) {
        // Not registered (404), or a stored key that cannot be opened safely (422): no pass can
        // succeed until a person registers the e.firma again, so the open requests say so.
        if (!(isAppError(error) && (error.status === 404 || error.status === 422))) throw error;
        const reason =
          error.status === 404 ? efirmaMissing(rfc) : efirmaUnusable(rfc, error.detail ?? error.title);
        for (const r of await repo.activeFor(tenantId, rfc)) {
          await repo.update(
            tenantId,
            r.id,
            { state: 'failed', ...attentionColumns(reason), finishedAt: now() },
            { type: 'state', ...reasonEvent(reason) },
          );
        }
        return { filed: 0, verified: 0, packagesStored: 0, transientErrors: 0 };
      }
      const summary = await runConversation(
        {
          repo,
          storage: deps.storage,
          now,
          progress,
        },
        tenantId,
        rfc,
        (listener) => deps.gateway.session(`${tenantId}:${rfc}`, credentials, listener),
        mode,
      );
      deps.logger.info({ tenantId, rfc, mode, ...summary }, 'SAT conversation done');
      return summary;
    });
  }

  return {
    async createRequest(
      tenantId: string,
      rfc: string,
      input: Omit<RequestSpec, 'folio'> & { folio?: string | null },
    ): Promise<{ request: SatRequestRow; created: boolean }> {
      const tp = await taxpayer(tenantId, rfc);
      const spec = validateSpec({ ...input, folio: input.folio ?? null }, mexicoNow(now()));
      const result = await insert(tenantId, tp, spec, 'api');
      if (result.created) await enqueueFiling(tenantId, tp.rfc);
      return result;
    },

    /** 12 monthly CFDI + 2 semester metadata requests per direction. */
    async fileYear(
      tenantId: string,
      rfc: string,
      year: number,
      direction: Direction | 'both',
      origin = 'year',
    ): Promise<{ request: SatRequestRow; created: boolean }[]> {
      const tp = await taxpayer(tenantId, rfc);
      const localNow = mexicoNow(now());
      const first = Number(windowStart(localNow).slice(0, 4));
      if (!Number.isInteger(year) || year < first || year > Number(localNow.slice(0, 4)))
        throw satDownloadErrors('YEAR_OUT_OF_RANGE', `The SAT serves ${first} to ${localNow.slice(0, 4)}.`);
      const directions: Direction[] = direction === 'both' ? ['issued', 'received'] : [direction];
      const results = [];
      for (const d of directions)
        for (const spec of yearSpecs(year, d, localNow))
          results.push(await insert(tenantId, tp, spec, origin));
      if (results.some((r) => r.created)) await enqueueFiling(tenantId, tp.rfc);
      return results;
    },

    /** Per year with requests: counts by state and whether the year is complete (year-progress.ts). */
    async years(tenantId: string, rfc: string) {
      const tp = await taxpayer(tenantId, rfc);
      const rows = await repo.periodRequests(tenantId, tp.rfc);
      return yearProgress(
        rows.map((r) => ({ ...r, state: r.state as SatRequestState })),
        mexicoNow(now()),
      );
    },

    /**
     * One folio request (SolicitaDescargaFolio) per CFDI the SAT lists in the taxpayer's metadata
     * whose XML the vault lacks (not cancelled), within the selection; at most
     * MISSING_XML_MAX_PER_CALL per call, UUIDs with an open folio request skipped. Filed by the
     * usual job, never here.
     */
    async fileMissingXml(tenantId: string, actor: Actor, rfc: string, selection: MissingXmlSelection) {
      if (!deps.missingXml) throw new Error('sat-download was built without a missing-XML source');
      const tp = await taxpayer(tenantId, rfc);
      if (selection.from && selection.to && selection.from > selection.to)
        throw satDownloadErrors('PERIOD_ORDER', '`from` is after `to`.');
      const openFolios = new Set(
        (await repo.activeFor(tenantId, tp.rfc)).flatMap((r) => (r.folio ? [r.folio.toLowerCase()] : [])),
      );
      const localNow = mexicoNow(now());
      const outcome = await fileMissingXml(
        {
          source: deps.missingXml,
          openFolios,
          cap: MISSING_XML_MAX_PER_CALL,
          file: (uuid) =>
            insert(
              tenantId,
              tp,
              validateSpec(
                {
                  kind: 'cfdi',
                  direction: null,
                  periodStart: null,
                  periodEnd: null,
                  filters: {},
                  folio: uuid,
                },
                localNow,
              ),
              'missing-xml',
            ),
        },
        tenantId,
        tp.rfc,
        selection,
      );
      if (outcome.filed > 0) await enqueueFiling(tenantId, tp.rfc);
      await deps.audit?.record({
        tenantId,
        actor,
        action: 'sat.missing_xml.requested',
        target: { type: 'taxpayer', id: tp.id },
        metadata: {
          rfc: tp.rfc,
          selection: { ...selection, uuids: selection.uuids?.length },
          missing: outcome.missing,
          filed: outcome.filed,
          skipped: outcome.skipped,
          left: outcome.left,
        },
      });
      return outcome;
    },

    /** Per RFC: last successful sync and stopped requests (the start page). */
    homeStatus: (tenantId: string, rfcs: string[]) => repo.homeStatus(tenantId, rfcs),

    list: (tenantId: string, rfc: string, filter: ListFilter) =>
      repo.list(tenantId, rfc.toUpperCase(), filter),

    async get(tenantId: string, rfc: string, id: string) {
      const request = await repo.get(tenantId, id);
      if (!request || request.rfc !== rfc.toUpperCase()) throw satDownloadErrors('SAT_REQUEST_NOT_FOUND');
      const [events, packages, related] = await Promise.all([
        repo.events(tenantId, id),
        repo.packages(tenantId, id),
        repo.related(tenantId, request),
      ]);
      return { request, events, packages, related };
    },

    /**
     * A stored package's zip exactly as the SAT delivered it (what `sha256` names), streamed from
     * object storage. Pending or failed packages are not there yet: 404 like an unknown one.
     */
    async packageFile(tenantId: string, actor: Actor, rfc: string, id: string, satPackageId: string) {
      const request = await repo.get(tenantId, id);
      if (!request || request.rfc !== rfc.toUpperCase()) throw satDownloadErrors('SAT_REQUEST_NOT_FOUND');
      const found = (await repo.packages(tenantId, id)).find((p) => p.satPackageId === satPackageId);
      if (found?.state !== 'stored') throw satDownloadErrors('SAT_PACKAGE_NOT_FOUND');
      let body: NodeJS.ReadableStream;
      try {
        body = await deps.storage.get(found.storageKey);
      } catch (e) {
        if (e instanceof ObjectNotFoundError)
          throw satDownloadErrors('SAT_PACKAGE_NOT_FOUND', undefined, { cause: e });
        throw e;
      }
      await deps.audit?.record({
        tenantId,
        actor,
        action: 'sat.package.downloaded',
        target: { type: 'sat_package', id: found.id },
        metadata: { requestId: id, satPackageId, kind: found.kind, size: found.size },
      });
      return { body, size: found.size, sha256: found.sha256, satPackageId: found.satPackageId };
    },

    /**
     * A person files a stopped request again (after fixing what its reason said). The new request
     * goes through the duplicate guard and, once the SAT accepts it, retires the old one.
     */
    async retry(
      tenantId: string,
      rfc: string,
      id: string,
    ): Promise<{ request: SatRequestRow; created: boolean }> {
      const old = await repo.get(tenantId, id);
      if (!old || old.rfc !== rfc.toUpperCase()) throw satDownloadErrors('SAT_REQUEST_NOT_FOUND');
      if (old.state !== 'failed')
        throw satDownloadErrors(
          'SAT_REQUEST_NOT_RETRYABLE',
          `Only a stopped (failed) request can be filed again; this one is ${old.state}.`,
        );
      const result = await repo.insertOrExisting({
        tenantId,
        taxpayerId: old.taxpayerId,
        rfc: old.rfc,
        kind: old.kind,
        direction: old.direction,
        periodStart: old.periodStart,
        periodEnd: old.periodEnd,
        filters: old.filters,
        folio: old.folio,
        paramsHash: old.paramsHash,
        state: 'pending',
        origin: 'retry',
      });
      if (result.created) {
        const request = await repo.update(
          tenantId,
          result.request.id,
          { replacesId: old.id },
          {
            type: 'note',
            code: 'filed_again_replaces',
            params: { requestId: old.id },
            message: `Filed again by a person; replaces request ${old.id}`,
          },
        );
        await repo.addEvent(tenantId, old.id, {
          type: 'note',
          code: 'filed_again_as',
          params: { requestId: request.id },
          message: `Filed again by a person as request ${request.id}`,
        });
        await enqueueFiling(tenantId, old.rfc);
        return { request, created: true };
      }
      return result;
    },

    /** The cfdi module's report on a stored package, recorded on it (sat_packages.ingestion_state). */
    ingestionReportConsumer: {
      name: 'sat.record-ingestion',
      event: cfdiPackageIngested,
      async handle(event, { tx }) {
        if (!event.tenantId) return;
        await recorder.recordIngestion(tx.db, event.tenantId, event.payload.objectKey, event.payload.state);
      },
    } satisfies EventConsumer<CfdiPackageIngested>,

    /** Sweeper: stored packages whose ingestion never reported within an hour are announced again. */
    reannounceAwaitingIngestion: () => recorder.reannounceAwaitingIngestion(60 * 60_000),

    status: (tenantId: string, rfc?: string) => repo.countsByState(tenantId, rfc?.toUpperCase()),
    needingAttention: (tenantId: string, rfc?: string) => repo.needingAttention(tenantId, rfc?.toUpperCase()),

    /** Queues a sync of every taxpayer with open requests (of one tenant, or all). */
    enqueueSync: (tenantId?: string) => jobs.enqueue(syncJob, { tenantId: tenantId ?? null }),

    /** Handler of the sync job: one queued conversation per taxpayer. */
    async fanOutSync(tenantId: string | null): Promise<number> {
      const targets = await repo.activeTaxpayers(tenantId ?? undefined);
      for (const t of targets) await jobs.enqueue(syncTaxpayerJob, t);
      return targets.length;
    },

    fileRequests: (tenantId: string, rfc: string, reader: Reader) => converse(tenantId, rfc, 'file', reader),

    /**
     * When the worker should next talk to the SAT about this taxpayer's filed requests on its own
     * (null: nothing filed is waiting). Jobs call it after each pass, so a filed request moves without
     * waiting for the nightly run or a person pressing "Sincronizar ahora".
     */
    async nextVerification(tenantId: string, rfc: string): Promise<Date | null> {
      const schedule = deps.verifySchedule ?? DEFAULT_VERIFY_SCHEDULE;
      const waiting = (await repo.activeFor(tenantId, rfc)).filter(
        (r) => r.state !== 'pending' && r.submittedAt !== null,
      );
      const times = waiting.map((r) => nextVerificationAt(r.submittedAt!, now(), schedule).getTime());
      return times.length > 0 ? new Date(Math.min(...times)) : null;
    },
    syncTaxpayer: (tenantId: string, rfc: string, reader: Reader, progress?: (line: string) => void) =>
      converse(tenantId, rfc, 'full', reader, progress),

    /** Every taxpayer with open requests, in this process (the CLI's `sat sync --wait`). */
    async syncNow(tenantId: string | undefined, reader: Reader, progress?: (line: string) => void) {
      const totals: PassSummary = { filed: 0, verified: 0, packagesStored: 0, transientErrors: 0 };
      for (const t of await repo.activeTaxpayers(tenantId)) {
        progress?.(`${t.rfc}: talking to the SAT…`);
        const s = await converse(t.tenantId, t.rfc, 'full', reader, progress);
        for (const k of Object.keys(totals) as (keyof PassSummary)[]) totals[k] += s[k];
      }
      return totals;
    },
  };
}

export type SatDownloadService = ReturnType<typeof createSatDownloadService>;
