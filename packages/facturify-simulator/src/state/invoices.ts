import { randomUUID } from 'node:crypto';
import { EXTRANJERO, PUBLICO_EN_GENERAL, UUID } from '../cfdi/catalogs.js';
import { simplePdf } from '../cfdi/pdf.js';
import { RULE } from '../cfdi/validate.js';
import { cfdiXml } from '../cfdi/xml.js';
import { Decimal } from '../decimal.js';
import { plainError, validationError } from '../http/answer.js';
import { mexicoLocal, type SimClock } from './clock.js';
import type { CancellationStatus, Draft, Factura } from './records.js';
import type { WebhookBody, WebhookSender } from './webhooks.js';

/** A receptor as the SAT knows it (l_RFC): checked at stamping time, like the real PAC does. */
export interface SatTaxpayer {
  rfc: string;
  razon_social: string;
  codigo_postal: string;
}

export interface StampingConfig {
  /** sync (default): POST /factura answers with the stamped CFDI. async: code 70 + job_id, webhook later. */
  mode: 'sync' | 'async';
  /** auto: queued invoices are stamped `asyncDelayMs` later; manual: only by POST /__admin/jobs/complete. */
  asyncCompletion: 'auto' | 'manual';
  asyncDelayMs: number;
  /**
   * accept: every cancellation is accepted at once; pending: every one waits for POST
   * /__admin/cancellations/:uuid; sat-rules: accepted at once when the SAT needs no receptor acceptance
   * (total ≤ $1,000 MXN, generic RFC, egreso/traslado, within 24 h of stamping), pending otherwise.
   */
  cancellation: 'accept' | 'pending' | 'sat-rules';
  /** A pending cancellation nobody answers becomes `expired` (accepted by silence) after this (3 days). */
  cancellationExpirySeconds: number;
  /** Callback URL when neither the request nor the empresa names one. */
  callbackUrl: string | null;
}

/** The 2xx stamping failure of doc §1.7, verbatim shape. */
export interface StampFailure {
  code: string;
  message: string;
}

export const OBSERVED_FAILURE: StampFailure = {
  code: 'CFDI40147',
  message:
    'El campo DomicilioFiscalReceptor del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.',
};

export function failureBody(failure: StampFailure) {
  return {
    success: false,
    message: `Error no detectado: (SAT: ${failure.message})`,
    code: failure.code,
    pac: 'Finkok',
  };
}

const CANCEL_MOTIVES: Record<string, string> = {
  '01': 'Comprobante emitido con errores con relación',
  '02': 'Comprobante emitido con errores sin relación',
  '03': 'No se llevó a cabo la operación',
  '04': 'Operación nominativa relacionada en una factura global',
};

export class InvoiceBook {
  private invoices: Factura[] = [];
  private folios = new Map<string, number>();
  private timers = new Set<NodeJS.Timeout>();
  readonly satTaxpayers = new Map<string, SatTaxpayer>();

  constructor(
    readonly config: StampingConfig,
    private readonly clock: SimClock,
    private readonly webhooks: WebhookSender,
  ) {}

  /** The SAT-side checks a PAC does at stamping (answered as 2xx `success: false`). */
  private satCheck(draft: Draft): StampFailure | undefined {
    if (draft.simulacion_error) return OBSERVED_FAILURE;
    const known = this.satTaxpayers.get(draft.receptor.rfc);
    if (known && known.codigo_postal !== draft.receptor.domicilio_fiscal) return OBSERVED_FAILURE;
    if (known && known.razon_social.toUpperCase() !== draft.receptor.razon_social.toUpperCase())
      return {
        code: 'CFDI40145',
        message:
          'El campo Nombre del receptor, debe pertenecer al nombre asociado al RFC registrado en el campo Rfc del Receptor.',
      };
    return undefined;
  }

  private callbackOf(f: Factura): string | null {
    return f.draft.callback_url ?? f.draft.emisor.webhook_url ?? this.config.callbackUrl;
  }

