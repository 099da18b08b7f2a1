import type {
  ExtractedField,
  InvoiceConcepto,
  InvoiceFieldName,
  InvoicePreview,
  InvoiceTax,
} from '@boveda/contracts';
import type { parseCfdi } from '../../cfdi/index.js';
import { normalizeDecimal } from './decimal.js';

// The cfdi module's index exports the parser but not its result type; derive it.
type ParsedCfdi = ReturnType<typeof parseCfdi>;
type XmlNode = Record<string, unknown>;

/** The cfdi parser keeps prefixes as written (`cfdi:Emisor`); documents may use another prefix. */
function child(node: XmlNode | undefined, localName: string): unknown {
  if (!node) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const colon = key.indexOf(':');
    if ((colon === -1 ? key : key.slice(colon + 1)) === localName) return value;
  }
  return undefined;
}

function nodes(value: unknown): XmlNode[] {
  if (Array.isArray(value)) return value.filter((v): v is XmlNode => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as XmlNode] : [];
}

/** Attribute by any of its spellings: 3.2 used lower-case names (`importe`, `tasa`). */
function attr(node: XmlNode, ...names: string[]): string | null {
  for (const name of names) {
    const v = node[`@${name}`];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

// 3.2 printed the tax name instead of the c_Impuesto code.
const IMPUESTO_BY_NAME: Record<string, InvoiceTax['impuesto']> = { ISR: '001', IVA: '002', IEPS: '003' };

function impuestoCode(value: string | null): InvoiceTax['impuesto'] | null {
  if (value === '001' || value === '002' || value === '003') return value;
  return value ? (IMPUESTO_BY_NAME[value.toUpperCase()] ?? null) : null;
}

/** 3.2's `tasa="16.00"` is a percentage; 3.3/4.0's `TasaOCuota="0.160000"` a fraction. */
function tasaFraction(node: XmlNode): string | null {
  const fraction = attr(node, 'TasaOCuota');
  if (fraction) return normalizeDecimal(fraction, 6);
  const percent = attr(node, 'tasa');
  if (!percent) return null;
  const n = normalizeDecimal(percent, 0);
  if (!n) return null;
  // Shift the decimal point two places left, exactly: '16.00' → '0.16'.
  const [int, frac = ''] = n.replace('-', '').split('.');
  const padded = (int ?? '0').padStart(3, '0');
  return normalizeDecimal(`${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`, 6);
}

/** Document-level taxes (Comprobante/Impuestos), grouped by kind, impuesto and rate, exact sums. */
export function taxesFromDocument(root: XmlNode): InvoiceTax[] {
  const impuestos = nodes(child(root, 'Impuestos'))[0];
  const out: InvoiceTax[] = [];
  const groups: Array<[InvoiceTax['kind'], string, string]> = [
    ['traslado', 'Traslados', 'Traslado'],
    ['retencion', 'Retenciones', 'Retencion'],
  ];
  for (const [kind, listName, itemName] of groups) {
    for (const list of nodes(child(impuestos, listName))) {
      for (const item of nodes(child(list, itemName))) {
        const impuesto = impuestoCode(attr(item, 'Impuesto', 'impuesto'));
        const importe = normalizeDecimal(attr(item, 'Importe', 'importe') ?? '');
        // An exento traslado has no Importe: nothing to add to the totals.
        if (!impuesto || importe === null) continue;
        out.push({ kind, impuesto, tasa: kind === 'traslado' ? tasaFraction(item) : null, importe });
      }
    }
  }
  return out;
}

export function conceptosFromDocument(root: XmlNode): InvoiceConcepto[] {
  const out: InvoiceConcepto[] = [];
  for (const list of nodes(child(root, 'Conceptos'))) {
    for (const c of nodes(child(list, 'Concepto'))) {
      const money = (...names: string[]) => {
        const v = attr(c, ...names);
        return v === null ? null : (normalizeDecimal(v) ?? v);
      };
      out.push({
        claveProdServ: attr(c, 'ClaveProdServ'),
        cantidad: attr(c, 'Cantidad', 'cantidad'),
        claveUnidad: attr(c, 'ClaveUnidad', 'unidad'),
        descripcion: attr(c, 'Descripcion', 'descripcion') ?? '',
        valorUnitario: money('ValorUnitario', 'valorUnitario'),
        importe: money('Importe', 'importe'),
        descuento: money('Descuento', 'descuento'),
      });
    }
  }
  return out;
}

function rootOf(cfdi: ParsedCfdi): XmlNode {
  const value = Object.values(cfdi.document)[0];
  return typeof value === 'object' && value !== null ? (value as XmlNode) : {};
}

/** Every value straight from the XML: the fiscal document itself, so confidence 1. */
export function previewFromCfdi(cfdi: ParsedCfdi): InvoicePreview {
  const root = rootOf(cfdi);
  const values: Record<InvoiceFieldName, string | null> = {
    // Upper case: the form SAT prints and the QR carries; the parser stores it lower-case.
    uuid: cfdi.uuid?.toUpperCase() ?? null,
    serie: cfdi.serie,
    folio: cfdi.folio,
    fecha: cfdi.fecha,
    tipoDeComprobante: cfdi.tipo,
    emisorRfc: cfdi.emisor.rfc,
    emisorNombre: cfdi.emisor.nombre,
    receptorRfc: cfdi.receptor.rfc,
    receptorNombre: cfdi.receptor.nombre,
    usoCfdi: cfdi.receptor.usoCfdi,
    moneda: cfdi.moneda,
    tipoCambio: cfdi.tipoCambio,
    subtotal: cfdi.subtotal,
    descuento: cfdi.descuento,
    totalTraslados: cfdi.taxes.totalTrasladados,
    totalRetenciones: cfdi.taxes.totalRetenidos,
    total: cfdi.total,
    metodoPago: cfdi.metodoPago,
    formaPago: cfdi.formaPago,
  };
  const fields: InvoicePreview['fields'] = {};
  for (const [name, value] of Object.entries(values) as Array<[InvoiceFieldName, string | null]>) {
    if (value === null) continue;
    fields[name] = { value, source: 'xml', confidence: 1 } satisfies ExtractedField;
  }
  return {
    fields,
    taxes: { items: taxesFromDocument(root), source: 'xml', confidence: 1 },
    conceptos: { items: conceptosFromDocument(root), source: 'xml', confidence: 1 },
    checks: [],
  };
}
