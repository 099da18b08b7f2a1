import {
  type InvoiceFailureCode,
  type InvoicePreview,
  invoiceFailed,
  invoiceFailureTexts,
} from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging/index.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import type { Quotas } from '../plans/index.js';
import { ExtractionGaveUp, ExtractionTimedOut } from './extraction-errors.js';
import type { FileKind } from './file-kind.js';
import { checkSatStatusJob } from './inbox.jobs.definitions.js';
import type { InvoiceExtractor, OwnRfcsPort, VaultPort } from './inbox.ports.js';
import { createInboxRepository, type InvoiceFileRow, type InvoiceRow } from './inbox.repository.js';
import { announceMove, eventHeader } from './invoice-events.js';
import type { LlmStep } from './llm/index.js';
import { headerColumns } from './preview.js';

export { ExtractionGaveUp };

export const KIND_OF_MEDIA: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'application/xml': 'xml',
};

/** The file values are read from: the XML when there is one (exact), else the PDF, else the image. */
export const primaryOf = (files: InvoiceFileRow[]) =>
  files.find((f) => f.kind === 'xml') ?? files.find((f) => f.kind === 'pdf') ?? files[0];

/**
 * The vault's copy of the same CFDI is exact: its values replace everything read from a PDF or a
 * photo (source `sat`). A value the CFDI does not have is not there: whatever OCR thought it saw
 * under that label is dropped.
 */
function withVaultValues(read: InvoicePreview, vault: InvoicePreview): InvoicePreview {
  return {
    fields: vault.fields,
    taxes: vault.taxes.items.length > 0 ? vault.taxes : read.taxes,
    conceptos: vault.conceptos.items.length > 0 ? vault.conceptos : read.conceptos,
    checks: vault.checks,
  };
}

function directionOf(p: InvoicePreview, own: Set<string>): 'issued' | 'received' | null {
  const emisor = p.fields.emisorRfc?.value;
  const receptor = p.fields.receptorRfc?.value;
  if (emisor && own.has(emisor)) return 'issued';
  if (receptor && own.has(receptor)) return 'received';
  return null;
}

/**
 * The `inbox.extract` job: reads the invoice's file, links it to the vault and to earlier uploads
 * of the same CFDI, and moves it to `waiting_validation` (or `failed` with a reason a person can
 * read). Runs only on an invoice still `processing`: a retried or duplicated job changes nothing.
 */