  private stamp(f: Factura): void {
    const d = f.draft;
    const key = `${d.emisor.uuid}|${d.serie}`;
    const folio = (this.folios.get(key) ?? 0) + 1;
    this.folios.set(key, folio);
    const now = this.clock.now();
    f.cfdi_uuid = randomUUID().toUpperCase();
    f.folio = folio;
    f.status = 'valid';
    f.stamped_at = now;
    f.xml = cfdiXml(d, { uuid: f.cfdi_uuid, folio, fechaTimbrado: mexicoLocal(now, 'T') });
    f.pdf = simplePdf([
      `CFDI 4.0 - representacion impresa (simulador de Facturify)`,
      `Folio fiscal (UUID): ${f.cfdi_uuid}`,
      `Serie y folio: ${d.serie}${folio}`,
      `Emisor: ${d.emisor.rfc} ${d.emisor.razon_social}`,
      `Receptor: ${d.receptor.rfc} ${d.receptor.razon_social}`,
      `Fecha: ${d.fecha}  Tipo: ${d.tipo}  Moneda: ${d.moneda}`,
      `Subtotal: ${d.subtotal.toFixed(2)}  Impuestos: ${d.traslados.toFixed(2)}  Total: ${d.total.toFixed(2)}`,
    ]);
  }

