import {
  type ConnectorCreateBody,
  type ConnectorUpdateBody,
  connectorRecordsAccepted,
  type PullConfig,
  type PushConfig,
  pullConfig,
  pushConfig,
  type ValidationIssue,
} from '@boveda/contracts';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Events } from '../../platform/events/index.js';
import type { JobDefinition, Jobs } from '../../platform/jobs/jobs.js';
import { InvalidScheduleError, nextRun, type Schedules } from '../../platform/jobs/schedules.js';
import { checkUserUrl, type OutboundClient } from '../../platform/outbound/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import { openTarget, sealAuthSecret, splitAuth } from './connector-auth.js';
import { connectorScheduledJob } from './connectors.jobs.js';
import {
  type ConnectorPatch,
  type ConnectorRow,
  createConnectorsRepository,
} from './connectors.repository.js';
import type { DocumentKind, RecordStatus, RunKind, RunTrigger } from './connectors.schema.js';
import { ErpCallError, type ErpClient, loggableUrl } from './erp/erp-client.js';
import { createExportsRepository } from './exports.repository.js';
import { compilePath, compileTemplate, TemplateError } from './mapping/template.js';
import type { DocumentSources } from './push/document-sources.js';
import { idempotencyKey, renderPush } from './push/push-run.js';
import { createRecordsRepository } from './records.repository.js';
import { createRunsRepository } from './runs.repository.js';

type Page = { limit: number; after?: { createdAt: Date; id: string } };
type RunRef = { tenantId: string; runId: string };

const URL_CODES = {
  invalid: 'CONNECTOR_URL_INVALID',
  not_https: 'CONNECTOR_URL_INVALID',
  blocked: 'CONNECTOR_URL_BLOCKED',
} as const;

const wantsPush = (d: string) => d === 'push' || d === 'both';
const wantsPull = (d: string) => d === 'pull' || d === 'both';