export function createExtractionStep(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  jobs: Jobs;
  storage: ObjectStore;
  extractor: InvoiceExtractor;
  vault: VaultPort;
  ownRfcs: OwnRfcsPort;
  logger: Logger;
  /** The optional LLM step (the organization's AI settings, else INBOX_LLM_URL); absent: off. */
  llm?: LlmStep;
  /** The organization's plan (plans module): OCR pages per month. */
  quotas?: Pick<Quotas, 'hasRoom' | 'record'>;
}) {
  const { transaction, events } = deps;
  const repo = createInboxRepository(deps.db);

  async function settle(
    tenantId: string,
    id: string,
    change: (row: InvoiceRow) => Partial<InvoiceRow> | null,
    after?: (tx: Tx, updated: InvoiceRow) => Promise<void>,
  ) {
    return transaction(async (tx) => {
      const r = createInboxRepository(tx.db);
      const row = await r.lock(tenantId, id);
      if (!row || row.status !== 'processing') return null;
      const patch = change(row);
      if (!patch) return null;
      const updated = await r.update(row.id, { ...patch, attempts: row.attempts + 1 });
      await announceMove(events, tx, row.status, updated);
      await after?.(tx, updated);
      if (updated.status === 'failed') {
        await events.publish(
          tx,
          invoiceFailed,
          {
            ...eventHeader(updated),
            code: updated.failureCode ?? 'EXTRACTION_FAILED',
            message: updated.failureMessage ?? '',
          },
          { tenantId },
        );
      }
      return updated;
    });
  }

  return {
    async run({ tenantId, invoiceId }: { tenantId: string; invoiceId: string }, ctx?: { jobId: string }) {
      const row = await repo.get(tenantId, invoiceId);
      if (!row || row.status !== 'processing') return { skipped: true };
      const primary = primaryOf(await repo.files(tenantId, invoiceId));
      if (!primary) throw new ExtractionGaveUp('EXTRACTION_FAILED', 'the invoice has no file');
      const bytes = await deps.storage.getBuffer(primary.storageKey);
      const kind = KIND_OF_MEDIA[primary.mediaType];
      if (!kind) throw new ExtractionGaveUp('UNSUPPORTED_TYPE', `stored as ${primary.mediaType}`);
      // Past the plan's OCR pages this month, the document is read without OCR (the text layer
      // and the QR still count) and says so; XML never needs OCR, so it is never asked about.
      const ocr = kind === 'xml' || !deps.quotas ? true : await deps.quotas.hasRoom(tenantId, 'ocrPages');
      const outcome = await deps.extractor.extract({ bytes, kind, ocr });
      if (!outcome.ok) throw new ExtractionGaveUp(outcome.code, outcome.message);
      if (outcome.ocrPages) await deps.quotas?.record(tenantId, 'ocrPages', outcome.ocrPages);

      let preview = outcome.preview;
      if (outcome.ocrSkipped) {
        preview = {
          ...preview,
          checks: [
            ...preview.checks,
            {
              code: 'OCR_PLAN_QUOTA_REACHED',
              ok: false,
              message: "OCR skipped: the organization's plan has no OCR pages left this month.",
              fields: [],
              params: { pages: outcome.ocrSkipped },
            },
          ],
        };
      }
      // Before the vault link, so a UUID the LLM reads can still find the vault's exact copy. It
      // never throws for the model's sake: a failure is a check on the preview.
      if (deps.llm) {
        preview = await deps.llm.suggest({
          tenantId,
          invoiceId,
          reader: { type: 'job', job: 'inbox.extract', jobId: ctx?.jobId ?? 'unknown' },
          extraction: outcome.extraction,
          preview,
          text: outcome.text,
        });
      }
      const uuid = preview.fields.uuid?.value?.toUpperCase() ?? null;
      const vaultXml = uuid ? await deps.vault.xmlOf(tenantId, uuid) : null;
      if (vaultXml) preview = withVaultValues(preview, deps.extractor.previewOfVaultXml(vaultXml));
      const earlier = uuid ? await repo.otherWithUuid(tenantId, uuid, invoiceId) : null;
      if (earlier) {
        preview = {
          ...preview,
          checks: [
            ...preview.checks,
            {
              code: 'DUPLICATE_IN_INBOX',
              ok: false,
              message: `The inbox already has this CFDI (invoice ${earlier.id}).`,
              fields: ['uuid'],
              params: { invoiceId: earlier.id },
            },
          ],
        };
      }
      const direction = directionOf(preview, await deps.ownRfcs.ownRfcs(tenantId));
      const updated = await settle(
        tenantId,
        invoiceId,
        () => ({
          status: 'waiting_validation',
          extraction: outcome.extraction,
          preview,
          ...headerColumns(preview),
          inVault: vaultXml !== null,
          duplicateOf: earlier?.id ?? null,
          direction,
        }),
        async (tx, updated) => {
          // A CFDI the vault does not have: ask the SAT whether it exists and is in force.
          if (!updated.inVault && updated.uuid && updated.emisorRfc && updated.receptorRfc && updated.total) {
            await deps.jobs.enqueue(checkSatStatusJob, { tenantId, invoiceId }, { tx });
          }
        },
      );
      return {
        status: updated?.status ?? 'unchanged',
        extraction: outcome.extraction,
        inVault: vaultXml !== null,
      };
    },

    /** The job gave up: the invoice shows why, in words a person can act on. */
    async giveUp({ tenantId, invoiceId }: { tenantId: string; invoiceId: string }, error: unknown) {
      const code: InvoiceFailureCode =
        error instanceof ExtractionGaveUp
          ? error.code
          : error instanceof ExtractionTimedOut
            ? 'EXTRACTION_TIMEOUT'
            : 'EXTRACTION_FAILED';
      const detail = error instanceof ExtractionGaveUp ? error.message : '';
      if (code === 'EXTRACTION_FAILED') {
        deps.logger.warn({ err: error, invoiceId }, 'invoice extraction gave up');
      }
      await settle(tenantId, invoiceId, () => ({
        status: 'failed',
        failureCode: code,
        failureMessage: detail ? `${invoiceFailureTexts[code].en} (${detail})` : invoiceFailureTexts[code].en,
      }));
    },
  };
}

export type ExtractionStep = ReturnType<typeof createExtractionStep>;