  /** POST /api/v1/factura after validation: the 200 body (stamped, queued, or `success: false`). */
  create(draft: Draft, options: { async?: boolean; failure?: StampFailure } = {}): Record<string, unknown> {
    const f: Factura = {
      job_id: randomUUID(),
      cfdi_uuid: null,
      status: 'queued',
      cancellation_status: 'none',
      cancellation: null,
      draft,
      folio: null,
      created_at: mexicoLocal(this.clock.now()),
      stamped_at: null,
      xml: null,
      pdf: null,
      error: options.failure ?? null,
    };
    if (options.async || this.config.mode === 'async') {
      this.invoices.push(f);
      if (this.config.asyncCompletion === 'auto') {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.complete(f.job_id);
        }, this.config.asyncDelayMs);
        this.timers.add(timer);
      }
      return {
        success: true,
        code: '70',
        message: 'La factura está en proceso de timbrado',
        data: { job_id: f.job_id },
      };
    }
    const failure = options.failure ?? this.satCheck(draft);
    if (failure) return failureBody(failure);
    this.stamp(f);
    this.invoices.push(f);
    return { success: true, code: '0', message: 'Factura timbrada correctamente', data: this.stampData(f) };
  }

  /** What the create answer and the STAMP webhook carry (doc §1.7, §1.8). */
  private stampData(f: Factura) {
    return {
      created_at: f.created_at,
      cfdi_uuid: f.cfdi_uuid,
      xml: f.xml ? Buffer.from(f.xml).toString('base64') : null,
      pdf: f.pdf ? f.pdf.toString('base64') : null,
      serie: f.draft.serie,
      folio: f.folio,
      factura: f.draft.tipo,
      job_id: f.job_id,
    };
  }

  /**
   * Finishes queued invoices (one by job_id, or all): stamps them, or fails them (SAT check, the fault's
   * failure, or outcome 'error'), and POSTs the STAMP webhook. Returns the job ids handled.
   */
  complete(jobId?: string, outcome?: 'stamped' | 'error', failure?: StampFailure): string[] {
    const queued = this.invoices.filter((f) => f.status === 'queued' && (!jobId || f.job_id === jobId));
    for (const f of queued) {
      const why =
        outcome === 'error'
          ? (failure ?? f.error ?? OBSERVED_FAILURE)
          : outcome === 'stamped'
            ? undefined
            : (f.error ?? this.satCheck(f.draft));
      if (why) {
        f.status = 'error';
        f.error = why;
      } else {
        f.error = null;
        this.stamp(f);
      }
      const url = this.callbackOf(f);
      if (url)
        this.webhooks.send(url, {
          module: 'invoice',
          action: 'STAMP',
          status: why ? 'ERROR' : 'TIMBRADO',
          data: why ? { job_id: f.job_id, ...failureBody(why), created_at: f.created_at } : this.stampData(f),
        });
    }
    return queued.map((f) => f.job_id);
  }

  /** By cfdi_uuid (any case) or by job_id. */
  find(id: string): Factura | undefined {
    const upper = id.toUpperCase();
    const f = this.invoices.find((i) => i.cfdi_uuid === upper || i.job_id === id);
    if (f) this.expireCancellation(f);
    return f;
  }

  all(): Factura[] {
    for (const f of this.invoices) this.expireCancellation(f);
    return [...this.invoices];
  }

  /** A summary for listings. Amounts are decimal strings, never floats. */
  view(f: Factura) {
    const d = f.draft;
    return {
      cfdi_uuid: f.cfdi_uuid,
      job_id: f.job_id,
      serie: d.serie,
      folio: f.folio,
      fecha: d.fecha,
      created_at: f.created_at,
      fecha_timbrado: f.stamped_at ? mexicoLocal(f.stamped_at) : null,
      tipo: d.tipo,
      status: f.status,
      cancellation_status: f.cancellation_status,
      motivo_cancelacion: f.cancellation?.motivo ?? null,
      folio_sustitucion: f.cancellation?.folio_sustitucion ?? null,
      moneda: d.moneda,
      subtotal: d.subtotal.toFixed(2),
      descuento: (d.descuento ?? Decimal.of(0n)).toFixed(2),
      impuesto_federal: d.impuesto_federal.toFixed(2),
      total: d.total.toFixed(2),
      emisor: { uuid: d.emisor.uuid, rfc: d.emisor.rfc, razon_social: d.emisor.razon_social },
      receptor: {
        uuid: d.receptor.uuid,
        rfc: d.receptor.rfc,
        razon_social: d.receptor.razon_social,
        uso_cfdi: d.receptor.uso_cfdi,
      },
      error: f.error && f.status === 'error' ? failureBody(f.error) : null,
    };
  }

  /** GET /api/v1/factura/{id}: the summary plus base64 `xml` and `pdf` (doc §1.7). */
  detail(f: Factura) {
    return {
      ...this.view(f),
      xml: f.xml ? Buffer.from(f.xml).toString('base64') : null,
      pdf: f.pdf ? f.pdf.toString('base64') : null,
    };
  }

  /** Does the SAT ask the receptor (doc §4.4)? Not for ≤ $1,000, generic RFCs, E/T, or within a day. */
  private needsAcceptance(f: Factura): boolean {
    if (this.config.cancellation === 'accept') return false;
    if (this.config.cancellation === 'pending') return true;
    const d = f.draft;
    const mxn = d.tipo_de_cambio ? d.total.mul(d.tipo_de_cambio) : d.total;
    if (mxn.cmp(Decimal.of(1000n)) <= 0) return false;
    if (d.receptor.rfc === PUBLICO_EN_GENERAL || d.receptor.rfc === EXTRANJERO) return false;
    if (d.tipo !== 'ingreso') return false;
    const age = this.clock.now().getTime() - (f.stamped_at?.getTime() ?? 0);
    return age > 24 * 3600 * 1000;
  }

  /**
   * PUT /api/v1/factura/{uuid}/cancel. `motivo` defaults to 02 when absent (both known clients send no
   * body, doc §1.7); 01 needs `folio_sustitucion`, a stamped, valid invoice of this simulator.
   */
  cancel(id: string, input: Record<string, unknown>): Record<string, unknown> {
    const f = this.find(id);
    if (!f?.cfdi_uuid) throw plainError(404, 'No se encontró la factura', '404');
    const motivo = String(input.motivo ?? input.motive ?? '02').padStart(2, '0');
    const rawFolio = input.folio_sustitucion ?? input.substitution;
    const folio = typeof rawFolio === 'string' && rawFolio ? rawFolio.toUpperCase() : null;
    const errors = [];
    if (!CANCEL_MOTIVES[motivo])
      errors.push({
        field: 'motivo',
        message: 'El motivo de cancelación debe ser 01, 02, 03 o 04.',
        code: RULE.catalog,
      });
    if (motivo === '01') {
      const substitute = folio ? this.find(folio) : undefined;
      if (!folio)
        errors.push({
          field: 'folio_sustitucion',
          message: 'El motivo 01 requiere el UUID del CFDI que sustituye (folio_sustitucion).',
          code: RULE.required,
        });
      else if (!UUID.test(folio))
        errors.push({
          field: 'folio_sustitucion',
          message: 'El folio de sustitución no es un UUID.',
          code: RULE.format,
        });
      else if (folio === f.cfdi_uuid || !substitute || substitute.status !== 'valid')
        errors.push({
          field: 'folio_sustitucion',
          message: 'El CFDI sustituto no existe o no está vigente.',
          code: RULE.notFound,
        });
    } else if (folio)
      errors.push({
        field: 'folio_sustitucion',
        message: 'Sólo el motivo 01 lleva folio de sustitución.',
        code: RULE.conflict,
      });
    if (f.status === 'canceled')
      errors.push({ field: 'cfdi_uuid', message: 'UUID previamente cancelado.', code: 202 });
    else if (f.cancellation_status === 'pending')
      errors.push({
        field: 'cfdi_uuid',
        message: 'La solicitud de cancelación ya fue enviada y espera la respuesta del receptor.',
        code: 202,
      });
    if (errors.length) throw validationError(errors);
    f.cancellation = {
      motivo,
      folio_sustitucion: motivo === '01' ? folio : null,
      requested_at: this.clock.now().toISOString(),
      resolved_at: null,
    };
    f.cancellation_status = 'pending';
    if (!this.needsAcceptance(f)) this.resolve(f, 'accepted');
    return {
      code: '0',
      message:
        f.cancellation_status === 'pending'
          ? 'Solicitud de cancelación enviada; en espera de la aceptación del receptor'
          : 'Factura cancelada correctamente',
      data: this.cancellationView(f),
    };
  }

  cancellationView(f: Factura) {
    return {
      cfdi_uuid: f.cfdi_uuid,
      status: f.status,
      cancellation_status: f.cancellation_status,
      motivo: f.cancellation?.motivo ?? null,
      folio_sustitucion: f.cancellation?.folio_sustitucion ?? null,
      requested_at: f.cancellation?.requested_at ?? null,
      resolved_at: f.cancellation?.resolved_at ?? null,
    };
  }

  /** Ends a pending cancellation; accepted and expired cancel the invoice, rejected leaves it valid. */
  resolve(f: Factura, result: Exclude<CancellationStatus, 'none' | 'pending'>): void {
    if (f.cancellation_status !== 'pending' || !f.cancellation) return;
    f.cancellation_status = result;
    f.cancellation.resolved_at = this.clock.now().toISOString();
    if (result !== 'rejected') f.status = 'canceled';
    const url = this.callbackOf(f);
    if (url) {
      const body: WebhookBody = {
        module: 'invoice',
        action: 'CANCELLATION',
        status: result === 'rejected' ? 'ERROR' : 'CANCELADO',
        data: { job_id: f.job_id, ...this.cancellationView(f) },
      };
      this.webhooks.send(url, body);
    }
  }

  private expireCancellation(f: Factura): void {
    if (f.cancellation_status !== 'pending' || !f.cancellation) return;
    const deadline = Date.parse(f.cancellation.requested_at) + this.config.cancellationExpirySeconds * 1000;
    if (this.clock.now().getTime() >= deadline) this.resolve(f, 'expired');
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.invoices = [];
    this.folios.clear();
  }
}
