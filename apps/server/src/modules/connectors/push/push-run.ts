import { connectorDocumentExported, type PushConfig } from '@boveda/contracts';
import { sha256 } from '../../../platform/crypto/index.js';
import type { Db } from '../../../platform/db/client.js';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import type { Events } from '../../../platform/events/index.js';
import type { ConnectorRow } from '../connectors.repository.js';
import type { DocumentKind } from '../connectors.schema.js';
import {
  createPacer,
  ErpCallError,
  type ErpClient,
  type ErpTarget,
  loggableUrl,
  withRetries,
} from '../erp/erp-client.js';
import { createExportsRepository, type ExportRow, type NewExportLog } from '../exports.repository.js';
import type { SourceDocument } from '../mapping/source-document.js';
import { compilePath, compileTemplate, readPath } from '../mapping/template.js';
import type { DocumentSources } from './document-sources.js';

const EXCERPT = 2000;
/** Connector-level failures in a row (auth, network, 5xx) after which a run stops: the ERP is down. */
const ABORT_AFTER = 3;
const BATCH = 200;

export interface PushOutcome {
  counts: { exported: number; failed: number; skipped: number };
  error: string | null;
  /** The run stopped because the ERP could not be reached: a later retry may do better. */
  transient: boolean;
}

/**
 * The Idempotency-Key of one export of one document: stable across every retry of that export (a
 * lost answer replays), new with each forced re-export (`generation`).
 */
export const idempotencyKey = (
  connectorId: string,
  kind: DocumentKind,
  documentId: string,
  generation: number,
) => `boveda-${sha256(`${connectorId}:${kind}:${documentId}:${generation}`).slice(0, 40)}`;

/** What a push would send for one document (the preview and the run build it the same way). */
export function renderPush(config: PushConfig, doc: SourceDocument) {
  const body = compileTemplate(config.body).render(doc);
  const path = compilePath(config.path).render(doc) as string;
  return { method: config.method, path, body };
}

const isConnectorLevel = (e: ErpCallError) => e.kind !== 'http' || e.retryable;

/**
 * Exports documents to the ERP: the ones named, or every document of the source not exported yet.
 * Each document is its own unit: rendered, sent with its Idempotency-Key (retried on 429, 5xx and
 * silence with the same key), and recorded with its log in one transaction, with the
 * `document.exported` event. A run that keeps failing at the connector level stops early.
 */
