import type { CfdiDetail } from '../../cfdi/index.js';

/**
 * What a push mapping reads: one shape for an inbox invoice and a vault CFDI, so one template can
 * export either. Amounts stay exact decimal strings; dates as printed (ISO local date-time).
 */
export interface SourceDocument {
  kind: 'invoice' | 'cfdi';
  id: string;
  uuid: string | null;
  serie: string | null;
  folio: string | null;
  /** Serie and folio as printed ("A-1024"). */
  number: string | null;
  fecha: string | null;
  tipo: string | null;
  moneda: string | null;
  tipoCambio: string | null;
  subtotal: string | null;
  descuento: string | null;
  total: string | null;
  totalTraslados: string | null;
  totalRetenciones: string | null;
  metodoPago: string | null;
  formaPago: string | null;
  usoCfdi: string | null;
  emisor: { rfc: string | null; nombre: string | null };
  receptor: { rfc: string | null; nombre: string | null };
  direction: 'issued' | 'received' | null;
  conceptos: {
    claveProdServ: string | null;
    cantidad: string | null;
    claveUnidad: string | null;
    descripcion: string;
    valorUnitario: string | null;
    importe: string | null;
    descuento: string | null;
  }[];
  impuestos: { kind: 'traslado' | 'retencion'; impuesto: string; tasa: string | null; importe: string }[];
  /** Inbox invoices: the uploaded file and who confirmed it. */
  fileName?: string;
  /** Inbox invoices: the catalogue codes a person chose (expense category, accounting account). */
  category?: string | null;
  account?: string | null;
  processedAt?: string | null;
  processedBy?: string | null;
  /** Vault CFDI: the SAT status, the complements and the whole CFDI as JSON (`cfdi.cfdi:Comprobante…`). */
  status?: string;
  complementos?: string[];
  cfdi?: unknown;
}

const numberOf = (serie: string | null, folio: string | null) =>
  serie && folio ? `${serie}-${folio}` : (folio ?? serie ?? null);

export interface ProcessedInvoice {
  id: string;
  fileName: string;
  direction: 'issued' | 'received' | null;
  processedAt: Date | null;
  processedBy: string | null;
  categoryCode?: string | null;
  accountCode?: string | null;
  finalData: {
    fields: Partial<Record<string, string | null>>;
    taxes: SourceDocument['impuestos'];
    conceptos: SourceDocument['conceptos'];
  } | null;
}

export function invoiceSource(row: ProcessedInvoice): SourceDocument {
  const f = row.finalData?.fields ?? {};
  const get = (k: string) => f[k] ?? null;
  return {
    kind: 'invoice',
    id: row.id,
    uuid: get('uuid'),
    serie: get('serie'),
    folio: get('folio'),
    number: numberOf(get('serie'), get('folio')),
    fecha: get('fecha'),
    tipo: get('tipoDeComprobante'),
    moneda: get('moneda'),
    tipoCambio: get('tipoCambio'),
    subtotal: get('subtotal'),
    descuento: get('descuento'),
    total: get('total'),
    totalTraslados: get('totalTraslados'),
    totalRetenciones: get('totalRetenciones'),
    metodoPago: get('metodoPago'),
    formaPago: get('formaPago'),
    usoCfdi: get('usoCfdi'),
    emisor: { rfc: get('emisorRfc'), nombre: get('emisorNombre') },
    receptor: { rfc: get('receptorRfc'), nombre: get('receptorNombre') },
    direction: row.direction,
    conceptos: row.finalData?.conceptos ?? [],
    impuestos: row.finalData?.taxes ?? [],
    fileName: row.fileName,
    category: row.categoryCode ?? null,
    account: row.accountCode ?? null,
    processedAt: row.processedAt?.toISOString() ?? null,
    processedBy: row.processedBy,
  };
}

