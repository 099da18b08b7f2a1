import { type PacInvoiceCreateBody, pacInvoiceCreateBody } from '@boveda/contracts';
import type { Db } from '../../../platform/db/client.js';
import type { UnitOfWork } from '../../../platform/db/transaction.js';
import type { JobContext, Jobs } from '../../../platform/jobs/jobs.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { ObjectStore } from '../../../platform/storage/index.js';
import type { CfdiIngestion } from '../../cfdi/index.js';
import type { FacturifyAccount } from '../facturify/facturify-accounts.js';
import type { FacturifyClient } from '../facturify/facturify-client.js';
import { FacturifyError } from '../facturify/facturify-http.js';
import { FacturifyCredentialsError } from '../facturify/token-manager.js';
import { NotYet, type PacJobs, StampRejected } from '../pac.jobs.js';
import type { CancellationStatus } from '../pac.schema.js';
import { createPacInvoicesRepository, type PacInvoiceRow } from '../pac-invoices.repository.js';
import { computeInvoice } from './compute.js';
import { facturifyPayload } from './facturify-payload.js';

type Ref = { tenantId: string; invoiceId: string };
type Data = Record<string, unknown>;

/** What a person may read of a failure: the PAC's words, never an internal error's. */
function personMessage(err: unknown): string {
  if (
    err instanceof StampRejected ||
    err instanceof FacturifyError ||
    err instanceof FacturifyCredentialsError
  )
    return err.message;
  return 'Error interno al hablar con el PAC; revisa los registros del servidor y reintenta.';
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const b64 = (v: unknown) => (typeof v === 'string' && v ? Buffer.from(v, 'base64') : null);

/**
 * The PAC conversation of an invoice, run by jobs: stamp (never twice: a try after a lost answer
 * looks the invoice up first), follow an asynchronous stamp, cancel, follow a pending
 * cancellation. A stamped invoice's XML enters the vault as an issued CFDI; XML and PDF are kept.
 */
export function createStamping(deps: {
  db: Db;
  transaction: UnitOfWork;
  storage: ObjectStore;
  jobs: Jobs;
  jobDefs: PacJobs;
  vault: Pick<CfdiIngestion, 'registerDocument'>;
  accountFor: (tenantId: string, ctx: JobContext, job: string) => Promise<FacturifyAccount>;
  webhookUrlFor: (tenantId: string) => Promise<string | null>;
  logger: Logger;
}) {
  const repo = createPacInvoicesRepository(deps.db);

  async function load(ref: Ref): Promise<PacInvoiceRow | null> {
    return repo.get(ref.tenantId, ref.invoiceId);
  }

  // Issuers rarely change at the PAC: their uuid is remembered for a few minutes per account.
  const empresas = new Map<string, { uuid: string; at: number }>();
  const EMPRESA_TTL_MS = 10 * 60_000;

  /** The issuer's uuid at Facturify (`empresa`), found by RFC. */
  async function empresaUuid(account: FacturifyAccount, rfc: string): Promise<string> {
    const key = `${account.keyBase}:${rfc}`;
    const known = empresas.get(key);
    if (known && Date.now() - known.at < EMPRESA_TTL_MS) return known.uuid;
    const answer = await account.client.call(
      'GET',
      `/api/v1/empresa?search=${encodeURIComponent(rfc)}&limit=100`,
    );
    const list = (answer.json?.data ?? []) as Data[];
    const found = list.find((e) => String(e.rfc ?? '').toUpperCase() === rfc);
    if (!found?.uuid) throw new StampRejected(`El emisor ${rfc} no está registrado en Facturify.`, 'EMISOR');
    empresas.set(key, { uuid: String(found.uuid), at: Date.now() });
    return String(found.uuid);
  }

  /**
   * After a try whose answer was lost: is the invoice at the PAC already? Facturify takes no
   * idempotency key, so it is recognised by receptor, `fecha` (fixed to the second when the invoice
   * was created) and total, among the PAC's invoices that are not already ours.
   */
  async function lookUp(client: FacturifyClient, row: PacInvoiceRow): Promise<Data | null> {
    const answer = await client.call(
      'GET',
      `/api/v1/factura?search=${encodeURIComponent(row.receptorRfc)}&limit=100`,
    );
    const list = (answer.json?.data ?? []) as Data[];
    for (const f of list) {
      if (str(f.fecha) !== row.fecha || str(f.total) !== row.amounts.total || !f.cfdi_uuid) continue;
      // One of ours already (same receptor, second and total): not the one that was lost.
      if (await repo.byUuid(row.tenantId, String(f.cfdi_uuid))) continue;
      return f;
    }
    return null;
  }

  async function finishStamped(client: FacturifyClient, row: PacInvoiceRow, data: Data) {
    const uuid = String(data.cfdi_uuid).toUpperCase();
    let xml = b64(data.xml);
    let pdf = b64(data.pdf);
    if (!xml || !pdf) {
      const full = ((await client.call('GET', `/api/v1/factura/${encodeURIComponent(uuid)}`)).json?.data ??
        {}) as Data;
      xml ??= b64(full.xml);
      pdf ??= b64(full.pdf);
    }
    if (!xml) throw new FacturifyError('transient', 'Facturify no devolvió el XML timbrado.', null);
    const base = `tenants/${row.tenantId}/pac/${row.id}`;
    await deps.storage.put(`${base}.xml`, xml, { contentType: 'application/xml' });
    if (pdf) await deps.storage.put(`${base}.pdf`, pdf, { contentType: 'application/pdf' });
    // The vault keeps the stamped CFDI like any other issued one (explorer, exports, original XML).
    await deps.vault.registerDocument({ tenantId: row.tenantId, xml, objectKey: `${base}.xml` });
    await repo.update(row.id, {
      status: 'stamped',
      uuid,
      serie: str(data.serie),
      folio: str(data.folio),
      xmlKey: `${base}.xml`,
      pdfKey: pdf ? `${base}.pdf` : null,
      errorCode: null,
      errorMessage: null,
      stampedAt: new Date(),
    });
  }

  async function reject(row: PacInvoiceRow, err: { code: string | null; message: string }) {
    await repo.update(row.id, { status: 'failed', errorCode: err.code, errorMessage: err.message });
  }

  /** A PAC failure during stamping: the document's fault (permanent) or the PAC's (retried). */
  function classify(err: unknown): never {
    if (err instanceof FacturifyError && (err.kind === 'rejected' || err.kind === 'validation')) {
      const fields = err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new StampRejected(fields ? `${err.message} (${fields})` : err.message, err.code);
    }
    throw err;
  }

  return {
    async stamp(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row || row.status === 'stamped' || row.status === 'failed') return;
      if (row.pacJobId) {
        await deps.jobs.enqueue(deps.jobDefs.checkStamp, ref);
        return;
      }
      const account = await deps.accountFor(ref.tenantId, ctx, deps.jobDefs.stamp.name);
      const { client } = account;
      try {
        if (row.attempts > 0) {
          // The last try may have stamped before its answer was lost: never stamp twice.
          const found = await lookUp(client, row);
          if (found) {
            await finishStamped(client, row, found);
            return;
          }
        }
        const body = pacInvoiceCreateBody.parse(row.request) as PacInvoiceCreateBody;
        const payload = facturifyPayload(body, computeInvoice(body), {
          empresaUuid: await empresaUuid(account, row.issuerRfc),
          fecha: row.fecha,
          webhookUrl: await deps.webhookUrlFor(row.tenantId),
        });
        await repo.update(row.id, { status: 'stamping', attempts: row.attempts + 1 });
        const answer = await client.call('POST', '/api/v1/factura', { json: payload, repeatable: false });
        const json = answer.json ?? {};
        const data = (json.data ?? {}) as Data;
        if (str(json.code) === '70') {
          await repo.update(row.id, { pacJobId: str(data.job_id) });
          await deps.jobs.enqueue(deps.jobDefs.checkStamp, ref, { startAfterSeconds: 1 });
          return;
        }
        if (!data.cfdi_uuid)
          throw new FacturifyError('transient', 'Facturify respondió sin UUID.', answer.status);
        await finishStamped(client, { ...row, attempts: row.attempts + 1 }, data);
      } catch (err) {
        if (err instanceof FacturifyCredentialsError) throw err;
        classify(err);
      }
    },

    async checkStamp(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row || row.status !== 'stamping' || !row.pacJobId) return;
      const { client } = await deps.accountFor(ref.tenantId, ctx, deps.jobDefs.checkStamp.name);
      let answer: Awaited<ReturnType<FacturifyClient['call']>>;
      try {
        answer = await client.call('GET', `/api/v1/factura/${encodeURIComponent(row.pacJobId)}`);
      } catch (err) {
        classify(err);
      }
      const json = answer.json ?? {};
      if (str(json.code) === '70') throw new NotYet('La factura sigue en proceso de timbrado.');
      const data = (json.data ?? {}) as Data;
      if (!data.cfdi_uuid) throw new NotYet('Facturify todavía no devuelve el UUID.');
      await finishStamped(client, row, data);
    },

    async cancel(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row?.uuid || row.cancellationStatus !== 'requested') return;
      const { client } = await deps.accountFor(ref.tenantId, ctx, deps.jobDefs.cancel.name);
      try {
        const answer = await client.call('PUT', `/api/v1/factura/${encodeURIComponent(row.uuid)}/cancel`, {
          json: {
            motivo: row.cancelMotivo,
            ...(row.cancelSubstitute ? { folio_sustitucion: row.cancelSubstitute } : {}),
          },
          repeatable: true,
        });
        const status = (str(((answer.json?.data ?? {}) as Data).cancellation_status) ??
          'pending') as CancellationStatus;
        await repo.update(row.id, {
          cancellationStatus: status,
          cancelError: null,
          ...(status === 'pending' ? {} : { cancelResolvedAt: new Date() }),
        });
        if (status === 'pending')
          await deps.jobs.enqueue(deps.jobDefs.checkCancellation, ref, { startAfterSeconds: 1 });
      } catch (err) {
        if (err instanceof FacturifyError && !err.retryable && err.kind !== 'unauthorized') {
          await repo.update(row.id, { cancellationStatus: 'none', cancelError: err.message });
          return;
        }
        throw err;
      }
    },

    async checkCancellation(ref: Ref, ctx: JobContext) {
      const row = await load(ref);
      if (!row?.uuid || row.cancellationStatus !== 'pending') return;
      const { client } = await deps.accountFor(ref.tenantId, ctx, deps.jobDefs.checkCancellation.name);
      const data = ((await client.call('GET', `/api/v1/factura/${encodeURIComponent(row.uuid)}`)).json
        ?.data ?? {}) as Data;
      const status = (str(data.cancellation_status) ?? 'pending') as CancellationStatus;
      if (status === 'pending') throw new NotYet('La cancelación espera la respuesta del receptor.');
      await repo.update(row.id, { cancellationStatus: status, cancelResolvedAt: new Date() });
    },

    /** A stamp that will not happen (rejected, or every retry failed): the row says why. */
    async giveUp(ref: Ref, err: unknown) {
      const row = await load(ref);
      if (!row || row.status === 'stamped') return;
      await reject(row, {
        code:
          err instanceof StampRejected
            ? err.code
            : err instanceof FacturifyCredentialsError
              ? 'CREDENCIALES'
              : null,
        message: personMessage(err),
      });
    },

    async giveUpCancellation(ref: Ref, err: unknown) {
      const row = await load(ref);
      if (!row) return;
      if (row.cancellationStatus === 'requested')
        await repo.update(row.id, {
          cancellationStatus: 'none',
          cancelError: err instanceof Error ? err.message : String(err),
        });
    },
  };
}

export type Stamping = ReturnType<typeof createStamping>;