export async function executePush(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  erp: ErpClient;
  sources: DocumentSources;
  callRetryMs: number[];
  maxWaitMs: number;
  heartbeat: (counts: PushOutcome['counts']) => Promise<void>;
  connector: ConnectorRow;
  target: ErpTarget;
  runId: string;
  config: PushConfig;
  scope: { documents?: { kind: DocumentKind; id: string }[]; force: boolean };
}): Promise<PushOutcome> {
  const { connector, config, runId, target } = deps;
  const tenantId = connector.tenantId;
  const counts = { exported: 0, failed: 0, skipped: 0 };
  const body = compileTemplate(config.body);
  const path = compilePath(config.path);
  const pacer = createPacer(connector.rateLimitPerSecond);
  let consecutive = 0;
  let abort: ErpCallError | null = null;

  async function exportOne(
    doc: SourceDocument | null,
    kind: DocumentKind,
    id: string,
    existing: ExportRow | undefined,
  ) {
    if (abort) return;
    const force = deps.scope.force;
    if (existing?.status === 'exported' && !force) {
      counts.skipped++;
      return;
    }
    const exp = await createExportsRepository(deps.db).begin(
      tenantId,
      connector.id,
      kind,
      id,
      force && existing?.status === 'exported',
    );
    const logs: NewExportLog[] = [];
    if (!doc) {
      await record(exp, logs, {
        status: 'failed',
        error: 'El documento ya no existe o no está procesado.',
        attempts: 0,
      });
      counts.failed++;
      return;
    }
    const payload = body.render(doc);
    const bodyText = JSON.stringify(payload);
    const urlPath = path.render(doc) as string;
    const key = idempotencyKey(connector.id, kind, id, exp.generation);
    let attempts = 0;
    const logEntry = (
      attempt: number,
      res: { status: number | null; body: string | null; latencyMs: number; url: string },
      outcome: NewExportLog['outcome'],
      error: string | null,
    ) =>
      logs.push({
        id: crypto.randomUUID(),
        tenantId,
        connectorId: connector.id,
        runId,
        documentKind: kind,
        documentId: id,
        attempt,
        method: config.method,
        url: loggableUrl(res.url),
        idempotencyKey: key,
        requestExcerpt: bodyText.slice(0, EXCERPT),
        status: res.status,
        responseExcerpt: res.body?.slice(0, EXCERPT) ?? null,
        latencyMs: res.latencyMs,
        outcome,
        error,
        at: new Date(),
      });
    const url = `${target.baseUrl.replace(/\/$/, '')}${urlPath}`;
    try {
      const res = await withRetries(
        deps.callRetryMs.map((s) => s * 1000),
        async (attempt) => {
          attempts = attempt;
          await pacer.wait();
          const last = attempt > deps.callRetryMs.length;
          let answer: Awaited<ReturnType<ErpClient['send']>>;
          try {
            answer = await deps.erp.send(target, {
              method: config.method,
              path: urlPath,
              json: payload,
              headers: { 'idempotency-key': key },
            });
          } catch (err) {
            const e = err as ErpCallError;
            logEntry(
              attempt,
              { status: null, body: null, latencyMs: e.latencyMs ?? 0, url },
              e.retryable && !last ? 'retrying' : 'failed',
              e.message,
            );
            throw err;
          }
          const text = answer.body.toString('utf8');
          if (answer.status >= 200 && answer.status < 300) {
            const replayed = String(answer.headers['idempotent-replayed'] ?? '') === 'true';
            logEntry(
              attempt,
              { status: answer.status, body: text, latencyMs: answer.latencyMs, url: answer.url },
              replayed ? 'replayed' : 'exported',
              null,
            );
            return { answer, text, replayed };
          }
          const failure = deps.erp.failure(answer);
          logEntry(
            attempt,
            { status: answer.status, body: text, latencyMs: answer.latencyMs, url: answer.url },
            failure.retryable && !last ? 'retrying' : failure.retryable ? 'failed' : 'rejected',
            failure.message,
          );
          throw failure;
        },
        { maxWaitMs: deps.maxWaitMs },
      );
      let externalId: string | null = null;
      try {
        const found = readPath(JSON.parse(res.text), config.externalIdPath);
        externalId = typeof found === 'string' || typeof found === 'number' ? String(found) : null;
      } catch {
        externalId = null;
      }
      await record(
        exp,
        logs,
        { status: 'exported', externalId, payloadHash: sha256(bodyText), attempts },
        async (tx) => {
          await deps.events.publish(
            tx,
            connectorDocumentExported,
            {
              connectorId: connector.id,
              connectorName: connector.name,
              runId,
              documentKind: kind,
              documentId: id,
              uuid: doc.uuid,
              externalId,
              exportedAt: new Date().toISOString(),
              forced: exp.generation > 1,
              replayed: res.replayed,
            },
            { tenantId },
          );
        },
      );
      counts.exported++;
      consecutive = 0;
    } catch (err) {
      if (!(err instanceof ErpCallError)) throw err;
      const e = err;
      await record(exp, logs, { status: 'failed', error: e.message, attempts });
      counts.failed++;
      if (isConnectorLevel(e)) {
        consecutive++;
        if (
          consecutive >= ABORT_AFTER ||
          e.kind === 'auth' ||
          e.kind === 'blocked' ||
          e.kind === 'invalid_url'
        )
          abort = e;
      } else consecutive = 0;
    }
  }

  async function record(
    exp: ExportRow,
    logs: NewExportLog[],
    outcome: Parameters<ReturnType<typeof createExportsRepository>['finish']>[1],
    more?: (tx: Parameters<Parameters<UnitOfWork>[0]>[0]) => Promise<void>,
  ) {
    await deps.transaction(async (tx) => {
      const repo = createExportsRepository(tx.db);
      await repo.finish(exp.id, outcome);
      await repo.log(logs);
      await more?.(tx);
    });
  }

  /** Runs a batch with the connector's concurrency. */
  async function runBatch(items: { doc: SourceDocument | null; kind: DocumentKind; id: string }[]) {
    const existing = new Map<string, ExportRow>();
    for (const kind of ['invoice', 'cfdi'] as const) {
      const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
      const found = await createExportsRepository(deps.db).forDocuments(connector.id, kind, ids);
      for (const [k, v] of found) existing.set(`${kind}:${k}`, v);
    }
    let next = 0;
    const worker = async () => {
      while (next < items.length && !abort) {
        const item = items[next++]!;
        await exportOne(item.doc, item.kind, item.id, existing.get(`${item.kind}:${item.id}`));
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, items.length) }, worker));
    await deps.heartbeat(counts);
  }

  if (deps.scope.documents) {
    for (let i = 0; i < deps.scope.documents.length && !abort; i += BATCH) {
      const refs = deps.scope.documents.slice(i, i + BATCH);
      const docs = await Promise.all(refs.map((r) => deps.sources.load(tenantId, r.kind, r.id)));
      await runBatch(refs.map((r, j) => ({ doc: docs[j] ?? null, kind: r.kind, id: r.id })));
    }
  } else {
    for await (const batch of deps.sources.pending(tenantId, connector.id, config, BATCH)) {
      await runBatch(batch.map((doc) => ({ doc, kind: doc.kind, id: doc.id })));
      if (abort) break;
    }
  }

  const stopped = abort as ErpCallError | null;
  return {
    counts,
    error: stopped
      ? `Se detuvo: ${stopped.message}`
      : counts.failed > 0
        ? `${counts.failed} documento(s) no se exportaron; revisa el registro.`
        : null,
    transient: !!stopped && stopped.retryable,
  };
}
