import { errorCatalogue, problemTypeBase } from '@boveda/contracts';
import type { Logger } from '../platform/logging/index.js';
import type { ProbeAnswer } from '../platform/metrics/index.js';
import type { AppContext } from './context.js';

/** One dependency's probe: resolves when it answers, throws (or hangs) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

// A probe that takes longer than this counts as down: orchestrators probe every few seconds and
// a dependency that slow fails real requests too.
export const READINESS_TIMEOUT_MS = 2_000;

export interface CheckResult {
  status: 'ok' | 'error';
  latencyMs: number;
}

/**
 * What `/ready` asks of this process's dependencies. Every one listed is required: PostgreSQL,
 * the job queue (pg-boss in the same PostgreSQL), object storage, and Redis when REDIS_URL is set
 * (several processes share locks, caches and rate limits through it).
 */
export function readinessChecks(ctx: AppContext): Record<string, ReadinessCheck> {
  return {
    database: () => ctx.database.pool.query('SELECT 1'),
    jobs: () => ctx.jobs.ping(),
    // A HEAD of a key nobody writes: null (absent) is an answer; a refused connection or bad
    // credentials throw.
    storage: () => ctx.storage.head('_boveda/readiness-probe'),
    ...(ctx.config.env.REDIS_URL ? { redis: () => ctx.cache.get('readiness-probe') } : {}),
  };
}

async function timed(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult & { error?: unknown }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'error', latencyMs: Math.round(performance.now() - started), error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every check at once and answers 200 `{ status: 'ready', checks }` when all are ok, else 503
 * problem+json `DEPENDENCY_UNAVAILABLE` naming the failed ones (`params.unavailable`) with the same
 * `checks`. Only names, `ok`/`error` and milliseconds leave: the causes (hosts, driver messages)
 * go to the log.
 */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  opts: { logger: Logger; requestId: string; timeoutMs?: number },
): Promise<ProbeAnswer> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) => timed(checks[name]!, opts.timeoutMs ?? READINESS_TIMEOUT_MS)),
  );
  const report: Record<string, CheckResult> = {};
  const unavailable: string[] = [];
  names.forEach((name, i) => {
    const { status, latencyMs, error } = results[i]!;
    report[name] = { status, latencyMs };
    if (status === 'error') {
      unavailable.push(name);
      opts.logger.warn({ err: error, dependency: name, latencyMs }, 'readiness check failed');
    }
  });
  if (unavailable.length === 0) return { status: 200, body: { status: 'ready', checks: report } };
  const spec = errorCatalogue.DEPENDENCY_UNAVAILABLE;
  return {
    status: spec.status,
    body: {
      type: `${problemTypeBase}dependency-unavailable`,
      title: spec.title,
      status: spec.status,
      code: 'DEPENDENCY_UNAVAILABLE',
      detail: `Not ready: ${unavailable.join(', ')}.`,
      params: { unavailable },
      requestId: opts.requestId,
      checks: report,
    },
  };
}
