import { timingSafeEqual } from 'node:crypto';
import type { PacInvoiceCreateBody, pacInvoiceView } from '@boveda/contracts';
import type { z } from 'zod';
import { normalize, type SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { formatMoney } from '../../platform/money/index.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { TaxpayersService } from '../taxpayers/index.js';
import { computeInvoice, preflight } from './invoicing/compute.js';
import { mexicoDateTime } from './invoicing/facturify-payload.js';
import type { PacJobs } from './pac.jobs.js';
import type { PacInvoiceStatus } from './pac.schema.js';
import { createPacInvoicesRepository, type PacInvoiceRow } from './pac-invoices.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPacInvoice(r: PacInvoiceRow): z.output<typeof pacInvoiceView> {
  const request = r.request as PacInvoiceCreateBody;
  return {
    id: r.id,
    status: r.status,
    tipo: r.tipo,
    issuerRfc: r.issuerRfc,
    receptor: { rfc: r.receptorRfc, nombre: r.receptorNombre },
    uuid: r.uuid,
    serie: r.serie,
    folio: r.folio,
    fecha: r.fecha,
    moneda: r.moneda,
    subtotal: r.amounts.subtotal!,
    descuento: r.amounts.descuento!,
    trasladados: r.amounts.trasladados!,
    retenidos: r.amounts.retenidos!,
    total: r.amounts.total!,
    error: r.errorMessage ? { code: r.errorCode, message: r.errorMessage } : null,
    attempts: r.attempts,
    cancellation: {
      status: r.cancellationStatus,
      motivo: (r.cancelMotivo as '01' | '02' | '03' | '04' | null) ?? null,
      folioSustitucion: r.cancelSubstitute,
      requestedAt: iso(r.cancelRequestedAt),
      resolvedAt: iso(r.cancelResolvedAt),
      error: r.cancelError,
    },
    relacionados: request.relacionados ?? null,
    createdAt: r.createdAt.toISOString(),
    stampedAt: iso(r.stampedAt),
    createdBy: r.createdBy,
  };
}

/**
 * *Facturación*: invoices checked here (formats, CFDI 4.0 rules, exact amounts) and stamped by
 * jobs; cancellations with motive; the PAC's callbacks, received on an unguessable URL per
 * organization and treated as a hint to re-fetch.
 */
