import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { oauthClients, oauthCodes, oauthTokens } from './oauth.schema.js';

export type OAuthClientRow = typeof oauthClients.$inferSelect;
export type OAuthTokenRow = typeof oauthTokens.$inferSelect;
export type OAuthCodeRow = typeof oauthCodes.$inferSelect;

export function createOAuthRepository(db: Db) {
  return {
    async insertClient(row: typeof oauthClients.$inferInsert) {
      const [created] = await db.insert(oauthClients).values(row).returning();
      return created!;
    },
    /** By the public client_id, in any tenant (the token endpoint learns the tenant from it). */
    async findClientByClientId(clientId: string) {
      const [row] = await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId));
      return row;
    },
    async findClientById(id: string) {
      const [row] = await db.select().from(oauthClients).where(eq(oauthClients.id, id));
      return row;
    },
    async getClient(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(oauthClients)
        .where(and(eq(oauthClients.tenantId, tenantId), eq(oauthClients.id, id)));
      return row;
    },
    async listClients(tenantId: string, limit: number, after?: { createdAt: Date; id: string }) {
      const createdMs = sql<Date>`date_trunc('milliseconds', ${oauthClients.createdAt})`;
      return db
        .select()
        .from(oauthClients)
        .where(
          and(
            eq(oauthClients.tenantId, tenantId),
            after
              ? or(
                  lt(createdMs, after.createdAt),
                  and(eq(createdMs, after.createdAt), lt(oauthClients.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(createdMs), desc(oauthClients.id))
        .limit(limit);
    },
    async updateClient(tenantId: string, id: string, set: { name?: string; redirectUris?: string[] }) {
      const [row] = await db
        .update(oauthClients)
        .set(set)
        .where(and(eq(oauthClients.tenantId, tenantId), eq(oauthClients.id, id)))
        .returning();
      return row;
    },
    /** Revokes the client and every token it holds, in one transaction. */
    async revokeClient(tenantId: string, id: string, now: Date) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(oauthClients)
          .set({ revokedAt: now })
          .where(
            and(eq(oauthClients.tenantId, tenantId), eq(oauthClients.id, id), isNull(oauthClients.revokedAt)),
          )
          .returning({ id: oauthClients.id });
        await tx
          .update(oauthTokens)
          .set({ revokedAt: now })
          .where(and(eq(oauthTokens.clientId, id), isNull(oauthTokens.revokedAt)));
        return rows.length > 0;
      });
    },
    async touchClient(id: string, now: Date) {
      await db.update(oauthClients).set({ lastUsedAt: now }).where(eq(oauthClients.id, id));
    },

    async insertToken(row: typeof oauthTokens.$inferInsert) {
      const [created] = await db.insert(oauthTokens).values(row).returning();
      return created!;
    },
    async findLiveAccessToken(hash: string, now: Date) {
      const [row] = await db
        .select()
        .from(oauthTokens)
        .where(
          and(
            eq(oauthTokens.accessTokenHash, hash),
            isNull(oauthTokens.revokedAt),
            gt(oauthTokens.accessTokenExpiresAt, now),
          ),
        );
      return row;
    },
    async findByRefreshHash(hash: string) {
      const [row] = await db.select().from(oauthTokens).where(eq(oauthTokens.refreshTokenHash, hash));
      return row;
    },
    async findByAccessHash(hash: string) {
      const [row] = await db.select().from(oauthTokens).where(eq(oauthTokens.accessTokenHash, hash));
      return row;
    },
    /** Marks a refresh token used; false when it already was (a concurrent or replayed use). */
    async markRotated(id: string, now: Date) {
      const rows = await db
        .update(oauthTokens)
        .set({ rotatedAt: now })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.rotatedAt), isNull(oauthTokens.revokedAt)))
        .returning({ id: oauthTokens.id });
      return rows.length > 0;
    },
    async revokeAccessToken(id: string, now: Date) {
      await db
        .update(oauthTokens)
        .set({ revokedAt: now })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.revokedAt)));
    },
    /** Every live token issued to act for this person in this organization (they left it). */
    async revokeTokensOfUser(tenantId: string, userId: string, now: Date) {
      const rows = await db
        .update(oauthTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(oauthTokens.tenantId, tenantId),
            eq(oauthTokens.userId, userId),
            isNull(oauthTokens.revokedAt),
          ),
        )
        .returning({ id: oauthTokens.id });
      return rows.length;
    },
    async revokeFamily(familyId: string, now: Date) {
      await db
        .update(oauthTokens)
        .set({ revokedAt: now })
        .where(and(eq(oauthTokens.familyId, familyId), isNull(oauthTokens.revokedAt)));
    },

    async insertCode(row: typeof oauthCodes.$inferInsert) {
      const [created] = await db.insert(oauthCodes).values(row).returning();
      return created!;
    },
    async findCode(hash: string) {
      const [row] = await db.select().from(oauthCodes).where(eq(oauthCodes.codeHash, hash));
      return row;
    },
    /** Uses a code once; false when it was already used. */
    async useCode(id: string, now: Date) {
      const rows = await db
        .update(oauthCodes)
        .set({ usedAt: now })
        .where(and(eq(oauthCodes.id, id), isNull(oauthCodes.usedAt)))
        .returning({ id: oauthCodes.id });
      return rows.length > 0;
    },
  };
}

export type OAuthRepository = ReturnType<typeof createOAuthRepository>;
