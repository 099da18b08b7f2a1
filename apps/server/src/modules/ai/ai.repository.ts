import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { Tx } from '../../platform/db/transaction.js';
import {
  type AiCurrency,
  type AiDocumentKind,
  aiConnectionTests,
  aiPromptTrials,
  aiPromptVersions,
  aiSettings,
  aiUsageDays,
} from './ai.schema.js';

export type AiPromptVersionRow = typeof aiPromptVersions.$inferSelect;

export type AiSettingsRow = typeof aiSettings.$inferSelect;
export type NewAiSettings = typeof aiSettings.$inferInsert;
export type AiConnectionTestRow = typeof aiConnectionTests.$inferSelect;
export type AiPromptTrialRow = typeof aiPromptTrials.$inferSelect;

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

    async insertTrial(row: typeof aiPromptTrials.$inferInsert): Promise<AiPromptTrialRow> {
      const [saved] = await db.insert(aiPromptTrials).values(row).returning();
      return saved!;
    },

    async getTrial(tenantId: string, id: string): Promise<AiPromptTrialRow | null> {
      const [row] = await db
        .select()
        .from(aiPromptTrials)
        .where(and(eq(aiPromptTrials.tenantId, tenantId), eq(aiPromptTrials.id, id)));
      return row ?? null;
    },

    /** queued → running; false when another run took it (or it is finished). */
    async startTrial(tenantId: string, id: string): Promise<boolean> {
      const rows = await db
        .update(aiPromptTrials)
        .set({ status: 'running', startedAt: new Date() })
        .where(
          and(
            eq(aiPromptTrials.tenantId, tenantId),
            eq(aiPromptTrials.id, id),
            eq(aiPromptTrials.status, 'queued'),
          ),
        )
        .returning({ id: aiPromptTrials.id });
      return rows.length > 0;
    },

    /** → done or failed, once: a finished trial is never rewritten. */
    async finishTrial(
      tenantId: string,
      id: string,
      patch: Pick<
        AiPromptTrialRow,
        'status' | 'model' | 'latencyMs' | 'inputTokens' | 'outputTokens' | 'errorCode' | 'fields'
      >,
    ) {
      await db
        .update(aiPromptTrials)
        .set({ ...patch, finishedAt: new Date() })
        .where(
          and(
            eq(aiPromptTrials.tenantId, tenantId),
            eq(aiPromptTrials.id, id),
            inArray(aiPromptTrials.status, ['queued', 'running']),
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
        /** May be negative: the actual count minus what `reserveCall` reserved. */
        inputTokens: number;
        outputTokens: number;
        prices: { input: string; output: string };
        countRequest: boolean;
        /** The day the reservation was counted on (`YYYY-MM-DD`); default today. */
        day?: string;
      },
    ) {
      const requests = usage.countRequest ? 1 : 0;
      const day = usage.day ? sql`${usage.day}::date` : TODAY;
      const cost = sql`((${usage.inputTokens}::numeric * ${usage.prices.input}::numeric + ${usage.outputTokens}::numeric * ${usage.prices.output}::numeric) / 1000000)`;
      await db
        .insert(aiUsageDays)
        .values({
          ...key,
          day,
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

    /** Versions of a kind's prompt, newest first. */
    async promptVersions(tenantId: string, kind: AiDocumentKind): Promise<AiPromptVersionRow[]> {
      return db
        .select()
        .from(aiPromptVersions)
        .where(and(eq(aiPromptVersions.tenantId, tenantId), eq(aiPromptVersions.kind, kind)))
        .orderBy(desc(aiPromptVersions.version));
    },

    async activePrompt(tenantId: string, kind: AiDocumentKind): Promise<string | null> {
      const [row] = await db
        .select({ text: aiPromptVersions.text })
        .from(aiPromptVersions)
        .where(and(eq(aiPromptVersions.tenantId, tenantId), eq(aiPromptVersions.kind, kind)))
        .orderBy(desc(aiPromptVersions.version))
        .limit(1);
      return row?.text ?? null;
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
 * advisory lock: two processes cannot both see "under the cap" and both go. The call's input
 * tokens are reserved with the check (an estimate from the prompt's length), so calls in flight
 * count against the cap at once; only their output tokens and the estimate's error can pass it.
 */
export async function reserveCall(
  tx: Tx,
  key: UsageKey,
  cap: { kind: 'tokens' | 'cost'; value: string } | null,
  reservation: { inputTokens: number; inputPrice: string },
): Promise<{ allowed: boolean; used: string; day: string | null }> {
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
    if (over[0]!.over) return { allowed: false, used, day: null };
  }
  // The request and its estimated input tokens (and their cost) count at once, so a check running
  // right after this one sees them; the answer's `usage` later replaces the estimate.
  const { rows: counted } = await tx.query<{ day: string }>(
    `insert into ai_usage_days (tenant_id, day, model, currency, requests, input_tokens, cost)
     values ($1, (now() at time zone 'America/Mexico_City')::date, $2, $3, 1, $4::bigint,
             $4::bigint::numeric * $5::numeric / 1000000)
     on conflict (tenant_id, day, model, currency) do update
       set requests = ai_usage_days.requests + 1,
           input_tokens = ai_usage_days.input_tokens + excluded.input_tokens,
           cost = ai_usage_days.cost + excluded.cost
     returning to_char(day, 'YYYY-MM-DD') as day`,
    [key.tenantId, key.model, key.currency, reservation.inputTokens, reservation.inputPrice],
  );
  return { allowed: true, used, day: counted[0]!.day };
}

/**
 * A new version of a kind's prompt: the next number under a per-kind advisory lock, so two saves
 * at once get two versions (the unique index would refuse a duplicate anyway).
 */
export async function addPromptVersion(
  tx: Tx,
  row: {
    id: string;
    tenantId: string;
    kind: AiDocumentKind;
    text: string;
    restoredFrom: number | null;
    createdBy: string | null;
  },
): Promise<number> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('ai-prompt:' || $1 || ':' || $2, 0))`, [
    row.tenantId,
    row.kind,
  ]);
  const { rows } = await tx.query<{ version: number }>(
    `insert into ai_prompt_versions (id, tenant_id, kind, version, text, restored_from, created_by)
     select $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6
       from ai_prompt_versions where tenant_id = $2 and kind = $3
     returning version`,
    [row.id, row.tenantId, row.kind, row.text, row.restoredFrom, row.createdBy],
  );
  return rows[0]!.version;
}
