import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { webhookEndpoints } from './webhooks.schema.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewEndpoint = typeof webhookEndpoints.$inferInsert;
export type EndpointPatch = Partial<
  Pick<
    NewEndpoint,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'enabled'
    | 'disabledReason'
    | 'disabledAt'
    | 'headers'
    | 'headerNames'
    | 'rateLimitPerSecond'
    | 'secret'
    | 'secretVersion'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'failingSince'
    | 'consecutiveFailures'
    | 'failureAlertedAt'
  >
>;

/** Endpoints of an organization; every method on tenant data takes the tenant id. */
export function createEndpointsRepository(db: Db) {
  return {
    async insert(row: NewEndpoint): Promise<EndpointRow> {
      const [created] = await db.insert(webhookEndpoints).values(row).returning();
      return created!;
    },

    async count(tenantId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.tenantId, tenantId));
      return row?.n ?? 0;
    },

    /** Newest first, `(created_at, id)` keyset. */
    list(tenantId: string, page: { limit: number; after?: { createdAt: Date; id: string } }) {
      const where = [eq(webhookEndpoints.tenantId, tenantId)];
      if (page.after)
        where.push(
          or(
            lt(webhookEndpoints.createdAt, page.after.createdAt),
            and(eq(webhookEndpoints.createdAt, page.after.createdAt), lt(webhookEndpoints.id, page.after.id)),
          )!,
        );
      return db
        .select()
        .from(webhookEndpoints)
        .where(and(...where))
        .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
        .limit(page.limit);
    },

    async get(tenantId: string, id: string): Promise<EndpointRow | undefined> {
      const [row] = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
      return row;
    },

    /** Locks the row for the rest of the transaction (rotation, enabling). */
    async getForUpdate(tenantId: string, id: string): Promise<EndpointRow | undefined> {
      const [row] = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
        .for('update');
      return row;
    },

    async update(tenantId: string, id: string, patch: EndpointPatch): Promise<EndpointRow | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
        .returning();
      return row;
    },

    async delete(tenantId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** The enabled endpoints of these organizations, for the fan-out (no secrets read). */
    enabledOf(tenantIds: string[]) {
      return db
        .select({
          id: webhookEndpoints.id,
          tenantId: webhookEndpoints.tenantId,
          eventTypes: webhookEndpoints.eventTypes,
        })
        .from(webhookEndpoints)
        .where(and(inArray(webhookEndpoints.tenantId, tenantIds), eq(webhookEndpoints.enabled, true)));
    },
  };
}

export type EndpointsRepository = ReturnType<typeof createEndpointsRepository>;
