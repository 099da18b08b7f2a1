import {
  connectorExportCompleted,
  connectorExportFailed,
  connectorSyncCompleted,
  connectorSyncFailed,
  type PullConfig,
  type PushConfig,
  pullConfig,
  pushConfig,
} from '@boveda/contracts';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/jobs.js';
import { openTarget } from './connector-auth.js';
import { ConnectorBusy, RunRetryLater } from './connectors.jobs.js';
import { createConnectorsRepository } from './connectors.repository.js';
import type { DocumentKind } from './connectors.schema.js';
import type { ErpClient } from './erp/erp-client.js';
import { executePull } from './pull/pull-run.js';
import type { DocumentSources } from './push/document-sources.js';
import { executePush } from './push/push-run.js';
import { createRunsRepository, type RunRow } from './runs.repository.js';

type RunRef = { tenantId: string; runId: string };

/**
 * Runs a queued connector run in a worker: claims it (one run per connector at a time, the
 * connector row locked while claiming), opens the credentials for this job only, pushes or pulls,
 * then records the outcome and its event in one transaction.
 */
export function createRunner(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  secretBox: SecretBox;
  erp: ErpClient;
  sources: DocumentSources;
  runJob: JobDefinition<RunRef>;
  options: { callRetrySeconds: number[]; maxWaitMs: number; maxPages: number };
}) {
  const runs = createRunsRepository(deps.db);

  async function claim(ref: RunRef) {
    return deps.transaction(async (tx) => {
      const r = createRunsRepository(tx.db);
      const run = await r.get(ref.tenantId, ref.runId);
      if (!run || run.finishedAt) return null;
      const connector = await createConnectorsRepository(tx.db).lock(ref.tenantId, run.connectorId);
      if (!connector) return null;
      if (await r.liveOther(connector.id, run.id)) throw new ConnectorBusy();
      const claimed = await r.update(run.id, {
        status: 'running',
        startedAt: run.startedAt ?? new Date(),
        heartbeatAt: new Date(),
        attempt: run.attempt + 1,
        error: null,
      });
      return { run: claimed, connector };
    });
  }

  async function finish(
    run: RunRow,
    connectorName: string,
    outcome: {
      status: 'success' | 'partial' | 'failed';
      counts: Record<string, number>;
      resources?: RunRow['resources'];
      error: string | null;
    },
  ) {
    const finishedAt = new Date();
    await deps.transaction(async (tx) => {
      await createRunsRepository(tx.db).update(run.id, {
        status: outcome.status,
        counts: outcome.counts,
        ...(outcome.resources ? { resources: outcome.resources } : {}),
        error: outcome.error,
        finishedAt,
        heartbeatAt: finishedAt,
      });
      const base = {
        connectorId: run.connectorId,
        connectorName,
        runId: run.id,
        trigger: run.trigger,
        status: outcome.status,
        error: outcome.error,
        startedAt: (run.startedAt ?? run.queuedAt).toISOString(),
        finishedAt: finishedAt.toISOString(),
      };
      const meta = { tenantId: run.tenantId };
      const c = outcome.counts;
      if (run.kind === 'push') {
        const counts = { exported: c.exported ?? 0, failed: c.failed ?? 0, skipped: c.skipped ?? 0 };
        await deps.events.publish(
          tx,
          outcome.status === 'failed' ? connectorExportFailed : connectorExportCompleted,
          { ...base, counts },
          meta,
        );
      } else {
        const counts = {
          fetched: c.fetched ?? 0,
          added: c.added ?? 0,
          updated: c.updated ?? 0,
          unchanged: c.unchanged ?? 0,
          failed: c.failed ?? 0,
        };
        await deps.events.publish(
          tx,
          outcome.status === 'failed' ? connectorSyncFailed : connectorSyncCompleted,
          { ...base, counts, resources: Object.keys(outcome.resources ?? run.resources ?? {}) },
          meta,
        );
      }
    });
  }

  return {
    async execute(ref: RunRef, ctx: JobContext) {
      const claimed = await claim(ref);
      if (!claimed) return;
      const { run, connector } = claimed;
      if (!connector.enabled) {
        await finish(run, connector.name, {
          status: 'failed',
          counts: {},
          error: 'El conector está desactivado.',
        });
        return;
      }
      const target = await openTarget(deps.secretBox, connector, {
        type: 'job',
        job: deps.runJob.name,
        jobId: ctx.jobId,
      });
      const common = {
        db: deps.db,
        transaction: deps.transaction,
        erp: deps.erp,
        callRetryMs: deps.options.callRetrySeconds,
        maxWaitMs: deps.options.maxWaitMs,
        connector,
        target,
        runId: run.id,
      };
      if (run.kind === 'push') {
        const parsed = pushConfig.safeParse(connector.push);
        if (!parsed.success) {
          await finish(run, connector.name, {
            status: 'failed',
            counts: {},
            error: 'El conector no tiene mapeo de envío.',
          });
          return;
        }
        const scope = run.scope as { documents?: { kind: DocumentKind; id: string }[]; force?: boolean };
        const outcome = await executePush({
          ...common,
          events: deps.events,
          sources: deps.sources,
          config: parsed.data as PushConfig,
          scope: { ...(scope.documents ? { documents: scope.documents } : {}), force: scope.force ?? false },
          heartbeat: (counts) => runs.heartbeat(run.id, { counts }),
        });
        if (outcome.transient && !ctx.lastAttempt) {
          await runs.update(run.id, {
            status: 'queued',
            counts: outcome.counts,
            error: `${outcome.error} Se reintentará.`,
          });
          throw new RunRetryLater(outcome.error ?? 'retry');
        }
        const c = outcome.counts;
        const status =
          outcome.transient || (c.failed > 0 && c.exported === 0)
            ? 'failed'
            : c.failed > 0
              ? 'partial'
              : 'success';
        await finish(run, connector.name, { status, counts: c, error: outcome.error });
        return;
      }
      const parsed = pullConfig.safeParse(connector.pull);
      if (!parsed.success) {
        await finish(run, connector.name, {
          status: 'failed',
          counts: {},
          error: 'El conector no tiene recursos que importar.',
        });
        return;
      }
      const config = parsed.data as PullConfig;
      const scope = run.scope as { resources?: string[]; full?: boolean };
      const resources = scope.resources
        ? config.resources.filter((r) => scope.resources!.includes(r.name))
        : config.resources;
      const outcome = await executePull({
        ...common,
        maxPages: deps.options.maxPages,
        resources,
        full: scope.full ?? false,
        heartbeat: (counts, reports) => runs.heartbeat(run.id, { counts: { ...counts }, resources: reports }),
      });
      if (outcome.transient && !ctx.lastAttempt) {
        await runs.update(run.id, {
          status: 'queued',
          counts: { ...outcome.counts },
          resources: outcome.resources,
          error: `${outcome.error} Se reintentará.`,
        });
        throw new RunRetryLater(outcome.error ?? 'retry');
      }
      const status =
        outcome.failedResources === 0
          ? outcome.counts.failed > 0
            ? 'partial'
            : 'success'
          : outcome.failedResources === resources.length
            ? 'failed'
            : 'partial';
      await finish(run, connector.name, {
        status,
        counts: { ...outcome.counts },
        resources: outcome.resources,
        error: outcome.error,
      });
    },

    /** The job gave up (a crash, or busy for too long): the run shows failed and says why. */
    async giveUp(ref: RunRef, error: unknown) {
      const run = await runs.get(ref.tenantId, ref.runId);
      if (!run || run.finishedAt) return;
      const connector = await createConnectorsRepository(deps.db).get(ref.tenantId, run.connectorId);
      const message =
        error instanceof ConnectorBusy || error instanceof RunRetryLater
          ? error.message
          : 'La ejecución falló por un error interno; revisa los registros del servidor.';
      await finish(run, connector?.name ?? '', { status: 'failed', counts: run.counts, error: message });
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;
