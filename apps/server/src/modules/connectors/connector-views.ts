import type {
  ConnectorView,
  connectorExportView,
  connectorRunView,
  exportLogView,
  PullConfig,
  PushConfig,
  stagedRecordView,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { ConnectorRow } from './connectors.repository.js';
import type { ExportLogRow, ExportRow } from './exports.repository.js';
import type { RecordRow } from './records.repository.js';
import type { RunRow } from './runs.repository.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toRun(r: RunRow): z.output<typeof connectorRunView> {
  return {
    id: r.id,
    connectorId: r.connectorId,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    attempt: r.attempt,
    counts: r.counts,
    resources: r.resources,
    error: r.error,
    queuedAt: r.queuedAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    requestedBy: r.requestedBy,
  };
}

/** A connector as the API shows it: the auth's method and public half, never its secret. */
export function toConnector(r: ConnectorRow, lastRun: RunRow | null, nextRunAt: Date | null): ConnectorView {
  const p = r.authPublic;
  return {
    id: r.id,
    name: r.name,
    direction: r.direction,
    baseUrl: r.baseUrl,
    auth: {
      type: r.authType,
      header: p.header ?? null,
      username: p.username ?? null,
      tokenUrl: p.tokenUrl ?? null,
      clientId: p.clientId ?? null,
      scope: p.scope ?? null,
      hasSecret: r.authSecret !== null,
    },
    testPath: r.testPath,
    timeoutMs: r.timeoutMs,
    rateLimitPerSecond: r.rateLimitPerSecond,
    schedule: r.scheduleCron
      ? { cron: r.scheduleCron, timeZone: r.scheduleTimeZone ?? 'America/Mexico_City' }
      : null,
    nextRunAt: iso(nextRunAt),
    enabled: r.enabled,
    push: (r.push as PushConfig | null) ?? null,
    pull: (r.pull as PullConfig | null) ?? null,
    lastRun: lastRun ? toRun(lastRun) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toExport(r: ExportRow): z.output<typeof connectorExportView> {
  return {
    documentKind: r.documentKind,
    documentId: r.documentId,
    status: r.status,
    externalId: r.externalId,
    attempts: r.attempts,
    lastExportedAt: iso(r.lastExportedAt),
    lastError: r.lastError,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toLogEntry(r: ExportLogRow): z.output<typeof exportLogView> {
  return {
    id: r.id,
    runId: r.runId,
    documentKind: r.documentKind,
    documentId: r.documentId,
    attempt: r.attempt,
    method: r.method,
    url: r.url,
    idempotencyKey: r.idempotencyKey,
    requestExcerpt: r.requestExcerpt,
    status: r.status,
    responseExcerpt: r.responseExcerpt,
    latencyMs: r.latencyMs,
    outcome: r.outcome,
    error: r.error,
    at: r.at.toISOString(),
  };
}

export function toRecord(r: RecordRow): z.output<typeof stagedRecordView> {
  return {
    id: r.id,
    resource: r.resource,
    kind: r.kind as z.output<typeof stagedRecordView>['kind'],
    externalId: r.externalId,
    payload: r.payload,
    status: r.status,
    lastAction: r.lastAction,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastModifiedAt: r.lastModifiedAt.toISOString(),
    reviewedAt: iso(r.reviewedAt),
    reviewedBy: r.reviewedBy,
  };
}
