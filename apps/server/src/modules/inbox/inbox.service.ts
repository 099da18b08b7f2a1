import {
  type InvoiceFieldName,
  type InvoicePreview,
  type InvoiceStatus,
  invoiceEdited,
  invoiceProcessed,
  invoiceRejected,
  invoiceStatuses,
} from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import type { Quotas } from '../plans/index.js';
import { fileKindGroup } from './file-kind.js';
import { inboxErrors } from './inbox.errors.js';
import { exportInvoices } from './inbox.export.js';
import { extractInvoiceJob, registerInVaultJob } from './inbox.jobs.definitions.js';
import type { CatalogCodesPort, InvoiceExtractor } from './inbox.ports.js';
import { createInboxRepository, type InvoiceFilters, type InvoiceRow } from './inbox.repository.js';
import { announceMove, eventHeader } from './invoice-events.js';
import { canMoveInvoice } from './invoice-states.js';
import { applyEdits, emptyPreview, finalDataOf, headerColumns, missingCritical } from './preview.js';
import { type StoredUpload, storeInboxFiles } from './upload-reader.js';

/** Who acts: the label (an email or an API key's name) is what the trail shows. */
export interface InboxActor {
  type: 'user' | 'api_key' | 'oauth_client' | 'system';
  id: string;
  label: string;
}

export interface UploadedInvoice {
  id: string;
  fileName: string;
  status: InvoiceStatus;
  duplicate: boolean;
  pairedWith: string | null;
}

const baseName = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();

/**
 * An XML and a PDF with the same base name in one upload are the same invoice (the CFDI and its
 * printed representation, as suppliers email them): one invoice, two files, read from the XML.
 */
function groupUploads(uploads: StoredUpload[]): { primary: StoredUpload; companion: StoredUpload | null }[] {
  const used = new Set<StoredUpload>();
  const groups: { primary: StoredUpload; companion: StoredUpload | null }[] = [];
  for (const xml of uploads.filter((u) => u.kind === 'xml')) {
    const pdfs = uploads.filter(
      (u) => u.kind === 'pdf' && !used.has(u) && baseName(u.name) === baseName(xml.name),
    );
    const sameName = uploads.filter((u) => u.kind === 'xml' && baseName(u.name) === baseName(xml.name));
    if (pdfs.length === 1 && sameName.length === 1) {
      used.add(xml).add(pdfs[0]!);
      groups.push({ primary: xml, companion: pdfs[0]! });
    }
  }
  for (const u of uploads) if (!used.has(u)) groups.push({ primary: u, companion: null });
  return groups.sort((a, b) => uploads.indexOf(a.primary) - uploads.indexOf(b.primary));
}

