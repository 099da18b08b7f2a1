import type { CountedResource, MonthlyMetric, PlanLimits } from '@boveda/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { type PlanRow, plans, tenantPlans, usageCounters } from './plans.schema.js';

/** Raw SQL on a pool or on a transaction's connection (`Tx.query`). */
export interface Queryable {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** The plan column of each limit. */
export const LIMIT_COLUMN = {
  documents: 'documentsPerMonth',
  ocrPages: 'ocrPagesPerMonth',
  llmTokens: 'llmTokensPerMonth',
  taxpayers: 'taxpayers',
  connectors: 'connectors',
  webhookEndpoints: 'webhookEndpoints',
} as const satisfies Record<MonthlyMetric | CountedResource, keyof PlanLimits>;

export const limitsOf = (row: PlanRow): PlanLimits => ({
  documentsPerMonth: row.documentsPerMonth,
  ocrPagesPerMonth: row.ocrPagesPerMonth,
  llmTokensPerMonth: row.llmTokensPerMonth,
  apiRequestsPerMinute: row.apiRequestsPerMinute,
  connectors: row.connectors,
  webhookEndpoints: row.webhookEndpoints,
  taxpayers: row.taxpayers,
});

export function createPlansRepository(db: Db) {
  return {
    async list(): Promise<(PlanRow & { organizations: number })[]> {
      const rows = await db
        .select({ plan: plans, organizations: sql<number>`count(${tenantPlans.tenantId})::int` })
        .from(plans)
        .leftJoin(tenantPlans, eq(tenantPlans.planId, plans.id))
        .groupBy(plans.id)
        .orderBy(asc(plans.code));
      return rows.map((r) => ({ ...r.plan, organizations: r.organizations }));
    },
    async byCode(code: string) {
      const [row] = await db.select().from(plans).where(eq(plans.code, code));
      return row ?? null;
    },
    async organizationsOn(planId: string) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(tenantPlans)
        .where(eq(tenantPlans.planId, planId));
      return row?.n ?? 0;
    },
    async insert(code: string, name: string, limits: Partial<PlanLimits>) {
      const [row] = await db
        .insert(plans)
        .values({ code, name, ...limits })
        .onConflictDoNothing({ target: plans.code })
        .returning();
      return row ?? null;
    },
    async update(id: string, patch: { name?: string } & Partial<PlanLimits>) {
      const [row] = await db
        .update(plans)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(plans.id, id))
        .returning();
      return row!;
    },
    async delete(id: string) {
      await db.delete(plans).where(eq(plans.id, id));
    },
    async planOfTenant(tenantId: string) {
      const [row] = await db
        .select({ plan: plans })
        .from(tenantPlans)
        .innerJoin(plans, eq(plans.id, tenantPlans.planId))
        .where(eq(tenantPlans.tenantId, tenantId));
      return row?.plan ?? null;
    },
    async assign(tenantId: string, planId: string) {
      await db
        .insert(tenantPlans)
        .values({ tenantId, planId })
        .onConflictDoUpdate({ target: tenantPlans.tenantId, set: { planId, assignedAt: new Date() } });
    },
    async unassign(tenantId: string) {
      const rows = await db.delete(tenantPlans).where(eq(tenantPlans.tenantId, tenantId)).returning();
      return rows.length > 0;
    },
    async usedIn(tenantId: string, period: string): Promise<Map<string, number>> {
      const rows = await db
        .select({ metric: usageCounters.metric, used: usageCounters.used })
        .from(usageCounters)
        .where(sql`${usageCounters.tenantId} = ${tenantId} AND ${usageCounters.period} = ${period}`);
      return new Map(rows.map((r) => [r.metric, r.used]));
    },
  };
}

/**
 * Adds `n` to this month's counter, only while the total stays within `limit` (null: always). One
 * statement, so concurrent requests on any number of processes never pass the limit together.
 * Answers the new total, or null when the limit refused it.
 */
export async function addUsage(
  q: Queryable,
  key: { tenantId: string; metric: MonthlyMetric; period: string },
  n: number,
  limit: number | null,
): Promise<number | null> {
  if (limit !== null && n > limit) return null;
  const { rows } = await q.query<{ used: string }>(
    `INSERT INTO usage_counters (tenant_id, metric, period, used) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, metric, period) DO UPDATE
       SET used = usage_counters.used + EXCLUDED.used, updated_at = now()
       WHERE $5::bigint IS NULL OR usage_counters.used + EXCLUDED.used <= $5::bigint
     RETURNING used`,
    [key.tenantId, key.metric, key.period, n, limit],
  );
  return rows[0] ? Number(rows[0].used) : null;
}

/** This month's total of one metric (0 before the first use). */
export async function usedNow(
  q: Queryable,
  key: { tenantId: string; metric: MonthlyMetric; period: string },
): Promise<number> {
  const { rows } = await q.query<{ used: string }>(
    'SELECT used FROM usage_counters WHERE tenant_id = $1 AND metric = $2 AND period = $3',
    [key.tenantId, key.metric, key.period],
  );
  return rows[0] ? Number(rows[0].used) : 0;
}

/** Claims an alert threshold for this month: true for exactly one caller across processes. */
export async function claimAlert(
  q: Queryable,
  key: { tenantId: string; metric: MonthlyMetric; period: string },
  percent: number,
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE usage_counters SET alerted_percent = $4
     WHERE tenant_id = $1 AND metric = $2 AND period = $3 AND alerted_percent < $4
     RETURNING 1`,
    [key.tenantId, key.metric, key.period, percent],
  );
  return rows.length > 0;
}
