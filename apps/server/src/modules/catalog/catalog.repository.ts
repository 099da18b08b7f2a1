import type { CatalogKind } from '@boveda/contracts';
import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { catalogEntries } from './catalog.schema.js';

export type CatalogEntryRow = typeof catalogEntries.$inferSelect;
export type NewCatalogEntry = typeof catalogEntries.$inferInsert;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface CatalogFilters {
  kind?: CatalogKind | undefined;
  active?: 'true' | 'false' | 'all' | undefined;
  q?: string | undefined;
}

export function createCatalogRepository(db: Db) {
  return {
    /** Null when the kind and code are taken in the organization. */
    async insert(row: NewCatalogEntry): Promise<CatalogEntryRow | null> {
      const [created] = await db
        .insert(catalogEntries)
        .values(row)
        .onConflictDoNothing({ target: [catalogEntries.tenantId, catalogEntries.kind, catalogEntries.code] })
        .returning();
      return created ?? null;
    },
    async get(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(catalogEntries)
        .where(and(eq(catalogEntries.tenantId, tenantId), eq(catalogEntries.id, id)));
      return row ?? null;
    },
    async byCodes(tenantId: string, kind: CatalogKind, codes: string[]) {
      if (codes.length === 0) return [];
      return db
        .select()
        .from(catalogEntries)
        .where(
          and(
            eq(catalogEntries.tenantId, tenantId),
            eq(catalogEntries.kind, kind),
            inArray(catalogEntries.code, codes),
          ),
        );
    },
    async update(tenantId: string, id: string, patch: Partial<NewCatalogEntry>) {
      const [row] = await db
        .update(catalogEntries)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(catalogEntries.tenantId, tenantId), eq(catalogEntries.id, id)))
        .returning();
      return row ?? null;
    },
    /** By kind, then code (a chart of accounts reads in code order); keyset on (kind, code). */
    async list(tenantId: string, filters: CatalogFilters, page: { limit: number; after?: [string, string] }) {
      const words = (filters.q ?? '').split(/\s+/).filter(Boolean);
      return db
        .select()
        .from(catalogEntries)
        .where(
          and(
            eq(catalogEntries.tenantId, tenantId),
            filters.kind ? eq(catalogEntries.kind, filters.kind) : undefined,
            filters.active === 'all' || filters.active === undefined
              ? undefined
              : eq(catalogEntries.active, filters.active === 'true'),
            ...words.map((w) =>
              or(
                ilike(catalogEntries.code, `%${escapeLike(w)}%`),
                ilike(catalogEntries.name, `%${escapeLike(w)}%`),
              ),
            ),
            page.after
              ? or(
                  gt(catalogEntries.kind, page.after[0] as CatalogKind),
                  and(
                    eq(catalogEntries.kind, page.after[0] as CatalogKind),
                    sql`${catalogEntries.code} COLLATE "C" > ${page.after[1]}`,
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(asc(catalogEntries.kind), sql`${catalogEntries.code} COLLATE "C"`)
        .limit(page.limit);
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