export function createInboxService(deps: {
  db: Db;
  transaction: UnitOfWork;
  jobs: Jobs;
  events: Events;
  storage: ObjectStore;
  extractor: Pick<InvoiceExtractor, 'recheck'>;
  catalog: CatalogCodesPort;
  /** The organization's plan (plans module): documents received per month. */
  quotas?: Pick<Quotas, 'consume' | 'assertRoom'>;
}) {
  const { transaction, jobs, events, storage } = deps;
  const repo = createInboxRepository(deps.db);

  const moved = (tx: Tx, before: InvoiceRow | null, after: InvoiceRow) =>
    announceMove(events, tx, before?.status ?? null, after);

  /** Locks the invoice and checks the version the person saw; throws the API's errors. */
  async function lockFor(tx: Tx, tenantId: string, id: string, version: number | null) {
    const row = await createInboxRepository(tx.db).lock(tenantId, id);
    if (!row) throw inboxErrors('INVOICE_NOT_FOUND');
    if (version !== null && row.version !== version) throw inboxErrors('INVOICE_EDIT_CONFLICT');
    return row;
  }

  /**
   * The category and account a person chose, checked against the active catalogue; only the ones
   * that change, as edits of the fields `category` and `account`.
   */
  async function catalogChanges(
    tenantId: string,
    row: InvoiceRow,
    body: { category?: string | null | undefined; account?: string | null | undefined },
  ) {
    const changes: {
      field: 'category' | 'account';
      column: 'categoryCode' | 'accountCode';
      from: string | null;
      to: string | null;
    }[] = [];
    for (const [field, column] of [
      ['category', 'categoryCode'],
      ['account', 'accountCode'],
    ] as const) {
      const to = body[field];
      if (to === undefined || to === row[column]) continue;
      if (to !== null && !(await deps.catalog.activeCodes(tenantId, field, [to])).has(to)) {
        throw inboxErrors('INVOICE_CATALOG_CODE_UNKNOWN', `No active ${field} ${to} in the catalogue.`);
      }
      changes.push({ field, column, from: row[column], to });
    }
    return changes;
  }

  function assertMove(row: InvoiceRow, to: InvoiceStatus) {
    if (!canMoveInvoice(row.status, to)) {
      throw inboxErrors('INVOICE_WRONG_STATE', `The invoice is ${row.status}; it cannot become ${to}.`);
    }
  }

  /** One invoice (a file, or an XML with its PDF) in one transaction; known bytes answer with theirs. */
  async function receiveGroup(
    tenantId: string,
    actor: InboxActor,
    { primary, companion }: { primary: StoredUpload; companion: StoredUpload | null },
  ): Promise<UploadedInvoice> {
    const files = companion ? [primary, companion] : [primary];
    const outcome = await transaction(async (tx) => {
      const r = createInboxRepository(tx.db);
      const now = new Date();
      const created = await r.insertInvoice({
        tenantId,
        status: 'processing',
        fileName: primary.name,
        createdBy: actor.label,
        createdAt: now,
        updatedAt: now,
      });
      const inserted = await r.insertFiles(
        files.map((f) => ({
          id: f.fileId,
          tenantId,
          invoiceId: created.id,
          kind: fileKindGroup(f.kind),
          name: f.name,
          mediaType: f.mediaType,
          size: f.size,
          sha256: f.sha256,
          storageKey: f.storageKey,
          createdAt: now,
        })),
      );
      // Same bytes as an earlier upload (a concurrent one waits for it here): undo this invoice.
      if (inserted.length !== files.length) throw new KnownBytes();
      // A new document counts against the plan's month (a known one above does not).
      await deps.quotas?.consume(tx, tenantId, 'documents', 1);
      await jobs.enqueue(extractInvoiceJob, { tenantId, invoiceId: created.id }, { tx });
      await moved(tx, null, created);
      return created;
    }).catch((err) => {
      if (err instanceof KnownBytes) return null;
      throw err;
    });
    const pairedWith = companion?.name ?? null;
    if (outcome)
      return { id: outcome.id, fileName: primary.name, status: outcome.status, duplicate: false, pairedWith };
    const earlier =
      (await repo.invoiceOfSha(tenantId, primary.sha256)) ??
      (companion ? await repo.invoiceOfSha(tenantId, companion.sha256) : null);
    // Files of this upload that the earlier invoice does not reference are copies: remove them.
    const kept = new Set((earlier ? await repo.files(tenantId, earlier.id) : []).map((f) => f.storageKey));
    await Promise.all(
      files.filter((f) => !kept.has(f.storageKey)).map((f) => storage.delete(f.storageKey).catch(() => {})),
    );
    if (!earlier) throw new Error('a duplicate file has no invoice');
    return { id: earlier.id, fileName: primary.name, status: earlier.status, duplicate: true, pairedWith };
  }

  const service = {
    repo,
    /** Where uploads are streamed before `receive` (the route reads the multipart body into it). */
    storage,

    /**
     * Files already in object storage become invoices: each its row, files, extraction job and
     * event in one transaction. Bytes the organization uploaded before answer with that invoice
     * (nothing new is stored; the copy is deleted).
     */
    async receive(tenantId: string, actor: InboxActor, uploads: StoredUpload[]): Promise<UploadedInvoice[]> {
      const results: UploadedInvoice[] = [];
      const settled = new Set<StoredUpload>();
      try {
        const groups = groupUploads(uploads);
        // The whole upload is refused up front when it cannot fit the plan's month; `consume`
        // still decides for each invoice, atomically, when several uploads race.
        await deps.quotas?.assertRoom(tenantId, 'documents', groups.length);
        for (const group of groups) {
          results.push(await receiveGroup(tenantId, actor, group));
          settled.add(group.primary);
          if (group.companion) settled.add(group.companion);
        }
      } catch (err) {
        // The database failed mid-upload: files no committed invoice holds must not stay behind.
        await Promise.all(
          uploads.filter((u) => !settled.has(u)).map((u) => storage.delete(u.storageKey).catch(() => {})),
        );
        throw err;
      }
      return results;
    },

    /** Files in memory (the demo, a CLI import) into the inbox, as an upload would. */
    async receiveFiles(tenantId: string, actor: InboxActor, files: { name: string; bytes: Buffer }[]) {
      return service.receive(tenantId, actor, await storeInboxFiles(storage, tenantId, files));
    },

    async get(tenantId: string, id: string) {
      const row = await repo.get(tenantId, id);
      if (!row) throw inboxErrors('INVOICE_NOT_FOUND');
      const [files, edits] = await Promise.all([repo.files(tenantId, id), repo.edits(tenantId, id)]);
      return { row, files, edits };
    },

    list: (tenantId: string, filters: InvoiceFilters, page: Parameters<typeof repo.list>[2]) =>
      repo.list(tenantId, filters, page),

    async summary(tenantId: string) {
      const found = await repo.counts(tenantId);
      const counts = Object.fromEntries(invoiceStatuses.map((s) => [s, found[s] ?? 0])) as Record<
        InvoiceStatus,
        number
      >;
      return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    },

    processed: (...args: Parameters<typeof repo.processed>) => repo.processed(...args),

    /**
     * What people confirmed for a supplier: its last `limit` processed invoices (newest first) and
     * the edits people made on them (for the suggestions module, which never reads these tables).
     */
    async supplierHistory(tenantId: string, emisorRfc: string, limit: number) {
      const rows = await repo.confirmedOfSupplier(tenantId, emisorRfc, limit);
      const edits = await repo.editsOf(
        tenantId,
        rows.map((r) => r.id),
      );
      return rows.map((row) => ({ row, edits: edits.filter((e) => e.invoiceId === row.id) }));
    },

    export: (tenantId: string, filters: InvoiceFilters, format: 'csv' | 'xlsx') =>
      exportInvoices(repo, tenantId, filters, format),

    async edit(
      tenantId: string,
      id: string,
      actor: InboxActor,
      body: {
        version: number;
        category?: string | null | undefined;
        account?: string | null | undefined;
        fields?: Partial<Record<InvoiceFieldName, string | null>>;
        taxes?: InvoicePreview['taxes']['items'];
        conceptos?: InvoicePreview['conceptos']['items'];
      },
    ) {
      return transaction(async (tx) => {
        const row = await lockFor(tx, tenantId, id, body.version);
        if (row.status !== 'waiting_validation') {
          throw inboxErrors(
            'INVOICE_WRONG_STATE',
            `The invoice is ${row.status}; only one waiting for validation can be edited.`,
          );
        }
        const { preview, changes: fieldChanges } = applyEdits(row.preview ?? emptyPreview(), body);
        const coded = await catalogChanges(tenantId, row, body);
        const changes = [...fieldChanges, ...coded];
        if (changes.length === 0) return row;
        const r = createInboxRepository(tx.db);
        const patch: Partial<InvoiceRow> = Object.fromEntries(coded.map((c) => [c.column, c.to]));
        if (fieldChanges.length > 0) {
          const checked = { ...preview, checks: deps.extractor.recheck(preview) };
          Object.assign(patch, { preview: checked, ...headerColumns(checked) });
        }
        const updated = await r.update(row.id, patch);
        await r.insertEdits(
          changes.map((c) => ({
            tenantId,
            invoiceId: row.id,
            field: c.field,
            fromValue: c.from,
            toValue: c.to,
            actor: actor.label,
          })),
        );
        await events.publish(
          tx,
          invoiceEdited,
          {
            ...eventHeader(updated),
            fields: changes.map((c) => c.field),
            version: updated.version,
            by: actor.label,
          },
          { tenantId },
        );
        return updated;
      });
    },

    async confirm(
      tenantId: string,
      id: string,
      actor: InboxActor,
      version: number,
      chosen: { category?: string | null | undefined; account?: string | null | undefined } = {},
    ) {
      return transaction(async (tx) => {
        const row = await lockFor(tx, tenantId, id, version);
        assertMove(row, 'processed');
        const coded = await catalogChanges(tenantId, row, chosen);
        const preview = row.preview ?? emptyPreview();
        const missing = missingCritical(preview);
        if (missing.length > 0)
          throw inboxErrors('INVOICE_INCOMPLETE', `Missing or invalid: ${missing.join(', ')}.`);
        if (row.duplicateOf) {
          const original = await createInboxRepository(tx.db).get(tenantId, row.duplicateOf);
          if (original && original.status !== 'rejected' && original.status !== 'failed') {
            throw inboxErrors('INVOICE_DUPLICATE');
          }
        }
        const finalData = finalDataOf(preview);
        if (coded.length > 0)
          await createInboxRepository(tx.db).insertEdits(
            coded.map((c) => ({
              tenantId,
              invoiceId: row.id,
              field: c.field,
              fromValue: c.from,
              toValue: c.to,
              actor: actor.label,
            })),
          );
        const updated = await createInboxRepository(tx.db).update(row.id, {
          ...Object.fromEntries(coded.map((c) => [c.column, c.to])),
          status: 'processed',
          finalData,
          processedAt: new Date(),
          processedBy: actor.label,
        });
        await moved(tx, row, updated);
        await events.publish(
          tx,
          invoiceProcessed,
          {
            ...eventHeader(updated),
            direction: updated.direction,
            fields: finalData.fields,
            category: updated.categoryCode,
            account: updated.accountCode,
            by: actor.label,
          },
          { tenantId },
        );
        const files = await createInboxRepository(tx.db).files(tenantId, row.id);
        if (!row.inVault && files.some((f) => f.kind === 'xml')) {
          await jobs.enqueue(registerInVaultJob, { tenantId, invoiceId: row.id }, { tx });
        }
        return updated;
      });
    },

    async reject(tenantId: string, id: string, actor: InboxActor, version: number, reason: string) {
      return transaction(async (tx) => {
        const row = await lockFor(tx, tenantId, id, version);
        assertMove(row, 'rejected');
        const updated = await createInboxRepository(tx.db).update(row.id, {
          status: 'rejected',
          rejectionReason: reason,
          processedAt: null,
          processedBy: actor.label,
        });
        await moved(tx, row, updated);
        await events.publish(
          tx,
          invoiceRejected,
          { ...eventHeader(updated), reason, by: actor.label },
          { tenantId },
        );
        return updated;
      });
    },

    /** Reads the files again from the start (after a failure, or to undo a rejection). */
    async retry(tenantId: string, id: string) {
      return transaction(async (tx) => {
        const row = await lockFor(tx, tenantId, id, null);
        assertMove(row, 'processing');
        const updated = await createInboxRepository(tx.db).update(row.id, {
          status: 'processing',
          failureCode: null,
          failureMessage: null,
          rejectionReason: null,
          processedBy: null,
        });
        await jobs.enqueue(extractInvoiceJob, { tenantId, invoiceId: row.id }, { tx });
        await moved(tx, row, updated);
        return updated;
      });
    },

    async openFile(tenantId: string, id: string, fileId: string) {
      const files = await repo.files(tenantId, id);
      if (files.length === 0 && !(await repo.get(tenantId, id))) throw inboxErrors('INVOICE_NOT_FOUND');
      const file = files.find((f) => f.id === fileId);
      if (!file) throw inboxErrors('INVOICE_FILE_NOT_FOUND');
      return { file, body: await storage.get(file.storageKey) };
    },
  };
  return service;
}

class KnownBytes extends Error {}

export type InboxService = ReturnType<typeof createInboxService>;
