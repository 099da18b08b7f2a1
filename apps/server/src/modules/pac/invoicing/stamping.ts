import {
  type PacInvoiceCreateBody,
  pacInvoiceCreateBody,
  pacInvoiceFailed,
  pacInvoiceStamped,
} from '@boveda/contracts';
import type { Db } from '../../../platform/db/client.js';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import type { Events } from '../../../platform/events/index.js';
import type { JobContext, Jobs } from '../../../platform/jobs/jobs.js';
import type { ObjectStore } from '../../../platform/storage/index.js';
import type { CfdiIngestion } from '../../cfdi/index.js';
import { NotYet, type PacJobs, StampRejected } from '../pac.jobs.js';
import { createPacInvoicesRepository, type PacInvoiceRow } from '../pac-invoices.repository.js';
import {
  type InvoiceToStamp,
  PacCredentialsRejected,
  type PacProvider,
  PacRejected,
  PacUnavailable,
  type Stamped,
} from '../pac-provider.js';

type Ref = { tenantId: string; invoiceId: string };

/** What a person may read of a failure: the PAC's or the SAT's words, never an internal error's. */
function personMessage(err: unknown): string {
  if (
    err instanceof PacRejected ||
    err instanceof StampRejected ||
    err instanceof PacCredentialsRejected ||
    err instanceof PacUnavailable
  )
    return err.message;
  return 'Error interno al hablar con el PAC; revisa los registros del servidor y reintenta.';
}

/** A refusal is the document's: permanent for the job, with its code. */
function permanent(err: unknown): never {
  if (err instanceof PacRejected) throw new StampRejected(err.message, err.code);
  throw err;
}

/**
 * The PAC conversation of an invoice, run by jobs through the `PacProvider` port: stamp (never
 * twice: a try after a lost answer looks the invoice up first), follow a deferred stamp, cancel,
 * follow a pending cancellation. A stamped invoice's XML enters the vault as an issued CFDI; XML
 * and PDF are kept.
 */