export function createPacInvoicesService(deps: {
  db: Db;
  transaction: UnitOfWork;
  jobs: Jobs;
  jobDefs: PacJobs;
  storage: ObjectStore;
  secretBox: SecretBox;
  audit: AuditRecorder;
  taxpayers: Pick<TaxpayersService, 'getTaxpayer'>;
  now?: () => Date;
}) {
  const repo = createPacInvoicesRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  async function found(tenantId: string, id: string) {
    const row = await repo.get(tenantId, id);
    if (!row) throw appError('PAC_INVOICE_NOT_FOUND');
    return row;
  }

  async function callbackToken(tenantId: string): Promise<string> {
    const mac = await deps.secretBox.blindIndex(tenantId, 'pac.facturify-callback', tenantId, normalize.rfc);
    return mac!.toString('hex');
  }

  return {
    callbackToken,

    /**
     * `opts.tx`: join the caller's transaction (an order's return and its credit note commit
     * together); the audit record is written after it.
     */
    async create(tenantId: string, actor: Actor, body: PacInvoiceCreateBody, opts: { tx?: Tx } = {}) {
      await deps.taxpayers.getTaxpayer(tenantId, body.issuerRfc).catch(() => {
        throw appError('PAC_ISSUER_UNKNOWN', `${body.issuerRfc} is not a taxpayer of the organization.`);
      });
      const computed = computeInvoice(body);
      const errors = preflight(body, computed);
      // The preflight rules are written in Spanish for the contador already: `invoice_rule` tells
      // the web to show each message as it is.
      if (errors.length > 0)
        throw appError('PAC_INVOICE_INVALID', errors[0]!.message, {
          errors: errors.map((e) => ({ ...e, code: 'invoice_rule' as const })),
        });
      const id = crypto.randomUUID();
      let joined: Tx | undefined;
      const row = await deps.transaction.join(opts.tx, async (tx) => {
        joined = tx;
        const created = await createPacInvoicesRepository(tx.db).insert({
          id,
          tenantId,
          tipo: body.tipo,
          issuerRfc: body.issuerRfc,
          receptorRfc: body.receptor.rfc,
          receptorNombre: body.receptor.nombre,
          fecha: mexicoDateTime(now()),
          moneda: body.moneda,
          request: body,
          amounts: {
            subtotal: formatMoney(computed.subtotal),
            descuento: formatMoney(computed.descuento),
            trasladados: formatMoney(computed.trasladados),
            retenidos: formatMoney(computed.retenidos),
            total: formatMoney(computed.total),
          },
          createdBy: actor.label ?? null,
        });
        await deps.jobs.enqueue(deps.jobDefs.stamp, { tenantId, invoiceId: id }, { tx });
        return created;
      });
      const record = () =>
        deps.audit.record({
          tenantId,
          actor,
          action: 'pac.invoice.created',
          target: { type: 'pac_invoice', id },
          metadata: {
            tipo: body.tipo,
            issuer: body.issuerRfc,
            receptor: body.receptor.rfc,
            total: row.amounts.total,
          },
        });
      // In the caller's transaction, the trail names the invoice only once it exists.
      if (opts.tx) joined!.afterCommit(record);
      else await record();
      return row;
    },

    get: found,
    list: (
      tenantId: string,
      filter: { status?: PacInvoiceStatus },
      page: { limit: number; after?: { createdAt: Date; id: string } },
    ) => repo.list(tenantId, filter, page),

    async retry(tenantId: string, id: string) {
      const row = await found(tenantId, id);
      if (row.status !== 'failed') throw appError('PAC_INVOICE_NOT_RETRYABLE');
      return deps.transaction(async (tx) => {
        const updated = await createPacInvoicesRepository(tx.db).update(row.id, {
          status: 'draft',
          errorCode: null,
          errorMessage: null,
        });
        await deps.jobs.enqueue(deps.jobDefs.stamp, { tenantId, invoiceId: id }, { tx });
        return updated;
      });
    },

    async cancel(
      tenantId: string,
      actor: Actor,
      id: string,
      body: { motivo: '01' | '02' | '03' | '04'; folioSustitucion?: string | undefined },
    ) {
      const row = await found(tenantId, id);
      if (row.status !== 'stamped' || !row.uuid || !['none', 'rejected'].includes(row.cancellationStatus))
        throw appError('PAC_INVOICE_NOT_CANCELLABLE');
      if (body.motivo === '01') {
        // The substitute is issued first and relates this one with 04 (SAT, Guía de llenado).
        const substitute = body.folioSustitucion ? await repo.byUuid(tenantId, body.folioSustitucion) : null;
        const relates = (substitute?.request as PacInvoiceCreateBody | undefined)?.relacionados;
        if (
          substitute?.status !== 'stamped' ||
          relates?.tipoRelacion !== '04' ||
          !relates.uuids.some((u) => u.toUpperCase() === row.uuid)
        )
          throw appError(
            'PAC_INVOICE_NOT_CANCELLABLE',
            'Motive 01 needs the UUID of a stamped substitute that relates this invoice with type 04.',
          );
      }
      const updated = await deps.transaction(async (tx) => {
        const saved = await createPacInvoicesRepository(tx.db).update(row.id, {
          cancellationStatus: 'requested',
          cancelMotivo: body.motivo,
          cancelSubstitute: body.folioSustitucion?.toUpperCase() ?? null,
          cancelRequestedAt: now(),
          cancelResolvedAt: null,
          cancelError: null,
        });
        await deps.jobs.enqueue(deps.jobDefs.cancel, { tenantId, invoiceId: id }, { tx });
        return saved;
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'pac.invoice.cancellation_requested',
        target: { type: 'pac_invoice', id },
        metadata: { uuid: row.uuid, motivo: body.motivo },
      });
      return updated;
    },

    async file(tenantId: string, id: string, kind: 'xml' | 'pdf') {
      const row = await found(tenantId, id);
      const key = kind === 'xml' ? row.xmlKey : row.pdfKey;
      if (!key) throw appError('PAC_INVOICE_NOT_FOUND', `The invoice has no ${kind.toUpperCase()} yet.`);
      return { row, bytes: await deps.storage.getBuffer(key) };
    },

    /**
     * Facturify's callback: authenticated by the unguessable token in its URL, idempotent, and only
     * a hint: the matching invoice is re-fetched from the PAC by a job before anything changes.
     */
    async callback(tenantId: string, token: string, payload: Record<string, unknown>) {
      const expected = Buffer.from(await callbackToken(tenantId));
      const given = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      const data = (payload.data ?? {}) as Record<string, unknown>;
      const action = String(payload.action ?? '');
      const jobId = data.job_id ? String(data.job_id) : null;
      const uuid = data.cfdi_uuid ? String(data.cfdi_uuid) : null;
      const row =
        (jobId && (await repo.byJob(tenantId, jobId))) ||
        (uuid && (await repo.byUuid(tenantId, uuid))) ||
        null;
      if (!row) return true;
      const ref = { tenantId, invoiceId: row.id };
      if (action === 'CANCELLATION') await deps.jobs.enqueue(deps.jobDefs.checkCancellation, ref);
      else await deps.jobs.enqueue(deps.jobDefs.checkStamp, ref);
      return true;
    },
  };
}

export type PacInvoicesService = ReturnType<typeof createPacInvoicesService>;
