import type { ParsedCfdi } from '../parsing/index.js';

/**
 * Column order of one `cfdi_documents` row as sent to PostgreSQL (text parameters). Built in the
 * parse worker so the main thread only forwards strings: JSON.stringify of the document is the
 * second most expensive step after parsing.
 */
export const DOCUMENT_COLUMNS = [
  ['uuid', 'uuid'],
  ['kind', 'text'],
  ['version', 'text'],
  ['tipo', 'text'],
  ['serie', 'text'],
  ['folio', 'text'],
  ['issued_at', 'timestamp'],
  ['certified_at', 'timestamp'],
  ['rfc_pac', 'text'],
  ['emisor_rfc', 'text'],
  ['emisor_nombre', 'text'],
  ['emisor_regimen', 'text'],
  ['receptor_rfc', 'text'],
  ['receptor_nombre', 'text'],
  ['receptor_regimen', 'text'],
  ['receptor_uso_cfdi', 'text'],
  ['receptor_domicilio', 'text'],
  ['moneda', 'text'],
  ['tipo_cambio', 'numeric'],
  ['subtotal', 'numeric'],
  ['descuento', 'numeric'],
  ['total', 'numeric'],
  ['traslados_isr', 'numeric'],
  ['traslados_iva', 'numeric'],
  ['traslados_ieps', 'numeric'],
  ['retenciones_isr', 'numeric'],
  ['retenciones_iva', 'numeric'],
  ['retenciones_ieps', 'numeric'],
  ['metodo_pago', 'text'],
  ['forma_pago', 'text'],
  ['complementos', 'text[]'],
  ['related', 'jsonb'],
  ['payments', 'jsonb'],
  ['nomina', 'jsonb'],
  ['document', 'jsonb'],
  ['source_entry', 'text'],
] as const;

export const DOCUMENT_WIDTH = DOCUMENT_COLUMNS.length;

export type Param = string | null;

/**
 * Appends the row's parameters to `out`. Values PostgreSQL would refuse for the whole batch are
 * caught here when cheap (impossible dates become null; the document keeps what was written);
 * anything else is caught by the repository's batch bisection.
 */
export function appendDocumentRow(out: Param[], cfdi: ParsedCfdi, entry: string): void {
  const t = cfdi.taxes;
  out.push(
    cfdi.uuid,
    cfdi.kind,
    cfdi.version,
    cfdi.tipo,
    cfdi.serie,
    cfdi.folio,
    localTimestamp(cfdi.fecha),
    localTimestamp(cfdi.fechaTimbrado),
    cfdi.rfcPac,
    cfdi.emisor.rfc,
    cfdi.emisor.nombre,
    cfdi.emisor.regimen,
    cfdi.receptor.rfc,
    cfdi.receptor.nombre,
    cfdi.receptor.regimen,
    cfdi.receptor.usoCfdi,
    cfdi.receptor.domicilioFiscal,
    cfdi.moneda,
    cfdi.tipoCambio,
    cfdi.subtotal,
    cfdi.descuento,
    cfdi.total,
    t.traslados.isr,
    t.traslados.iva,
    t.traslados.ieps,
    t.retenciones.isr,
    t.retenciones.iva,
    t.retenciones.ieps,
    cfdi.metodoPago,
    cfdi.formaPago,
    textArray(cfdi.complementos),
    cfdi.related.length > 0 ? JSON.stringify(cfdi.related) : null,
    cfdi.payments.length > 0 ? JSON.stringify(cfdi.payments) : null,
    cfdi.nomina ? JSON.stringify(cfdi.nomina) : null,
    JSON.stringify(cfdi.document),
    entry,
  );
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;

/** CFDI dates are local time without a zone; a date that does not exist stays only in `document`. */
export function localTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = LOCAL_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const exists =
    y >= 1 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  return exists ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}` : null;
}

/** A PostgreSQL array literal; every element quoted so commas and braces in a name stay data. */
export function textArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
