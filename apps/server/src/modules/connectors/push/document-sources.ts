import type { PushConfig } from '@boveda/contracts';
import type { Db } from '../../../platform/db/client.js';
import { isAppError } from '../../../platform/errors/app-error.js';
import type { CfdiSearchService } from '../../cfdi/index.js';
import type { InboxService } from '../../inbox/index.js';
import type { DocumentKind } from '../connectors.schema.js';
import { createExportsRepository } from '../exports.repository.js';
import { cfdiSource, invoiceSource, type SourceDocument } from '../mapping/source-document.js';

export type InboxReader = Pick<InboxService, 'get' | 'processed' | 'summary'>;
export type CfdiReader = Pick<CfdiSearchService, 'getCfdi' | 'searchCfdi' | 'searchTotals'>;

const notFound = (err: unknown) => isAppError(err) && err.status === 404;

/**
 * Where pushed documents come from: processed invoices of the inbox, or vault CFDI matching the
 * connector's saved search. Read through the inbox and cfdi modules' services, never their tables.
 */
export function createDocumentSources(deps: { db: Db; inbox: InboxReader; cfdi: CfdiReader }) {
  async function load(tenantId: string, kind: DocumentKind, id: string): Promise<SourceDocument | null> {
    try {
      if (kind === 'invoice') {
        const { row } = await deps.inbox.get(tenantId, id);
        return row.status === 'processed' ? invoiceSource(row) : null;
      }
      return cfdiSource(await deps.cfdi.getCfdi(tenantId, id));
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  /** Documents of the source this connector has not exported yet (failed ones come again), in batches. */
  async function* pending(
    tenantId: string,
    connectorId: string,
    config: PushConfig,
    batch: number,
  ): AsyncGenerator<SourceDocument[]> {
    const exports = createExportsRepository(deps.db);
    if (config.source === 'inbox') {
      let after: { processedAt: Date; id: string } | undefined;
      for (;;) {
        const rows = await deps.inbox.processed(tenantId, {}, { limit: batch, ...(after ? { after } : {}) });
        if (rows.length === 0) return;
        const done = await exports.forDocuments(
          connectorId,
          'invoice',
          rows.map((r) => r.id),
        );
        const todo = rows.filter((r) => done.get(r.id)?.status !== 'exported').map(invoiceSource);
        if (todo.length > 0) yield todo;
        const last = rows.at(-1)!;
        after = { processedAt: last.processedAt!, id: last.id };
        if (rows.length < batch) return;
      }
    }
    let cursor: string | undefined;
    for (;;) {
      const page = await deps.cfdi.searchCfdi(tenantId, config.cfdiFilter ?? {}, {
        sort: { field: 'date', order: 'asc' },
        limit: batch,
        cursor,
      });
      const done = await exports.forDocuments(
        connectorId,
        'cfdi',
        page.items.map((i) => i.uuid.toLowerCase()),
      );
      const todo = page.items.filter((i) => done.get(i.uuid.toLowerCase())?.status !== 'exported');
      const docs: SourceDocument[] = [];
      // The detail holds the whole CFDI (its conceptos): a few at a time.
      for (let i = 0; i < todo.length; i += 8) {
        const chunk = await Promise.all(todo.slice(i, i + 8).map((t) => load(tenantId, 'cfdi', t.uuid)));
        for (const d of chunk) if (d) docs.push(d);
      }
      if (docs.length > 0) yield docs;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /** How many documents of the source wait for this connector (for the statistics). */
  async function sourceCount(tenantId: string, config: PushConfig): Promise<number> {
    if (config.source === 'inbox') return (await deps.inbox.summary(tenantId)).counts.processed ?? 0;
    return (await deps.cfdi.searchTotals(tenantId, config.cfdiFilter ?? {})).count;
  }

  return { load, pending, sourceCount };
}

export type DocumentSources = ReturnType<typeof createDocumentSources>;
