import { createHmac } from 'node:crypto';
import type { Decimal } from '../decimal.js';
import type { Draft, Tax } from '../state/records.js';
import { NO_CERTIFICADO, NO_CERTIFICADO_SAT, RFC_PROV_CERTIF, TIPOS } from './catalogs.js';

const xmlEscape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `name="value"` pairs for the defined values, in the XSD's order. */
function attrs(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlEscape(value)}"`)
    .join('');
}

const money = (d: Decimal) => d.toFixed(2);
/** Quantities and unit values keep their decimals (2 to 6). */
const exact = (d: Decimal) => d.toFixed(Math.min(6, Math.max(2, d.decimals)));

function taxNode(tag: 'Traslado' | 'Retencion', t: Tax, withBase: boolean): string {
  return `<cfdi:${tag}${attrs([
    ['Base', withBase ? money(t.base) : undefined],
    ['Impuesto', t.impuesto],
    ['TipoFactor', withBase || tag === 'Traslado' ? t.tipoFactor : undefined],
    ['TasaOCuota', t.tasaOCuota && (withBase || tag === 'Traslado') ? t.tasaOCuota.toFixed(6) : undefined],
    ['Importe', t.importe ? money(t.importe) : undefined],
  ])}/>`;
}

/** Invoice-level tax summary: one line per (impuesto, factor, tasa), as the XSD requires. */
function summarize(taxes: Tax[], byRate: boolean): Tax[] {
  const groups = new Map<string, Tax>();
  for (const t of taxes) {
    const key = byRate ? `${t.impuesto}|${t.tipoFactor}|${t.tasaOCuota?.toFixed(6) ?? ''}` : t.impuesto;
    const seen = groups.get(key);
    if (!seen) groups.set(key, { ...t });
    else {
      seen.base = seen.base.add(t.base);
      if (t.importe) seen.importe = seen.importe ? seen.importe.add(t.importe) : t.importe;
    }
  }
  return [...groups.values()];
}

const sign = (text: string, key: string) => createHmac('sha256', key).update(text).digest('base64');

export interface Stamp {
  uuid: string;
  folio: number;
  /** `YYYY-MM-DDTHH:mm:ss`, Mexico local time. */
  fechaTimbrado: string;
}

/**
 * A CFDI 4.0 document with its TimbreFiscalDigital 1.1. Well-formed and shaped like cfdv40.xsd, with
 * the request's emisor, receptor, conceptos and totals; the seals are stand-ins (HMACs), not CSD signatures,
 * and the certificate is a placeholder.
 */