type Attrs = Record<string, unknown>;
const attr = (node: unknown, name: string) => {
  const v = node && typeof node === 'object' ? (node as Attrs)[`@${name}`] : undefined;
  return typeof v === 'string' ? v : null;
};
const child = (node: unknown, localName: string): unknown => {
  if (!node || typeof node !== 'object') return undefined;
  const key = Object.keys(node).find((k) => k === localName || k.endsWith(`:${localName}`));
  return key ? (node as Attrs)[key] : undefined;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The concept lines of a CFDI document (3.3 and 4.0 attribute names; 3.2 lower-case ones). */
function conceptosOf(document: unknown): SourceDocument['conceptos'] {
  const comprobante = child(document, 'Comprobante');
  const conceptos = list(child(child(comprobante, 'Conceptos'), 'Concepto'));
  const a = (c: unknown, name: string) => attr(c, name) ?? attr(c, name[0]!.toLowerCase() + name.slice(1));
  return conceptos.map((c) => ({
    claveProdServ: a(c, 'ClaveProdServ'),
    cantidad: a(c, 'Cantidad'),
    claveUnidad: a(c, 'ClaveUnidad') ?? a(c, 'Unidad'),
    descripcion: a(c, 'Descripcion') ?? '',
    valorUnitario: a(c, 'ValorUnitario'),
    importe: a(c, 'Importe'),
    descuento: a(c, 'Descuento'),
  }));
}

const TAX_CODES = { isr: '001', iva: '002', ieps: '003' } as const;
type TaxTotals = Record<keyof typeof TAX_CODES, string | null>;

export function cfdiSource(detail: CfdiDetail): SourceDocument {
  // The vault keeps totals per tax (not per rate): one line per tax present.
  const taxes = (kind: 'traslado' | 'retencion', totals: TaxTotals) =>
    (Object.keys(TAX_CODES) as (keyof TaxTotals)[])
      .filter((k) => totals[k] !== null)
      .map((k) => ({ kind, impuesto: TAX_CODES[k], tasa: null, importe: totals[k]! }));
  return {
    kind: 'cfdi',
    id: detail.uuid,
    uuid: detail.uuid.toUpperCase(),
    serie: detail.serie,
    folio: detail.folio,
    number: numberOf(detail.serie, detail.folio),
    fecha: detail.issuedAt,
    tipo: detail.tipo,
    moneda: detail.moneda,
    tipoCambio: detail.tipoCambio,
    subtotal: detail.subtotal,
    descuento: detail.descuento,
    total: detail.total,
    totalTraslados: null,
    totalRetenciones: null,
    metodoPago: detail.metodoPago,
    formaPago: detail.formaPago,
    usoCfdi: detail.receptorUsoCfdi,
    emisor: { rfc: detail.emisorRfc, nombre: detail.emisorNombre },
    receptor: { rfc: detail.receptorRfc, nombre: detail.receptorNombre },
    direction: null,
    conceptos: conceptosOf(detail.document),
    impuestos: [...taxes('traslado', detail.traslados), ...taxes('retencion', detail.retenciones)],
    status: detail.status,
    complementos: detail.complementos,
    cfdi: detail.document,
  };
}

/** The default body: what the simulator (and most invoice APIs) ask for, as a starting point. */
export const DEFAULT_PUSH_BODY = {
  uuid: '{{uuid}}',
  serie: '{{serie}}',
  folio: '{{folio}}',
  fecha: '{{fecha}}',
  rfc_emisor: '{{emisor.rfc}}',
  nombre_emisor: '{{emisor.nombre}}',
  rfc_receptor: '{{receptor.rfc}}',
  nombre_receptor: '{{receptor.nombre}}',
  moneda: '{{moneda | default:"MXN"}}',
  subtotal: '{{subtotal}}',
  total: '{{total}}',
  conceptos: {
    $each: 'conceptos',
    as: { descripcion: '{{descripcion}}', cantidad: '{{cantidad}}', importe: '{{importe}}' },
  },
};