/** Connectors of an organization: their settings, runs, exports and staged records. */
export function createConnectorsService(deps: {
  db: Db;
  transaction: UnitOfWork;
  jobs: Jobs;
  schedules: Schedules;
  events: Events;
  secretBox: SecretBox;
  outbound: OutboundClient;
  erp: ErpClient;
  audit: AuditRecorder;
  sources: DocumentSources;
  runJob: JobDefinition<RunRef>;
  /** The organization's plan (plans module): refuses a connector past its count. */
  quotas?: Pick<Quotas, 'ensureRoom'>;
}) {
  const repo = createConnectorsRepository(deps.db);
  const runs = createRunsRepository(deps.db);
  const exports = createExportsRepository(deps.db);
  const records = createRecordsRepository(deps.db);

  async function found(tenantId: string, id: string): Promise<ConnectorRow> {
    const row = await repo.get(tenantId, id);
    if (!row) throw appError('CONNECTOR_NOT_FOUND');
    return row;
  }

  async function checkUrl(raw: string) {
    const checked = await checkUserUrl(raw, { outbound: deps.outbound });
    if ('problem' in checked) throw appError(URL_CODES[checked.problem.kind], checked.problem.message);
    return checked.url.replace(/\/$/, '');
  }

  function checkTemplates(push: PushConfig | null | undefined) {
    if (!push) return;
    try {
      compileTemplate(push.body);
      compilePath(push.path);
    } catch (err) {
      if (err instanceof TemplateError)
        throw appError('CONNECTOR_TEMPLATE_INVALID', err.message, { params: err.params });
      throw err;
    }
  }

  function checkSchedule(schedule: { cron: string; timeZone: string } | null | undefined) {
    if (!schedule) return;
    try {
      nextRun(schedule.cron, schedule.timeZone, new Date());
    } catch (err) {
      if (err instanceof InvalidScheduleError) throw appError('CONNECTOR_SCHEDULE_INVALID', err.message);
      throw err;
    }
  }

  function checkDirection(direction: string, push: unknown, pull: unknown) {
    const errors: ValidationIssue[] = [
      ...(wantsPush(direction) && !push
        ? [{ path: 'push', code: 'required' as const, message: 'required for a push connector' }]
        : []),
      ...(wantsPull(direction) && !pull
        ? [{ path: 'pull', code: 'required' as const, message: 'required for a pull connector' }]
        : []),
    ];
    if (errors.length > 0)
      throw appError('VALIDATION_FAILED', 'The connector needs the settings of its direction.', { errors });
  }

  async function syncSchedule(row: ConnectorRow, tx: Parameters<Parameters<UnitOfWork>[0]>[0]) {
    if (row.scheduleCron && row.enabled)
      await deps.schedules.upsert(
        {
          job: connectorScheduledJob,
          key: row.id,
          tenantId: row.tenantId,
          cron: row.scheduleCron,
          tz: row.scheduleTimeZone ?? 'America/Mexico_City',
          payload: { tenantId: row.tenantId, connectorId: row.id },
        },
        tx,
      );
    else await deps.schedules.remove(connectorScheduledJob, row.id, tx);
  }

  const audit = (
    tenantId: string,
    actor: Actor,
    action: string,
    id: string,
    metadata?: Record<string, unknown>,
  ) =>
    deps.audit.record({
      tenantId,
      actor,
      action,
      target: { type: 'connector', id },
      ...(metadata ? { metadata } : {}),
    });

  async function queueRun(
    row: ConnectorRow,
    kind: RunKind,
    trigger: RunTrigger,
    scope: Record<string, unknown>,
    requestedBy: string | null,
  ) {
    return deps.transaction(async (tx) => {
      const run = await createRunsRepository(tx.db).insert({
        id: crypto.randomUUID(),
        tenantId: row.tenantId,
        connectorId: row.id,
        kind,
        trigger,
        scope,
        requestedBy,
      });
      await deps.jobs.enqueue(deps.runJob, { tenantId: row.tenantId, runId: run.id }, { tx });
      return run;
    });
  }

  return {
    get: found,

    list: (tenantId: string, page: Page) => repo.list(tenantId, page),
    listAll: (tenantId: string) => repo.listAll(tenantId),
    latestRuns: (tenantId: string, ids: string[]) => runs.latest(tenantId, ids),

    nextRunAt(row: ConnectorRow): Date | null {
      if (!row.scheduleCron || !row.enabled) return null;
      try {
        return nextRun(row.scheduleCron, row.scheduleTimeZone ?? 'America/Mexico_City', new Date());
      } catch {
        return null;
      }
    },

    async create(tenantId: string, actor: Actor, body: ConnectorCreateBody): Promise<ConnectorRow> {
      const baseUrl = await checkUrl(body.baseUrl);
      const auth = splitAuth(body.auth);
      if (auth.type !== 'none' && !auth.secret) throw appError('CONNECTOR_SECRET_REQUIRED');
      if (body.auth.type === 'oauth2') await checkUrl(body.auth.tokenUrl);
      checkDirection(body.direction, body.push, body.pull);
      checkTemplates(body.push);
      checkSchedule(body.schedule);
      const id = crypto.randomUUID();
      const row = await deps.transaction(async (tx) => {
        await deps.quotas?.ensureRoom(tx, tenantId, 'connectors');
        const created = await createConnectorsRepository(tx.db).insert({
          id,
          tenantId,
          name: body.name,
          direction: body.direction,
          baseUrl,
          authType: auth.type,
          authPublic: auth.public,
          authSecret: await sealAuthSecret(deps.secretBox, tenantId, id, auth.secret),
          testPath: body.testPath ?? null,
          timeoutMs: body.timeoutMs,
          rateLimitPerSecond: body.rateLimitPerSecond,
          scheduleCron: body.schedule?.cron ?? null,
          scheduleTimeZone: body.schedule?.timeZone ?? null,
          enabled: body.enabled,
          push: wantsPush(body.direction) ? body.push : null,
          pull: wantsPull(body.direction) ? body.pull : null,
        });
        await syncSchedule(created, tx);
        return created;
      });
      await audit(tenantId, actor, 'connector.created', id, {
        name: body.name,
        direction: body.direction,
        auth: auth.type,
      });
      return row;
    },

    async update(
      tenantId: string,
      actor: Actor,
      id: string,
      body: ConnectorUpdateBody,
    ): Promise<ConnectorRow> {
      const current = await found(tenantId, id);
      const patch: ConnectorPatch = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.baseUrl !== undefined) patch.baseUrl = await checkUrl(body.baseUrl);
      if (body.auth !== undefined) {
        const auth = splitAuth(body.auth);
        if (body.auth.type === 'oauth2') await checkUrl(body.auth.tokenUrl);
        // A secret left out keeps the stored one, as long as the method is the same.
        const keep = auth.secret === undefined && auth.type === current.authType;
        if (auth.type !== 'none' && !auth.secret && !keep) throw appError('CONNECTOR_SECRET_REQUIRED');
        patch.authType = auth.type;
        patch.authPublic = auth.public;
        if (!keep) patch.authSecret = await sealAuthSecret(deps.secretBox, tenantId, id, auth.secret);
      }
      if (body.testPath !== undefined) patch.testPath = body.testPath;
      if (body.timeoutMs !== undefined) patch.timeoutMs = body.timeoutMs;
      if (body.rateLimitPerSecond !== undefined) patch.rateLimitPerSecond = body.rateLimitPerSecond;
      if (body.schedule !== undefined) {
        checkSchedule(body.schedule);
        patch.scheduleCron = body.schedule?.cron ?? null;
        patch.scheduleTimeZone = body.schedule?.timeZone ?? null;
      }
      if (body.enabled !== undefined) patch.enabled = body.enabled;
      const direction = body.direction ?? current.direction;
      patch.direction = direction;
      const push = body.push !== undefined ? body.push : (current.push as PushConfig | null);
      const pull = body.pull !== undefined ? body.pull : (current.pull as PullConfig | null);
      checkDirection(direction, push, pull);
      checkTemplates(body.push);
      patch.push = wantsPush(direction) ? push : null;
      patch.pull = wantsPull(direction) ? pull : null;
      if (patch.authType !== undefined || patch.baseUrl !== undefined) {
        patch.credentialsVersion = current.credentialsVersion + 1;
        deps.erp.forget(id);
      }
      const row = await deps.transaction(async (tx) => {
        const updated = await createConnectorsRepository(tx.db).update(tenantId, id, patch);
        if (!updated) throw appError('CONNECTOR_NOT_FOUND');
        await syncSchedule(updated, tx);
        return updated;
      });
      await audit(tenantId, actor, 'connector.updated', id, {
        fields: Object.keys(body),
        ...(body.auth ? { auth: body.auth.type } : {}),
      });
      return row;
    },

    async remove(tenantId: string, actor: Actor, id: string) {
      const row = await found(tenantId, id);
      await deps.transaction(async (tx) => {
        await deps.schedules.remove(connectorScheduledJob, id, tx);
        await createConnectorsRepository(tx.db).delete(tenantId, id);
      });
      deps.erp.forget(id);
      await audit(tenantId, actor, 'connector.deleted', id, { name: row.name });
    },

    /**
     * "Probar conexión": one authenticated GET of the test path (an OAuth token first). Read-only
     * on both sides and bounded by the connector's timeout, so it answers in the request.
     */
    async test(tenantId: string, id: string, reader: Reader) {
      const row = await found(tenantId, id);
      const target = await openTarget(deps.secretBox, row, reader);
      const started = performance.now();
      try {
        const res = await deps.erp.send(target, { method: 'GET', path: row.testPath ?? '/' });
        const ok = res.status >= 200 && res.status < 300;
        return {
          ok,
          status: res.status,
          latencyMs: res.latencyMs,
          error: ok ? null : deps.erp.failure(res).message,
        };
      } catch (err) {
        if (!(err instanceof ErpCallError)) throw err;
        return {
          ok: false,
          status: err.status,
          latencyMs: Math.round(performance.now() - started),
          error: err.message,
        };
      }
    },

    /** The request a push would send for one document (dry run: nothing leaves the server). */
    async preview(
      tenantId: string,
      id: string,
      document: { kind: DocumentKind; id: string },
      config?: PushConfig,
    ) {
      const row = await found(tenantId, id);
      const push = config ?? (row.push ? pushConfig.parse(row.push) : null);
      if (!push) throw appError('CONNECTOR_DIRECTION_MISMATCH');
      checkTemplates(push);
      const doc = await deps.sources.load(tenantId, document.kind, document.id);
      if (!doc) throw appError('CONNECTOR_DOCUMENT_NOT_FOUND');
      const rendered = renderPush(push, doc);
      const existing = (await exports.forDocuments(id, document.kind, [document.id])).get(document.id);
      const authHeader: Record<string, string> =
        row.authType === 'api_key'
          ? { [row.authPublic.header ?? 'X-Api-Key']: '••••' }
          : row.authType === 'none'
            ? {}
            : { authorization: row.authType === 'basic' ? 'Basic ••••' : 'Bearer ••••' };
      return {
        method: rendered.method,
        url: loggableUrl(`${row.baseUrl}${rendered.path}`),
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey(id, document.kind, document.id, existing?.generation ?? 1),
          ...authHeader,
        },
        body: rendered.body,
        source: doc,
      };
    },

    async queuePush(
      tenantId: string,
      id: string,
      body: { documents?: { kind: DocumentKind; id: string }[]; force: boolean },
      requestedBy: string | null,
      trigger: RunTrigger = 'manual',
    ) {
      const row = await found(tenantId, id);
      if (!row.enabled) throw appError('CONNECTOR_DISABLED');
      if (!wantsPush(row.direction) || !row.push) throw appError('CONNECTOR_DIRECTION_MISMATCH');
      return queueRun(row, 'push', trigger, { ...body }, requestedBy);
    },

    async queuePull(
      tenantId: string,
      id: string,
      body: { resources?: string[]; full: boolean },
      requestedBy: string | null,
      trigger: RunTrigger = 'manual',
    ) {
      const row = await found(tenantId, id);
      if (!row.enabled) throw appError('CONNECTOR_DISABLED');
      const config = row.pull ? pullConfig.parse(row.pull) : null;
      if (!wantsPull(row.direction) || !config) throw appError('CONNECTOR_DIRECTION_MISMATCH');
      const unknown = (body.resources ?? []).filter((r) => !config.resources.some((c) => c.name === r));
      if (unknown.length > 0) throw appError('CONNECTOR_RESOURCE_UNKNOWN', `Unknown: ${unknown.join(', ')}`);
      return queueRun(row, 'pull', trigger, { ...body }, requestedBy);
    },

    /** The schedule fired: the connector's runs, unless one of that kind is still waiting or running. */
    async runScheduled(tenantId: string, connectorId: string) {
      const row = await repo.get(tenantId, connectorId);
      if (!row?.enabled) return;
      const active = await runs.list(tenantId, connectorId, {}, { limit: 20 });
      const busy = (kind: RunKind) =>
        active.some((r) => r.kind === kind && (r.status === 'queued' || r.status === 'running'));
      if (wantsPush(row.direction) && row.push && !busy('push'))
        await queueRun(row, 'push', 'schedule', { force: false }, null);
      if (wantsPull(row.direction) && row.pull && !busy('pull'))
        await queueRun(row, 'pull', 'schedule', { full: false }, null);
    },

    runs: (tenantId: string, id: string, filter: { kind?: RunKind }, page: Page) =>
      found(tenantId, id).then(() => runs.list(tenantId, id, filter, page)),

    async run(tenantId: string, id: string, runId: string) {
      const run = await runs.get(tenantId, runId);
      if (!run || run.connectorId !== id) throw appError('CONNECTOR_RUN_NOT_FOUND');
      return run;
    },

    exports: (tenantId: string, id: string, filter: { status?: 'exported' | 'failed' }, page: Page) =>
      found(tenantId, id).then(() => exports.list(tenantId, id, filter, page)),

    exportLog: (tenantId: string, id: string, filter: { runId?: string; documentId?: string }, page: Page) =>
      found(tenantId, id).then(() => exports.logPage(tenantId, id, filter, page)),

    documentExports: (tenantId: string, kind: DocumentKind, ids: string[]) =>
      exports.byDocuments(tenantId, kind, ids),

    async stats(tenantId: string, id: string) {
      const row = await found(tenantId, id);
      const push = row.push ? pushConfig.parse(row.push) : null;
      const kind = push ? (push.source === 'inbox' ? 'invoice' : 'cfdi') : null;
      const [s, staged, total] = await Promise.all([
        exports.stats(tenantId, id, kind),
        records.countsByResource(tenantId, id),
        push ? deps.sources.sourceCount(tenantId, push) : Promise.resolve(null),
      ]);
      return {
        exported: s.exported,
        failed: s.failed,
        pending: total === null ? null : Math.max(0, total - s.exportedOfSource),
        lastExportedAt: s.lastExportedAt ? new Date(s.lastExportedAt).toISOString() : null,
        last30Days: { exported: s.exported30, failed: s.failed30 },
        staged,
      };
    },

    records: (
      tenantId: string,
      id: string,
      filter: { resource?: string; status?: RecordStatus; q?: string },
      page: Page,
    ) => found(tenantId, id).then(() => records.list(tenantId, id, filter, page)),

    /**
     * A person accepts or ignores staged records. Accepted ones are announced with their payload
     * (`connectors.records.accepted`) for the module that owns that kind of record to import.
     */
    async review(tenantId: string, actor: Actor, id: string, ids: string[], action: 'accept' | 'ignore') {
      const row = await found(tenantId, id);
      const by = actor.label ?? actor.id ?? actor.type;
      const changed = await deps.transaction(async (tx) => {
        const rows = await createRecordsRepository(tx.db).review(
          tenantId,
          id,
          ids,
          action === 'accept' ? 'accepted' : 'ignored',
          by,
        );
        if (action === 'accept') {
          const byResource = new Map<string, typeof rows>();
          for (const r of rows) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r]);
          for (const [resource, list] of byResource)
            await deps.events.publish(
              tx,
              connectorRecordsAccepted,
              {
                connectorId: id,
                connectorName: row.name,
                resource,
                kind: list[0]!.kind as 'customers' | 'suppliers' | 'purchase_orders' | 'other',
                records: list.map((r) => ({ id: r.id, externalId: r.externalId, payload: r.payload })),
              },
              { tenantId },
            );
        }
        return rows.length;
      });
      await audit(
        tenantId,
        actor,
        action === 'accept' ? 'connector.records.accepted' : 'connector.records.ignored',
        id,
        {
          count: changed,
        },
      );
      return changed;
    },
  };
}

export type ConnectorsService = ReturnType<typeof createConnectorsService>;