export function cfdiXml(draft: Draft, stamp: Stamp): string {
  const e = draft.emisor;
  const r = draft.receptor;
  const traslados = draft.conceptos.flatMap((c) => c.traslados);
  const retenciones = draft.conceptos.flatMap((c) => c.retenciones);
  const conceptos = draft.conceptos
    .map((c) => {
      const taxes =
        c.traslados.length + c.retenciones.length === 0
          ? ''
          : `<cfdi:Impuestos>${
              c.traslados.length
                ? `<cfdi:Traslados>${c.traslados.map((t) => taxNode('Traslado', t, true)).join('')}</cfdi:Traslados>`
                : ''
            }${
              c.retenciones.length
                ? `<cfdi:Retenciones>${c.retenciones.map((t) => taxNode('Retencion', t, true)).join('')}</cfdi:Retenciones>`
                : ''
            }</cfdi:Impuestos>`;
      return `<cfdi:Concepto${attrs([
        ['ClaveProdServ', c.clave_producto_servicio],
        ['NoIdentificacion', c.no_identificacion],
        ['Cantidad', exact(c.cantidad)],
        ['ClaveUnidad', c.clave_unidad_de_medida],
        ['Unidad', c.unidad],
        ['Descripcion', c.descripcion],
        ['ValorUnitario', exact(c.valor_unitario)],
        ['Importe', money(c.importe)],
        ['Descuento', c.descuento ? money(c.descuento) : undefined],
        ['ObjetoImp', c.objeto_imp],
      ])}>${taxes}</cfdi:Concepto>`;
    })
    .join('');
  const trasladosResumen = summarize(traslados, true);
  const retencionesResumen = summarize(retenciones, false);
  const gravados = traslados.filter((t) => t.tipoFactor !== 'Exento');
  const impuestos =
    traslados.length + retenciones.length === 0
      ? ''
      : `<cfdi:Impuestos${attrs([
          ['TotalImpuestosRetenidos', retenciones.length ? money(draft.retenciones) : undefined],
          ['TotalImpuestosTrasladados', gravados.length ? money(draft.traslados) : undefined],
        ])}>${
          retencionesResumen.length
            ? `<cfdi:Retenciones>${retencionesResumen.map((t) => taxNode('Retencion', t, false)).join('')}</cfdi:Retenciones>`
            : ''
        }${
          trasladosResumen.length
            ? `<cfdi:Traslados>${trasladosResumen.map((t) => taxNode('Traslado', t, true)).join('')}</cfdi:Traslados>`
            : ''
        }</cfdi:Impuestos>`;
  const relacionados = draft.relacionados
    ? `<cfdi:CfdiRelacionados TipoRelacion="${draft.relacionados.tipo_relacion}">${draft.relacionados.uuids
        .map((u) => `<cfdi:CfdiRelacionado UUID="${u}"/>`)
        .join('')}</cfdi:CfdiRelacionados>`
    : '';
  const comprobante = attrs([
    ['Version', '4.0'],
    ['Serie', draft.serie || undefined],
    ['Folio', String(stamp.folio)],
    ['Fecha', draft.fecha.replace(' ', 'T')],
    ['Sello', sign(`${stamp.uuid}|${draft.total}`, 'sello')],
    ['FormaPago', draft.forma_de_pago],
    ['NoCertificado', NO_CERTIFICADO],
    ['Certificado', Buffer.from(`simulated certificate of ${e.rfc}`).toString('base64')],
    ['SubTotal', money(draft.subtotal)],
    ['Descuento', draft.descuento ? money(draft.descuento) : undefined],
    ['Moneda', draft.moneda],
    ['TipoCambio', draft.tipo_de_cambio ? exact(draft.tipo_de_cambio) : undefined],
    ['Total', money(draft.total)],
    ['TipoDeComprobante', TIPOS[draft.tipo]],
    ['Exportacion', draft.exportacion],
    ['MetodoPago', draft.metodo_de_pago],
    ['LugarExpedicion', e.cp],
  ]);
  const selloCfd = sign(`${stamp.uuid}|cfd`, 'sello');
  const tfd = attrs([
    ['Version', '1.1'],
    ['UUID', stamp.uuid],
    ['FechaTimbrado', stamp.fechaTimbrado],
    ['RfcProvCertif', RFC_PROV_CERTIF],
    ['SelloCFD', selloCfd],
    ['NoCertificadoSAT', NO_CERTIFICADO_SAT],
    ['SelloSAT', sign(`${stamp.uuid}|sat`, 'sat')],
  ]);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd"' +
    `${comprobante}>` +
    relacionados +
    `<cfdi:Emisor${attrs([
      ['Rfc', e.rfc],
      ['Nombre', e.razon_social],
      ['RegimenFiscal', e.regimen],
    ])}/>` +
    `<cfdi:Receptor${attrs([
      ['Rfc', r.rfc],
      ['Nombre', r.razon_social],
      ['DomicilioFiscalReceptor', r.domicilio_fiscal],
      ['RegimenFiscalReceptor', r.regimen_fiscal],
      ['UsoCFDI', r.uso_cfdi],
    ])}/>` +
    `<cfdi:Conceptos>${conceptos}</cfdi:Conceptos>` +
    impuestos +
    '<cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" ' +
    'xsi:schemaLocation="http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd"' +
    `${tfd}/></cfdi:Complemento>` +
    '</cfdi:Comprobante>\n'
  );
}
