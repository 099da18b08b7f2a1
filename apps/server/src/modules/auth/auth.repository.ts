import type { Role } from '@boveda/contracts';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { apiKeys, sessions } from './auth.schema.js';

export function createAuthRepository(db: Db) {
  return {
    async insertSession(row: typeof sessions.$inferInsert) {
      const [created] = await db.insert(sessions).values(row).returning();
      return created!;
    },
    async findLiveSession(tokenHash: string, now: Date) {
      const [row] = await db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        );
      return row;
    },
    async touchSession(id: string, now: Date) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    },
    async revokeSession(id: string) {
      await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, id));
    },
    /** A person's live sessions in one organization, or (tenantId null) everywhere but `keep`. */
    async revokeSessionsOf(
      userId: string,
      opts: { tenantId: string | null; keep: string | null },
      now: Date,
    ) {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            opts.tenantId ? eq(sessions.tenantId, opts.tenantId) : undefined,
            opts.keep ? ne(sessions.id, opts.keep) : undefined,
          ),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },

    async insertApiKey(row: typeof apiKeys.$inferInsert) {
      const [created] = await db.insert(apiKeys).values(row).returning();
      return created!;
    },
    async findApiKeyByHash(keyHash: string) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
      return row;
    },
    async touchApiKey(id: string, now: Date) {
      await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
    },
    /** Replaces the signing secret of a live key; undefined when there is none (or it was revoked). */
    async replaceSigningSecret(tenantId: string, id: string, sealed: Buffer, at: Date) {
      const [row] = await db
        .update(apiKeys)
        .set({
          signingSecret: sealed,
          signingSecretVersion: sql`${apiKeys.signingSecretVersion} + 1`,
          signingSecretCreatedAt: at,
        })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return row;
    },
    async listApiKeys(tenantId: string, limit: number, after?: { createdAt: Date; id: string }) {
      // The cursor carries a JS Date (milliseconds); compare and order at that precision, not PG's microseconds.
      const createdMs = sql<Date>`date_trunc('milliseconds', ${apiKeys.createdAt})`;
      return db
        .select()
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.tenantId, tenantId),
            after
              ? or(
                  lt(createdMs, after.createdAt),
                  and(eq(createdMs, after.createdAt), lt(apiKeys.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(createdMs), desc(apiKeys.id))
        .limit(limit);
    },
    async getApiKey(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
      return row;
    },
    /** The live keys a person created in one organization (they left it or were deactivated). */
    async revokeApiKeysCreatedBy(tenantId: string, userId: string, now: Date) {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(
          and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.createdByUserId, userId), isNull(apiKeys.revokedAt)),
        )
        .returning({ id: apiKeys.id });
      return rows.length;
    },
    async revokeApiKey(tenantId: string, id: string, now: Date) {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
export type ApiKeyRole = Role;