export function createStamping(deps: {
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  storage: ObjectStore;
  jobs: Jobs;
  jobDefs: PacJobs;
  vault: Pick<CfdiIngestion, 'registerDocument'>;
  providerFor: (tenantId: string, ctx: JobContext, job: string) => Promise<PacProvider>;
  webhookUrlFor: (tenantId: string) => Promise<string | null>;
}) {
  const repo = createPacInvoicesRepository(deps.db);
  const load = (ref: Ref) => repo.get(ref.tenantId, ref.invoiceId);

  const toStamp = async (row: PacInvoiceRow): Promise<InvoiceToStamp> => ({
    request: pacInvoiceCreateBody.parse(row.request) as PacInvoiceCreateBody,
    fecha: row.fecha,
    total: row.amounts.total!,
    webhookUrl: await deps.webhookUrlFor(row.tenantId),
  });

  async function finishStamped(row: PacInvoiceRow, stamped: Stamped) {
    const base = `tenants/${row.tenantId}/pac/${row.id}`;
    await deps.storage.put(`${base}.xml`, stamped.xml, { contentType: 'application/xml' });
    if (stamped.pdf) await deps.storage.put(`${base}.pdf`, stamped.pdf, { contentType: 'application/pdf' });
    // The vault keeps the stamped CFDI like any other issued one (explorer, exports, original XML).
    await deps.vault.registerDocument({ tenantId: row.tenantId, xml: stamped.xml, objectKey: `${base}.xml` });
    const stampedAt = new Date();
    // The row and its event commit together: an order waiting for this UUID learns it exactly once.
    await deps.transaction(async (tx) => {
      await createPacInvoicesRepository(tx.db).update(row.id, {
        status: 'stamped',
        uuid: stamped.uuid,
        serie: stamped.serie,
        folio: stamped.folio,
        xmlKey: `${base}.xml`,
        pdfKey: stamped.pdf ? `${base}.pdf` : null,
        errorCode: null,
        errorMessage: null,
        stampedAt,
      });
      await deps.events.publish(
        tx,
        pacInvoiceStamped,
        {
          invoiceId: row.id,
          uuid: stamped.uuid,
          tipo: row.tipo,
          issuerRfc: row.issuerRfc,
          receptorRfc: row.receptorRfc,
          total: row.amounts.total!,
          stampedAt: stampedAt.toISOString(),
        },
        { tenantId: row.tenantId },
      );
    });
  }

  return {
    async stamp(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row || row.status === 'stamped' || row.status === 'failed') return;
      if (row.pacJobId) {
        await deps.jobs.enqueue(deps.jobDefs.checkStamp, ref);
        return;
      }
      const pac = await deps.providerFor(ref.tenantId, ctx, deps.jobDefs.stamp.name);
      const invoice = await toStamp(row);
      try {
        if (row.attempts > 0) {
          // The last try may have stamped before its answer was lost: never stamp twice.
          const found = await pac.find(invoice, async (uuid) => !!(await repo.byUuid(row.tenantId, uuid)));
          if (found) return await finishStamped(row, found);
        }
        await repo.update(row.id, { status: 'stamping', attempts: row.attempts + 1 });
        const answer = await pac.stamp(invoice);
        if (answer.kind === 'queued') {
          await repo.update(row.id, { pacJobId: answer.jobId });
          await deps.jobs.enqueue(deps.jobDefs.checkStamp, ref, { startAfterSeconds: 1 });
          return;
        }
        await finishStamped(row, answer);
      } catch (err) {
        permanent(err);
      }
    },

    async checkStamp(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (row?.status !== 'stamping' || !row.pacJobId) return;
      const pac = await deps.providerFor(ref.tenantId, ctx, deps.jobDefs.checkStamp.name);
      const stamped = await pac.follow(row.pacJobId).catch(permanent);
      if (!stamped) throw new NotYet('La factura sigue en proceso de timbrado.');
      await finishStamped(row, stamped);
    },

    async cancel(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row?.uuid || row.cancellationStatus !== 'requested') return;
      const pac = await deps.providerFor(ref.tenantId, ctx, deps.jobDefs.cancel.name);
      try {
        const status = await pac.cancel(row.uuid, row.cancelMotivo ?? '02', row.cancelSubstitute);
        await repo.update(row.id, {
          cancellationStatus: status,
          cancelError: null,
          ...(status === 'pending' ? {} : { cancelResolvedAt: new Date() }),
        });
        if (status === 'pending')
          await deps.jobs.enqueue(deps.jobDefs.checkCancellation, ref, { startAfterSeconds: 1 });
      } catch (err) {
        // Refused (already cancelled, not cancellable…): the request is over and says why.
        if (err instanceof PacRejected) {
          await repo.update(row.id, { cancellationStatus: 'none', cancelError: err.message });
          return;
        }
        throw err;
      }
    },

    async checkCancellation(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row?.uuid || row.cancellationStatus !== 'pending') return;
      const pac = await deps.providerFor(ref.tenantId, ctx, deps.jobDefs.checkCancellation.name);
      const status = await pac.cancellation(row.uuid);
      if (status === 'pending') throw new NotYet('La cancelación espera la respuesta del receptor.');
      await repo.update(row.id, { cancellationStatus: status, cancelResolvedAt: new Date() });
    },

    /** A stamp that will not happen (refused, or every retry failed): the row says why. */
    async giveUp(ref: Ref, err: unknown) {
      const row = await load(ref);
      if (!row || row.status === 'stamped' || row.status === 'failed') return;
      const errorCode =
        err instanceof StampRejected
          ? err.code
          : err instanceof PacCredentialsRejected
            ? 'CREDENCIALES'
            : null;
      const errorMessage = personMessage(err);
      await deps.transaction(async (tx) => {
        await createPacInvoicesRepository(tx.db).update(row.id, {
          status: 'failed',
          errorCode,
          errorMessage,
        });
        await deps.events.publish(
          tx,
          pacInvoiceFailed,
          { invoiceId: row.id, tipo: row.tipo, code: errorCode, message: errorMessage },
          { tenantId: row.tenantId },
        );
      });
    },

    async giveUpCancellation(ref: Ref, err: unknown) {
      const row = await load(ref);
      if (row?.cancellationStatus === 'requested')
        await repo.update(row.id, { cancellationStatus: 'none', cancelError: personMessage(err) });
    },
  };
}

export type Stamping = ReturnType<typeof createStamping>;
