import type {
  CatalogEntry,
  CatalogImportResult,
  CatalogKind,
  catalogEntryCreateBody,
  catalogEntryUpdateBody,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { catalogErrors } from './catalog.errors.js';
import {
  type CatalogEntryRow,
  type CatalogFilters,
  createCatalogRepository,
  type NewCatalogEntry,
} from './catalog.repository.js';
import { parseCatalogCsv } from './catalog-csv.js';

type CreateBody = z.output<typeof catalogEntryCreateBody>;
type UpdateBody = z.output<typeof catalogEntryUpdateBody>;

export const toCatalogEntry = (r: CatalogEntryRow): CatalogEntry => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  parentCode: r.parentCode,
  satCode: r.satCode,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export function createCatalogService(deps: { db: Db; transaction: UnitOfWork; audit: AuditRecorder }) {
  const repo = createCatalogRepository(deps.db);

  const service = {
    list: (tenantId: string, filters: CatalogFilters, page: { limit: number; after?: [string, string] }) =>
      repo.list(tenantId, filters, page),

    async get(tenantId: string, id: string) {
      const row = await repo.get(tenantId, id);
      if (!row) throw catalogErrors('CATALOG_ENTRY_NOT_FOUND');
      return row;
    },

    async create(tenantId: string, actor: Actor, body: CreateBody) {
      const row = await repo.insert({
        tenantId,
        kind: body.kind,
        code: body.code,
        name: body.name,
        parentCode: body.parentCode ?? null,
        satCode: body.satCode ?? null,
        active: body.active ?? true,
      });
      if (!row) throw catalogErrors('CATALOG_CODE_TAKEN');
      await deps.audit.record({
        tenantId,
        actor,
        action: 'catalog_entry.created',
        target: { type: 'catalog_entry', id: row.id },
        metadata: { name: `${row.code} ${row.name}`, kind: row.kind, code: row.code },
      });
      return row;
    },

    async update(tenantId: string, actor: Actor, id: string, body: UpdateBody) {
      const current = await service.get(tenantId, id);
      const patch: Partial<NewCatalogEntry> = {};
      if (body.name !== undefined && body.name !== current.name) patch.name = body.name;
      if (body.parentCode !== undefined && body.parentCode !== current.parentCode)
        patch.parentCode = body.parentCode;
      if (body.satCode !== undefined && body.satCode !== current.satCode) patch.satCode = body.satCode;
      if (body.active !== undefined && body.active !== current.active) patch.active = body.active;
      if (Object.keys(patch).length === 0) return current;
      const row = await repo.update(tenantId, id, patch);
      if (!row) throw catalogErrors('CATALOG_ENTRY_NOT_FOUND');
      await deps.audit.record({
        tenantId,
        actor,
        action: 'catalog_entry.updated',
        target: { type: 'catalog_entry', id },
        metadata: { name: `${row.code} ${row.name}`, fields: Object.keys(patch) },
      });
      return row;
    },

    /**
     * A CSV of entries: new codes are created, known ones updated (only the columns the file has),
     * bad lines reported with their number and reason while the good ones go in, in one transaction.
     */
    async importCsv(tenantId: string, actor: Actor, bytes: Buffer): Promise<CatalogImportResult> {
      const parsed = parseCatalogCsv(bytes);
      if (!parsed.ok) throw catalogErrors('CATALOG_IMPORT_INVALID', parsed.reason);
      const counts = await deps.transaction(async (tx) => {
        const r = createCatalogRepository(tx.db);
        const out = { created: 0, updated: 0, unchanged: 0 };
        for (const kind of ['category', 'account'] as const) {
          const lines = parsed.lines.filter((l) => l.kind === kind);
          const known = new Map(
            (
              await r.byCodes(
                tenantId,
                kind,
                lines.map((l) => l.code),
              )
            ).map((e) => [e.code, e]),
          );
          for (const l of lines) {
            const existing = known.get(l.code);
            if (!existing) {
              await r.insert({
                tenantId,
                kind,
                code: l.code,
                name: l.name,
                parentCode: l.parentCode ?? null,
                satCode: l.satCode ?? null,
                active: l.active ?? true,
              });
              out.created++;
              continue;
            }
            const patch: Partial<NewCatalogEntry> = {};
            if (l.name !== existing.name) patch.name = l.name;
            if (l.parentCode !== undefined && l.parentCode !== existing.parentCode)
              patch.parentCode = l.parentCode;
            if (l.satCode !== undefined && l.satCode !== existing.satCode) patch.satCode = l.satCode;
            if (l.active !== undefined && l.active !== existing.active) patch.active = l.active;
            if (Object.keys(patch).length === 0) out.unchanged++;
            else {
              await r.update(tenantId, existing.id, patch);
              out.updated++;
            }
          }
        }
        return out;
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'catalog_entry.imported',
        target: { type: 'catalog', id: tenantId },
        metadata: { ...counts, rejected: parsed.rejected.length },
      });
      return { ...counts, rejected: parsed.rejected };
    },

    /** The active entries with these codes (the inbox checks a chosen code; suggestions name it). */
    async activeByCodes(tenantId: string, kind: CatalogKind, codes: string[]) {
      return (await repo.byCodes(tenantId, kind, codes)).filter((e) => e.active);
    },
  };
  return service;
}

export type CatalogService = ReturnType<typeof createCatalogService>;
