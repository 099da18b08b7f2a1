import {
  type CountedResource,
  countedResources,
  type MonthlyMetric,
  monthlyMetrics,
  type PlanUsage,
} from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import type { Logger } from '../../platform/logging/index.js';
import { planErrors } from './plans.errors.js';
import {
  addUsage,
  claimAlert,
  createPlansRepository,
  LIMIT_COLUMN,
  type Queryable,
  usedNow,
} from './plans.repository.js';
import type { PlanRow } from './plans.schema.js';
import type { QuotaAlerts } from './quota-alerts.js';

const PERIOD = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Mexico_City',
  year: 'numeric',
  month: '2-digit',
});

/** The month usage counts in: `YYYY-MM` in Mexico City (where the organizations' months turn). */
export const periodOf = (at: Date): string => PERIOD.format(at).slice(0, 7);

/** How long a process trusts the per-minute API limit it read (the hot path of every request). */
const RATE_CACHE_MS = 10_000;

const percentOf = (used: number, limit: number | null) =>
  limit === null ? null : limit === 0 ? 100 : Math.floor((used * 100) / limit);

/**
 * Where each plan limit is enforced. Monthly metrics are counted in `usage_counters` whether or
 * not a plan limits them; counted resources (taxpayers, connectors, webhook endpoints) are
 * counted by their owning module, which registers its counter with `countWith`. An organization
 * without a plan has no limits.
 */
