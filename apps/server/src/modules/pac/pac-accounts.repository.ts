import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { pacAccounts } from './pac.schema.js';

export type PacAccountRow = typeof pacAccounts.$inferSelect;
export type NewPacAccount = typeof pacAccounts.$inferInsert;

export function createPacAccountsRepository(db: Db) {
  return {
    async get(tenantId: string): Promise<PacAccountRow | null> {
      const [row] = await db.select().from(pacAccounts).where(eq(pacAccounts.tenantId, tenantId));
      return row ?? null;
    },
    async upsert(row: NewPacAccount): Promise<PacAccountRow> {
      const [saved] = await db
        .insert(pacAccounts)
        .values(row)
        .onConflictDoUpdate({
          target: pacAccounts.tenantId,
          set: {
            environment: row.environment,
            apiKey: row.apiKey,
            apiSecret: row.apiSecret,
            keyHash: row.keyHash,
            keyHint: row.keyHint,
            updatedAt: new Date(),
          },
        })
        .returning();
      return saved!;
    },
    async delete(tenantId: string): Promise<boolean> {
      const rows = await db.delete(pacAccounts).where(eq(pacAccounts.tenantId, tenantId)).returning();
      return rows.length > 0;
    },
  };
}
