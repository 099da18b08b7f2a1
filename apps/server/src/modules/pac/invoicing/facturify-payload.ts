import type { PacInvoiceCreateBody } from '@boveda/contracts';
import { formatMoney } from '../../../platform/money/index.js';
import type { ComputedInvoice, ComputedTax } from './compute.js';

const m = (v: bigint) => formatMoney(v, 2);

const taxOut = (t: ComputedTax) => ({
  base: m(t.base),
  impuesto: t.impuesto,
  tipoFactor: t.tipoFactor,
  ...(t.tasa !== null ? { tasaOCuota: t.tasa } : {}),
  ...(t.importe !== null ? { importe: m(t.importe) } : {}),
});

/** Now as Facturify wants `factura.fecha`: Mexico City's local `YYYY-MM-DD HH:mm:ss`. */
export function mexicoDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Mexico_City',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The `POST /api/v1/factura` body (shared docs `pac-facturify.md` §1.8) for an invoice and its
 * computed amounts. Amounts go as exact decimal strings, never floats.
 */
export function facturifyPayload(
  body: PacInvoiceCreateBody,
  computed: ComputedInvoice,
  opts: { empresaUuid: string; fecha: string; webhookUrl: string | null },
) {
  const r = body.receptor;
  return {
    emisor: { uuid: opts.empresaUuid },
    receptor: {
      rfc: r.rfc,
      razon_social: r.nombre,
      codigo_postal: r.codigoPostal,
      regimen_fiscal: r.regimenFiscal,
      uso_cfdi: r.usoCfdi,
      ...(r.email ? { email: r.email } : {}),
    },
    factura: {
      version: '4.0',
      fecha: opts.fecha,
      tipo: body.tipo === 'E' ? 'egreso' : 'ingreso',
      generacion_automatica: true,
      ...(body.serie ? { serie: body.serie } : {}),
      moneda: body.moneda,
      ...(body.tipoCambio ? { tipo_de_cambio: body.tipoCambio } : {}),
      forma_de_pago: body.formaPago,
      metodo_de_pago: body.metodoPago,
      exportacion: '01',
      subtotal: m(computed.subtotal),
      ...(computed.descuento > 0n ? { descuento: m(computed.descuento) } : {}),
      impuesto_federal: m(computed.trasladados),
      traslados: m(computed.trasladados),
      retenciones: m(computed.retenidos),
      total: m(computed.total),
      conceptos: body.conceptos.map((c, i) => {
        const line = computed.lines[i]!;
        return {
          clave_producto_servicio: c.claveProdServ,
          clave_unidad_de_medida: c.claveUnidad,
          cantidad: c.cantidad,
          descripcion: c.descripcion,
          valor_unitario: c.valorUnitario,
          total: m(line.importe),
          ...(line.descuento > 0n ? { descuento: m(line.descuento) } : {}),
          objeto_imp: c.objetoImp,
          ...(line.traslados.length + line.retenciones.length > 0
            ? {
                impuestos: {
                  ...(line.traslados.length ? { traslados: { traslado: line.traslados.map(taxOut) } } : {}),
                  ...(line.retenciones.length
                    ? { retenciones: { retencion: line.retenciones.map(taxOut) } }
                    : {}),
                },
              }
            : {}),
        };
      }),
      ...(body.relacionados
        ? {
            cfdi_relacionados: {
              tipo_relacion: body.relacionados.tipoRelacion,
              uuids: body.relacionados.uuids,
            },
          }
        : {}),
    },
    ...(opts.webhookUrl ? { webhook_url: opts.webhookUrl } : {}),
  };
}