export function createQuotas(deps: {
  db: Db;
  pool: Queryable;
  transaction: UnitOfWork;
  alerts: QuotaAlerts;
  logger: Logger;
  now?: () => Date;
}) {
  const repo = createPlansRepository(deps.db);
  const now = deps.now ?? (() => new Date());
  const counters = new Map<CountedResource, (tenantId: string) => Promise<number>>();
  const rateCache = new Map<string, { value: number | null; until: number }>();

  const limitOf = (plan: PlanRow | null, metric: MonthlyMetric | CountedResource): number | null =>
    plan ? (plan[LIMIT_COLUMN[metric]] ?? null) : null;

  /** After a change that may cross 80 % or 100 %: e-mails the admins once per threshold and month. */
  async function alertIfCrossed(
    tx: Tx,
    plan: PlanRow,
    key: { tenantId: string; metric: MonthlyMetric; period: string },
    used: number,
    limit: number,
  ) {
    const percent = used >= limit ? 100 : used * 5 >= limit * 4 ? 80 : 0;
    if (percent === 0) return;
    if (!(await claimAlert(tx, key, percent))) return;
    await deps.alerts(tx, { ...key, plan: plan.name, used, limit, percent });
  }

  /** A refusal means 100 %: said once, in its own transaction (the refused one rolls back). */
  async function alertRefused(
    plan: PlanRow,
    key: { tenantId: string; metric: MonthlyMetric; period: string },
  ) {
    const limit = limitOf(plan, key.metric)!;
    await deps
      .transaction(async (tx) => {
        await addUsage(tx, key, 0, null);
        const used = await usedNow(tx, key);
        if (await claimAlert(tx, key, 100))
          await deps.alerts(tx, { ...key, plan: plan.name, used, limit, percent: 100 });
      })
      .catch((err) => deps.logger.warn({ err }, 'quota alert failed'));
  }

  const quotas = {
    periodOf,

    /** The plan of an organization, or null (no limits). */
    planOf: (tenantId: string) => repo.planOfTenant(tenantId),

    /**
     * Counts `n` of a monthly metric in the caller's transaction, refusing with 402
     * `PLAN_QUOTA_EXCEEDED` when it would pass the plan's limit (the caller's work rolls back).
     */
    async consume(tx: Tx, tenantId: string, metric: MonthlyMetric, n: number): Promise<void> {
      const plan = await repo.planOfTenant(tenantId);
      const limit = limitOf(plan, metric);
      const key = { tenantId, metric, period: periodOf(now()) };
      const used = await addUsage(tx, key, n, limit);
      if (used === null) {
        void alertRefused(plan!, key);
        const before = await usedNow(deps.pool, key);
        throw planErrors(
          'PLAN_QUOTA_EXCEEDED',
          `The plan allows ${limit} ${metric} a month; ${before} used.`,
          {
            params: { metric, limit: limit!, used: before },
          },
        );
      }
      if (plan && limit !== null) await alertIfCrossed(tx, plan, key, used, limit);
    },

    /**
     * Refuses up front when `n` more would not fit (402), before any work: a clear answer for an
     * upload of several files. `consume` still decides, atomically, for each.
     */
    async assertRoom(tenantId: string, metric: MonthlyMetric, n: number): Promise<void> {
      const plan = await repo.planOfTenant(tenantId);
      const limit = limitOf(plan, metric);
      if (limit === null) return;
      const key = { tenantId, metric, period: periodOf(now()) };
      const used = await usedNow(deps.pool, key);
      if (used + n > limit) {
        void alertRefused(plan!, key);
        throw planErrors('PLAN_QUOTA_EXCEEDED', `The plan allows ${limit} ${metric} a month; ${used} used.`, {
          params: { metric, limit, used },
        });
      }
    },

    /**
     * Whether any of a metric is left this month, for work metered after the fact (OCR pages, LLM
     * tokens): the step is skipped when not, and may pass the limit by its own size when it runs.
     */
    async hasRoom(tenantId: string, metric: MonthlyMetric): Promise<boolean> {
      const plan = await repo.planOfTenant(tenantId);
      const limit = limitOf(plan, metric);
      if (limit === null) return true;
      const key = { tenantId, metric, period: periodOf(now()) };
      if ((await usedNow(deps.pool, key)) < limit) return true;
      void alertRefused(plan!, key);
      return false;
    },

    /** Records what was used (it already happened: never refused), and alerts on a crossing. */
    async record(tenantId: string, metric: MonthlyMetric, n: number): Promise<void> {
      if (n <= 0) return;
      await deps.transaction(async (tx) => {
        const plan = await repo.planOfTenant(tenantId);
        const key = { tenantId, metric, period: periodOf(now()) };
        const used = (await addUsage(tx, key, n, null))!;
        const limit = limitOf(plan, metric);
        if (plan && limit !== null) await alertIfCrossed(tx, plan, key, used, limit);
      });
    },

    /** The owning module's count of a resource (active taxpayers, connectors, webhook endpoints). */
    countWith(resource: CountedResource, count: (tenantId: string) => Promise<number>) {
      counters.set(resource, count);
    },

    /**
     * In the transaction that adds one: refuses with 403 `PLAN_LIMIT_REACHED` at the plan's count.
     * A transaction-scoped advisory lock per organization and resource makes concurrent additions
     * (on any process) count one after another.
     */
    async ensureRoom(tx: Tx, tenantId: string, resource: CountedResource): Promise<void> {
      const plan = await repo.planOfTenant(tenantId);
      const limit = limitOf(plan, resource);
      if (limit === null) return;
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`boveda:plan:${tenantId}:${resource}`]);
      const count = counters.get(resource);
      if (!count) throw new Error(`no counter registered for ${resource}`);
      const used = await count(tenantId);
      if (used >= limit)
        throw planErrors('PLAN_LIMIT_REACHED', `The plan allows ${limit} ${resource}; ${used} exist.`, {
          params: { metric: resource, limit, used },
        });
    },

    /** The plan's requests per minute for the organization (null: no plan limit), cached briefly. */
    async apiRequestsPerMinute(tenantId: string): Promise<number | null> {
      const t = Date.now();
      const hit = rateCache.get(tenantId);
      if (hit && hit.until > t) return hit.value;
      const value = (await repo.planOfTenant(tenantId))?.apiRequestsPerMinute ?? null;
      if (rateCache.size > 10_000) rateCache.clear();
      rateCache.set(tenantId, { value, until: t + RATE_CACHE_MS });
      return value;
    },

    /** Forgets the cached rate (this process) after an assignment or a plan change. */
    forgetRates() {
      rateCache.clear();
    },

    /** The organization's usage against its plan, for its admins and for the operator. */
    async usage(tenantId: string): Promise<PlanUsage> {
      const period = periodOf(now());
      const [plan, used] = await Promise.all([repo.planOfTenant(tenantId), repo.usedIn(tenantId, period)]);
      const counts = await Promise.all(
        countedResources.map(async (r) => (await counters.get(r)?.(tenantId)) ?? 0),
      );
      return {
        plan: plan ? { code: plan.code, name: plan.name } : null,
        period,
        apiRequestsPerMinute: plan?.apiRequestsPerMinute ?? null,
        items: [
          ...monthlyMetrics.map((metric) => {
            const value = used.get(metric) ?? 0;
            const limit = limitOf(plan, metric);
            return { metric, kind: 'monthly' as const, used: value, limit, percent: percentOf(value, limit) };
          }),
          ...countedResources.map((metric, i) => {
            const limit = limitOf(plan, metric);
            return {
              metric,
              kind: 'count' as const,
              used: counts[i]!,
              limit,
              percent: percentOf(counts[i]!, limit),
            };
          }),
        ],
      };
    },
  };
  return quotas;
}

export type Quotas = ReturnType<typeof createQuotas>;
