import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { auditEvents } from './audit.schema.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export function createAuditRepository(db: Db) {
  return {
    async insert(event: NewAuditEvent) {
      await db.insert(auditEvents).values(event);
    },
    /** Newest first; `beforeId` is the cursor (ids only grow). */
    async list(tenantId: string, limit: number, beforeId?: number) {
      return db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenantId), beforeId ? lt(auditEvents.id, beforeId) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
