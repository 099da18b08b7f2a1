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
  ['document', 'json'],
  ['source_entry', 'text'],
] as const;

export const DOCUMENT_WIDTH = DOCUMENT_COLUMNS.length;

export type Param = string | null;

/**
 * Appends the row's parameters to `out`. Values PostgreSQL would refuse for the whole batch are
 * caught here when cheap (impossible dates become null; the document keeps what was written);
 * anything else is caught by the repository's batch bisection.
 */
export function appendDocumentRow(out: Param[], cfdi: ParsedCfdi, entry: string | null): void {
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
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * CFDI and metadata dates are local time without a zone; a date that does not exist (2024-02-30)
 * becomes null here and stays as written in `document`. Hot path for 1M-row metadata files, so
 * digits are read by char code rather than through a regex and a Date.
 */
export function localTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = value.length === 19 ? null : LOCAL_TIME.exec(value.trim());
  if (value.length !== 19 && !m) return null;
  const v = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : value;
  const sep = v.charCodeAt(10);
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32)) return null;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS[mo - 1]! + (leap ? 1 : 0)) return null;
  const date = sep === 32 ? v : `${v.slice(0, 10)} ${v.slice(11)}`;
  return m?.[7] ? `${date}${m[7]}` : date;
}

/** The number written in value[from, from + length), or -1 if any of it is not a digit. */
function digits(value: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * A PostgreSQL array literal; every element quoted so commas, braces and spaces stay data, null
 * as NULL. Built here rather than by node-postgres: for 20,000-row metadata batches its generic
 * escaping was a tenth of the main thread's time.
 */
export function textArray(values: readonly (string | null)[]): string {
  if (values.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (v.includes('"') || v.includes('\\')) out += `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else out += `"${v}"`;
  }
  return `${out}}`;
}
