import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { Tx } from '../../platform/db/transaction.js';
import { type AiCurrency, aiConnectionTests, aiSettings, aiUsageDays } from './ai.schema.js';

export type AiSettingsRow = typeof aiSettings.$inferSelect;
export type NewAiSettings = typeof aiSettings.$inferInsert;
export type AiConnectionTestRow = typeof aiConnectionTests.$inferSelect;

/** Days and months are Mexico City's: the firms' calendar, not the server's. */
const TODAY = sql`(now() at time zone 'America/Mexico_City')::date`;

export interface UsageKey {
  tenantId: string;
  model: string;
  currency: AiCurrency;
}

export function createAiRepository(db: Db) {
  return {
    async getSettings(tenantId: string): Promise<AiSettingsRow | null> {
      const [row] = await db.select().from(aiSettings).where(eq(aiSettings.tenantId, tenantId));
      return row ?? null;
    },

    async upsertSettings(row: NewAiSettings): Promise<AiSettingsRow> {
      const { tenantId: _t, createdAt: _c, ...set } = row;
      const [saved] = await db
        .insert(aiSettings)
        .values(row)
        .onConflictDoUpdate({ target: aiSettings.tenantId, set: { ...set, updatedAt: new Date() } })
        .returning();
      return saved!;
    },

    async insertTest(row: typeof aiConnectionTests.$inferInsert) {
      await db.insert(aiConnectionTests).values(row);
    },

    async getTest(tenantId: string, id: string): Promise<AiConnectionTestRow | null> {
      const [row] = await db
        .select()
        .from(aiConnectionTests)
        .where(and(eq(aiConnectionTests.tenantId, tenantId), eq(aiConnectionTests.id, id)));
      return row ?? null;
    },

    async finishTest(
      tenantId: string,
      id: string,
      patch: Pick<AiConnectionTestRow, 'status' | 'model' | 'latencyMs' | 'answer' | 'errorCode'>,
    ) {
      await db
        .update(aiConnectionTests)
        .set({ ...patch, finishedAt: new Date() })
        .where(
          and(
            eq(aiConnectionTests.tenantId, tenantId),
            eq(aiConnectionTests.id, id),
            eq(aiConnectionTests.status, 'pending'),
          ),
        );
    },

    /**
     * Adds one call's tokens and its cost, estimated in SQL with exact numerics from the prices
     * per 1M tokens in force now, to today's counters (the request itself was counted by
     * `reserveCall`, or is counted here when `countRequest`).
     */
    async addUsage(
      key: UsageKey,
      usage: {
        inputTokens: number;
        outputTokens: number;
        prices: { input: string; output: string };
        countRequest: boolean;
      },
    ) {
      const requests = usage.countRequest ? 1 : 0;
      const cost = sql`((${usage.inputTokens}::numeric * ${usage.prices.input}::numeric + ${usage.outputTokens}::numeric * ${usage.prices.output}::numeric) / 1000000)`;
      await db
        .insert(aiUsageDays)
        .values({
          ...key,
          day: TODAY,
          requests,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          cost,
        } as unknown as typeof aiUsageDays.$inferInsert)
        .onConflictDoUpdate({
          target: [aiUsageDays.tenantId, aiUsageDays.day, aiUsageDays.model, aiUsageDays.currency],
          set: {
            requests: sql`${aiUsageDays.requests} + ${requests}`,
            inputTokens: sql`${aiUsageDays.inputTokens} + ${usage.inputTokens}`,
            outputTokens: sql`${aiUsageDays.outputTokens} + ${usage.outputTokens}`,
            cost: sql`${aiUsageDays.cost} + ${cost}`,
          },
        });
    },

    /** Per day and model of a month (`YYYY-MM`). */
    async usageOfMonth(tenantId: string, month: string) {
      const start = `${month}-01`;
      return db
        .select()
        .from(aiUsageDays)
        .where(
          and(
            eq(aiUsageDays.tenantId, tenantId),
            sql`${aiUsageDays.day} >= ${start}::date`,
            sql`${aiUsageDays.day} < (${start}::date + interval '1 month')`,
          ),
        )
        .orderBy(aiUsageDays.day, aiUsageDays.model);
    },

    /** The current month (Mexico City) as `YYYY-MM`. */
    async currentMonth(): Promise<string> {
      const r = await db.execute<{ m: string }>(sql`select to_char(${TODAY}, 'YYYY-MM') as m`);
      return r.rows[0]!.m;
    },
  };
}

/**
 * The cap check and the request count in one transaction, serialised per organization by an
 * advisory lock: two processes cannot both see "under the cap" and both go. Tokens are known only
 * after the call, so calls already in flight can pass the cap by their own tokens (at most the
 * extraction concurrency × one answer); no new call starts once it is reached.
 */
export async function reserveCall(
  tx: Tx,
  key: UsageKey,
  cap: { kind: 'tokens' | 'cost'; value: string } | null,
): Promise<{ allowed: boolean; used: string }> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('ai-usage:' || $1, 0))`, [key.tenantId]);
  const { rows } = await tx.query<{ tokens: string; cost: string }>(
    `select coalesce(sum(input_tokens + output_tokens), 0)::text as tokens,
            coalesce(sum(cost) filter (where currency = $2), 0)::text as cost
       from ai_usage_days
      where tenant_id = $1
        and day >= date_trunc('month', (now() at time zone 'America/Mexico_City'))::date`,
    [key.tenantId, key.currency],
  );
  const used = cap?.kind === 'cost' ? rows[0]!.cost : rows[0]!.tokens;
  if (cap) {
    const { rows: over } = await tx.query<{ over: boolean }>('select $1::numeric >= $2::numeric as over', [
      used,
      cap.value,
    ]);
    if (over[0]!.over) return { allowed: false, used };
  }
  await tx.query(
    `insert into ai_usage_days (tenant_id, day, model, currency, requests)
     values ($1, (now() at time zone 'America/Mexico_City')::date, $2, $3, 1)
     on conflict (tenant_id, day, model, currency) do update set requests = ai_usage_days.requests + 1`,
    [key.tenantId, key.model, key.currency],
  );
  return { allowed: true, used };
}
