import { computeInvoice } from '../invoicing/compute.js';
import { facturifyPayload } from '../invoicing/facturify-payload.js';
import type { CancellationStatus } from '../pac.schema.js';
import {
  type InvoiceToStamp,
  PacCredentialsRejected,
  type PacProvider,
  PacRejected,
  PacUnavailable,
  type Stamped,
} from '../pac-provider.js';
import type { FacturifyAccount } from './facturify-accounts.js';
import { FacturifyError } from './facturify-http.js';
import { FacturifyCredentialsError } from './token-manager.js';

type Data = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const b64 = (v: unknown) => (typeof v === 'string' && v ? Buffer.from(v, 'base64') : null);

/** Facturify's failures in the port's terms (§1.3, §1.7): refusals, credentials, outages. */
async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FacturifyCredentialsError) throw new PacCredentialsRejected(err.message);
    if (err instanceof FacturifyError) {
      if (err.kind === 'rejected' || err.kind === 'validation' || err.kind === 'not_found') {
        const fields = err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
        throw new PacRejected(fields ? `${err.message} (${fields})` : err.message, err.code);
      }
      throw new PacUnavailable(err.message);
    }
    throw err;
  }
}

// Issuers rarely change at the PAC: their uuid is remembered for a few minutes per account.
const EMPRESA_TTL_MS = 10 * 60_000;
const empresas = new Map<string, { uuid: string; at: number }>();

/** The PAC port on a Facturify account (its shared token and client). */
export function facturifyProvider(account: FacturifyAccount): PacProvider {
  const { client } = account;

  async function empresaUuid(rfc: string): Promise<string> {
    const key = `${account.keyBase}:${rfc}`;
    const known = empresas.get(key);
    if (known && Date.now() - known.at < EMPRESA_TTL_MS) return known.uuid;
    const answer = await client.call('GET', `/api/v1/empresa?search=${encodeURIComponent(rfc)}&limit=100`);
    const found = ((answer.json?.data ?? []) as Data[]).find(
      (e) => String(e.rfc ?? '').toUpperCase() === rfc,
    );
    if (!found?.uuid) throw new PacRejected(`El emisor ${rfc} no está registrado en Facturify.`, 'EMISOR');
    empresas.set(key, { uuid: String(found.uuid), at: Date.now() });
    return String(found.uuid);
  }

  /** The stamped invoice with its files (the create answer carries them; a look-up may not). */
  async function stamped(data: Data): Promise<Stamped> {
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
    return { kind: 'stamped', uuid, serie: str(data.serie), folio: str(data.folio), xml, pdf };
  }

  return {
    stamp: (invoice: InvoiceToStamp) =>
      translated(async () => {
        const payload = facturifyPayload(invoice.request, computeInvoice(invoice.request), {
          empresaUuid: await empresaUuid(invoice.request.issuerRfc),
          fecha: invoice.fecha,
          webhookUrl: invoice.webhookUrl,
        });
        // Not repeatable: a lost answer may have stamped; the caller looks it up before sending again.
        const answer = await client.call('POST', '/api/v1/factura', { json: payload, repeatable: false });
        const json = answer.json ?? {};
        const data = (json.data ?? {}) as Data;
        if (str(json.code) === '70') return { kind: 'queued', jobId: String(data.job_id) };
        if (!data.cfdi_uuid)
          throw new FacturifyError('transient', 'Facturify respondió sin UUID.', answer.status);
        return stamped(data);
      }),

    /**
     * Facturify takes no idempotency key: an invoice is recognised by receptor, `fecha` (to the
     * second) and total, among the PAC's invoices that are not already ours.
     */
    find: (invoice, isOurs) =>
      translated(async () => {
        const rfc = invoice.request.receptor.rfc;
        const answer = await client.call(
          'GET',
          `/api/v1/factura?search=${encodeURIComponent(rfc)}&limit=100`,
        );
        for (const f of (answer.json?.data ?? []) as Data[]) {
          if (str(f.fecha) !== invoice.fecha || str(f.total) !== invoice.total || !f.cfdi_uuid) continue;
          if (await isOurs(String(f.cfdi_uuid).toUpperCase())) continue;
          return stamped(f);
        }
        return null;
      }),

    follow: (jobId) =>
      translated(async () => {
        const json = (await client.call('GET', `/api/v1/factura/${encodeURIComponent(jobId)}`)).json ?? {};
        if (str(json.code) === '70') return null;
        const data = (json.data ?? {}) as Data;
        return data.cfdi_uuid ? stamped(data) : null;
      }),

    cancel: (uuid, motivo, substitute) =>
      translated(async () => {
        const answer = await client.call('PUT', `/api/v1/factura/${encodeURIComponent(uuid)}/cancel`, {
          json: { motivo, ...(substitute ? { folio_sustitucion: substitute } : {}) },
          repeatable: true,
        });
        return (str(((answer.json?.data ?? {}) as Data).cancellation_status) ??
          'pending') as CancellationStatus;
      }),

    cancellation: (uuid) =>
      translated(async () => {
        const data = ((await client.call('GET', `/api/v1/factura/${encodeURIComponent(uuid)}`)).json?.data ??
          {}) as Data;
        return (str(data.cancellation_status) ?? 'pending') as CancellationStatus;
      }),
  };
}
