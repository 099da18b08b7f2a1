import type { PullResource } from '@boveda/contracts';
import { canonicalJson, sha256 } from '../../../platform/crypto/index.js';
import type { Db } from '../../../platform/db/client.js';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import { type ConnectorRow, createConnectorsRepository } from '../connectors.repository.js';
import { createPacer, ErpCallError, type ErpClient, type ErpTarget, withRetries } from '../erp/erp-client.js';
import { readPath } from '../mapping/template.js';
import { createRecordsRepository, type StagedInput } from '../records.repository.js';

export interface PullCounts {
  fetched: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export type ResourceReport = Record<string, number | string | null>;

export interface PullOutcome {
  counts: PullCounts;
  resources: Record<string, ResourceReport>;
  error: string | null;
  /** Every resource that failed did so for a reason a later retry may fix. */
  transient: boolean;
  /** Resources that failed / were read. */
  failedResources: number;
}

/** Subtracts the look-back window from an ISO 8601 cursor; other cursor texts are used as they are. */
function since(cursor: string | null, lookbackSeconds: number): string | null {
  if (!cursor || lookbackSeconds === 0) return cursor;
  const at = Date.parse(cursor);
  return Number.isNaN(at) ? cursor : new Date(at - lookbackSeconds * 1000).toISOString();
}

/** The query of one page in the resource's pagination style. */
function pageQuery(
  r: PullResource,
  position: { page: number; offset: number; cursor: string | null },
  from: string | null,
) {
  const q = new URLSearchParams();
  const p = r.pagination;
  if (p.style === 'page') {
    q.set(p.pageParam, String(position.page));
    q.set(p.sizeParam, String(p.pageSize));
  } else if (p.style === 'offset') {
    q.set(p.offsetParam, String(position.offset));
    q.set(p.limitParam, String(p.pageSize));
  } else if (p.style === 'cursor') {
    q.set(p.cursorParam, position.cursor ?? '');
    q.set(p.limitParam, String(p.pageSize));
  }
  if (r.incremental && from) q.set(r.incremental.param, from);
  return q.toString();
}

function withQuery(path: string, query: string) {
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Reads every resource of a pull connector into staging, page by page. Each page is one
 * transaction: its records (only the changed ones are written) and the resource's incremental
 * cursor, so a run that dies resumes after its last page. A resource that fails does not stop the
 * others; the run is partial.
 */
export async function executePull(deps: {
  db: Db;
  transaction: UnitOfWork;
  erp: ErpClient;
  callRetryMs: number[];
  maxWaitMs: number;
  maxPages: number;
  heartbeat: (counts: PullCounts, resources: Record<string, ResourceReport>) => Promise<void>;
  connector: ConnectorRow;
  target: ErpTarget;
  runId: string;
  resources: PullResource[];
  full: boolean;
}): Promise<PullOutcome> {
  const { connector } = deps;
  const tenantId = connector.tenantId;
  const counts: PullCounts = { fetched: 0, added: 0, updated: 0, unchanged: 0, failed: 0 };
  const reports: Record<string, ResourceReport> = {};
  const pacer = createPacer(connector.rateLimitPerSecond);
  const errors: ErpCallError[] = [];

  for (const resource of deps.resources) {
    const report: ResourceReport = { fetched: 0, added: 0, updated: 0, unchanged: 0, failed: 0, pages: 0 };
    reports[resource.name] = report;
    const add = (k: keyof PullCounts, n: number) => {
      counts[k] += n;
      report[k] = (report[k] as number) + n;
    };
    const cursorFrom = deps.full
      ? null
      : await createConnectorsRepository(deps.db).cursor(tenantId, connector.id, resource.name);
    report.cursorFrom = cursorFrom;
    report.cursorTo = cursorFrom;
    const from = resource.incremental ? since(cursorFrom, resource.incremental.lookbackSeconds) : null;
    const position = { page: 1, offset: 0, cursor: null as string | null };
    try {
      for (let pages = 0; ; pages++) {
        if (pages >= deps.maxPages)
          throw new ErpCallError(
            'http',
            `Se leyeron ${deps.maxPages} páginas sin llegar al final; revisa la paginación.`,
            false,
          );
        const path = withQuery(resource.path, pageQuery(resource, position, from));
        const res = await withRetries(
          deps.callRetryMs.map((s) => s * 1000),
          async () => {
            await pacer.wait();
            return deps.erp.ok(deps.target, { method: 'GET', path });
          },
          { maxWaitMs: deps.maxWaitMs },
        );
        let body: unknown;
        try {
          body = JSON.parse(res.body.toString('utf8'));
        } catch {
          throw new ErpCallError('http', `${resource.path} no respondió JSON.`, false, res.status);
        }
        const list = readPath(body, resource.recordsPath);
        if (!Array.isArray(list))
          throw new ErpCallError(
            'http',
            `La respuesta de ${resource.path} no trae una lista en "${resource.recordsPath || '(raíz)'}".`,
            false,
            res.status,
          );
        // The latest version of each id in the page (an API may repeat one across a boundary).
        const byId = new Map<string, StagedInput>();
        let maxUpdated: string | null = null;
        let failed = 0;
        for (const record of list) {
          const id = readPath(record, resource.idField);
          if (typeof id !== 'string' && typeof id !== 'number') {
            failed++;
            continue;
          }
          const json = canonicalJson(record);
          byId.set(String(id), { externalId: String(id), json, hash: sha256(json) });
          if (resource.incremental) {
            const at = readPath(record, resource.incremental.updatedField);
            if (typeof at === 'string' && (maxUpdated === null || at > maxUpdated)) maxUpdated = at;
          }
        }
        const staged = await deps.transaction(async (tx) => {
          const result = await createRecordsRepository(tx.db).stage(
            {
              tenantId,
              connectorId: connector.id,
              resource: resource.name,
              kind: resource.kind,
              runId: deps.runId,
            },
            [...byId.values()],
          );
          if (maxUpdated)
            await createConnectorsRepository(tx.db).saveCursor(
              tenantId,
              connector.id,
              resource.name,
              maxUpdated,
            );
          return result;
        });
        if (maxUpdated && (report.cursorTo === null || maxUpdated > (report.cursorTo as string)))
          report.cursorTo = maxUpdated;
        add('fetched', list.length);
        add('added', staged.added);
        add('updated', staged.updated);
        add('unchanged', staged.unchanged + (list.length - failed - byId.size));
        add('failed', failed);
        report.pages = pages + 1;
        await deps.heartbeat(counts, reports);

        // Where the next page is, or the end.
        const size = resource.pagination.pageSize;
        if (resource.pagination.style === 'none') break;
        if (resource.pagination.style === 'cursor') {
          const next = readPath(body, resource.pagination.nextCursorPath);
          if (typeof next !== 'string' || next === '' || next === position.cursor) break;
          position.cursor = next;
        } else {
          if (list.length < size) break;
          const totalPages = readPath(body, 'total_pages');
          if (
            resource.pagination.style === 'page' &&
            typeof totalPages === 'number' &&
            position.page >= totalPages
          )
            break;
          position.page++;
          position.offset += list.length;
        }
      }
    } catch (err) {
      if (!(err instanceof ErpCallError)) throw err;
      errors.push(err);
      report.error = err.message;
    }
  }

  const names = Object.keys(reports);
  const failedNames = names.filter((n) => reports[n]!.error);
  return {
    counts,
    resources: reports,
    error:
      failedNames.length > 0
        ? failedNames.map((n) => `${n}: ${reports[n]!.error}`).join(' · ')
        : counts.failed > 0
          ? `${counts.failed} registro(s) sin id; revisa el campo id del recurso.`
          : null,
    transient: errors.length > 0 && errors.every((e) => e.retryable),
    failedResources: failedNames.length,
  };
}
