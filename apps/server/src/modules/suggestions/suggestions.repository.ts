import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { invoiceSuggestions } from './suggestions.schema.js';

export type SuggestionRow = typeof invoiceSuggestions.$inferSelect;
export type NewSuggestion = typeof invoiceSuggestions.$inferInsert;

export function createSuggestionsRepository(db: Db) {
  return {
    /** Offers; one already recorded for the invoice, field and value stays as it is. */
    async offer(rows: NewSuggestion[]) {
      if (rows.length === 0) return;
      await db
        .insert(invoiceSuggestions)
        .values(rows)
        .onConflictDoNothing({
          target: [invoiceSuggestions.invoiceId, invoiceSuggestions.field, invoiceSuggestions.value],
        });
    },
    ofInvoice(tenantId: string, invoiceId: string) {
      return db
        .select()
        .from(invoiceSuggestions)
        .where(and(eq(invoiceSuggestions.tenantId, tenantId), eq(invoiceSuggestions.invoiceId, invoiceId)))
        .orderBy(invoiceSuggestions.createdAt, invoiceSuggestions.id);
    },
    async get(tenantId: string, invoiceId: string, id: string) {
      const [row] = await db
        .select()
        .from(invoiceSuggestions)
        .where(
          and(
            eq(invoiceSuggestions.tenantId, tenantId),
            eq(invoiceSuggestions.invoiceId, invoiceId),
            eq(invoiceSuggestions.id, id),
          ),
        );
      return row ?? null;
    },
    /** Decides an offered suggestion; null when it was already decided (a concurrent click). */
    async decide(tenantId: string, id: string, status: 'accepted' | 'dismissed', by: string) {
      const [row] = await db
        .update(invoiceSuggestions)
        .set({ status, decidedBy: by, decidedAt: new Date() })
        .where(
          and(
            eq(invoiceSuggestions.tenantId, tenantId),
            eq(invoiceSuggestions.id, id),
            eq(invoiceSuggestions.status, 'offered'),
          ),
        )
        .returning();
      return row ?? null;
    },
    /** Per field and value of the supplier: on how many invoices it was dismissed and accepted. */
    async decisionsOfSupplier(tenantId: string, supplierRfc: string, fields: string[]) {
      if (fields.length === 0) return [];
      return db
        .select({
          field: invoiceSuggestions.field,
          value: invoiceSuggestions.value,
          dismissed: sql<number>`count(*) FILTER (WHERE ${invoiceSuggestions.status} = 'dismissed')::int`,
          accepted: sql<number>`count(*) FILTER (WHERE ${invoiceSuggestions.status} = 'accepted')::int`,
        })
        .from(invoiceSuggestions)
        .where(
          and(
            eq(invoiceSuggestions.tenantId, tenantId),
            eq(invoiceSuggestions.supplierRfc, supplierRfc),
            inArray(invoiceSuggestions.field, fields as SuggestionRow['field'][]),
          ),
        )
        .groupBy(invoiceSuggestions.field, invoiceSuggestions.value);
    },
    stats(tenantId: string) {
      return db
        .select({
          kind: invoiceSuggestions.kind,
          source: invoiceSuggestions.source,
          status: invoiceSuggestions.status,
          n: sql<number>`count(*)::int`,
        })
        .from(invoiceSuggestions)
        .where(eq(invoiceSuggestions.tenantId, tenantId))
        .groupBy(invoiceSuggestions.kind, invoiceSuggestions.source, invoiceSuggestions.status);
    },
  };
}
