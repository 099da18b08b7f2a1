import type { XmlNode } from './xml.js';

export type CfdiKind = 'cfdi' | 'retenciones';
export type TipoComprobante = 'I' | 'E' | 'T' | 'N' | 'P';

/** Per impuesto, summed exactly; '0.00' when the document has none of that tax. */
export interface TaxBreakdown {
  isr: string;
  iva: string;
  ieps: string;
}

export interface CfdiTaxes {
  traslados: TaxBreakdown;
  retenciones: TaxBreakdown;
  /** The document's own declared totals (TotalImpuestosTrasladados / …Retenidos, montoTotRet). */
  totalTrasladados: string | null;
  totalRetenidos: string | null;
}

export interface Party {
  rfc: string | null;
  nombre: string | null;
  regimen: string | null;
}

export interface ReceptorParty extends Party {
  usoCfdi: string | null;
  domicilioFiscal: string | null;
}

export interface RelatedCfdi {
  tipoRelacion: string | null;
  uuids: string[];
}

export interface PaidDocument {
  uuid: string | null;
  serie: string | null;
  folio: string | null;
  moneda: string | null;
  equivalencia: string | null;
  numParcialidad: string | null;
  saldoAnterior: string | null;
  importePagado: string | null;
  saldoInsoluto: string | null;
}

export interface Payment {
  /** Pagos complement version: '1.0' or '2.0'. */
  version: string;
  fechaPago: string | null;
  formaPago: string | null;
  moneda: string | null;
  tipoCambio: string | null;
  monto: string | null;
  documents: PaidDocument[];
}

export interface NominaTotals {
  version: string | null;
  tipoNomina: string | null;
  fechaPago: string | null;
  fechaInicialPago: string | null;
  fechaFinalPago: string | null;
  numDiasPagados: string | null;
  totalPercepciones: string | null;
  totalDeducciones: string | null;
  totalOtrosPagos: string | null;
}

/** Retenciones-only facts (null for a CFDI). */
export interface RetencionInfo {
  claveRetencion: string | null;
  mesInicial: string | null;
  mesFinal: string | null;
  ejercicio: string | null;
  montoTotalGravado: string | null;
  montoTotalExento: string | null;
}

export interface CfdiFields {
  kind: CfdiKind;
  /** '4.0' | '3.3' | '3.2' for CFDI, '1.0' | '2.0' for Retenciones. */
  version: string;
  /** TFD UUID, lower-case. Null only when parsing with allowMissingUuid (unstamped templates). */
  uuid: string | null;
  tipo: TipoComprobante | null;
  serie: string | null;
  folio: string | null;
  fecha: string | null;
  fechaTimbrado: string | null;
  rfcPac: string | null;
  emisor: Party;
  receptor: ReceptorParty;
  moneda: string | null;
  tipoCambio: string | null;
  subtotal: string | null;
  descuento: string | null;
  total: string | null;
  taxes: CfdiTaxes;
  metodoPago: string | null;
  formaPago: string | null;
  related: RelatedCfdi[];
  payments: Payment[];
  nomina: NominaTotals | null;
  retencion: RetencionInfo | null;
  /** Catalogue names of the complements present (see complementos.ts), in document order. */
  complementos: string[];
}

export interface ParsedCfdi extends CfdiFields {
  /** The whole document as JSON: `{ "cfdi:Comprobante": { "@Version": "4.0", … } }`. */
  document: XmlNode;
}

export interface ParseCfdiOptions {
  /** Byte cap per document (default 20 MB). */
  maxBytes?: number;
  /** Accept a document without a TimbreFiscalDigital (uuid = null) instead of MISSING_UUID. */
  allowMissingUuid?: boolean;
}
