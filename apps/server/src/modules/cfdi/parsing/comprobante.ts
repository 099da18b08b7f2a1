import {
  complementoEntries,
  complementoNames,
  extractNomina,
  extractPayments,
  extractTimbre,
} from './complementos.js';
import { asNode, asNodes, attr, money, rfc } from './nodes.js';
import { emptyTaxes, TaxAccumulator } from './taxes.js';
import type { CfdiFields, CfdiTaxes, RelatedCfdi, TipoComprobante } from './types.js';
import type { XmlNode } from './xml.js';

const TIPOS = new Set(['I', 'E', 'T', 'N', 'P']);
// CFDI 3.2 spelled the type out; nómina 3.2 was an 'egreso' with the nomina complement.
const TIPOS_32: Record<string, TipoComprobante> = { ingreso: 'I', egreso: 'E', traslado: 'T' };

/** CFDI 3.3 and 4.0: same attribute spelling; 4.0 adds receptor régimen/domicilio. */
export function extractComprobante(
  root: XmlNode,
  p: string,
  version: string,
  allowMissingUuid: boolean,
): CfdiFields {
  const emisor = asNode(root[`${p}Emisor`]);
  const receptor = asNode(root[`${p}Receptor`]);
  const entries = complementoEntries(root[`${p}Complemento`]);
  const timbre = extractTimbre(entries, root, allowMissingUuid);
  const tipo = attr(root, 'TipoDeComprobante');
  return {
    kind: 'cfdi',
    version,
    ...timbre,
    tipo: tipo !== null && TIPOS.has(tipo) ? (tipo as TipoComprobante) : null,
    serie: attr(root, 'Serie'),
    folio: attr(root, 'Folio'),
    fecha: attr(root, 'Fecha'),
    emisor: {
      rfc: rfc(emisor, 'Rfc'),
      nombre: attr(emisor, 'Nombre'),
      regimen: attr(emisor, 'RegimenFiscal'),
    },
    receptor: {
      rfc: rfc(receptor, 'Rfc'),
      nombre: attr(receptor, 'Nombre'),
      regimen: attr(receptor, 'RegimenFiscalReceptor'),
      usoCfdi: attr(receptor, 'UsoCFDI'),
      domicilioFiscal: attr(receptor, 'DomicilioFiscalReceptor'),
    },
    moneda: attr(root, 'Moneda'),
    tipoCambio: money(root, 'TipoCambio', 0),
    subtotal: money(root, 'SubTotal'),
    descuento: money(root, 'Descuento'),
    total: money(root, 'Total'),
    taxes: comprobanteTaxes(asNode(root[`${p}Impuestos`]), p, 'Impuesto', 'Importe', 'TotalImpuestos'),
    metodoPago: attr(root, 'MetodoPago'),
    formaPago: attr(root, 'FormaPago'),
    related: relatedCfdi(root, p),
    payments: extractPayments(entries, root),
    nomina: extractNomina(entries, root),
    retencion: null,
    complementos: complementoNames(entries, root),
  };
}

/** CFDI 3.2: lower-case attribute names (except Moneda/TipoCambio), tax names instead of codes. */
export function extractComprobante32(root: XmlNode, p: string, allowMissingUuid: boolean): CfdiFields {
  const emisor = asNode(root[`${p}Emisor`]);
  const receptor = asNode(root[`${p}Receptor`]);
  const regimen = asNodes(emisor?.[`${p}RegimenFiscal`])[0];
  const entries = complementoEntries(root[`${p}Complemento`]);
  const timbre = extractTimbre(entries, root, allowMissingUuid);
  const tipo = attr(root, 'tipoDeComprobante');
  return {
    kind: 'cfdi',
    version: '3.2',
    ...timbre,
    tipo: tipo === null ? null : (TIPOS_32[tipo.trim().toLowerCase()] ?? null),
    serie: attr(root, 'serie'),
    folio: attr(root, 'folio'),
    fecha: attr(root, 'fecha'),
    emisor: { rfc: rfc(emisor, 'rfc'), nombre: attr(emisor, 'nombre'), regimen: attr(regimen, 'Regimen') },
    receptor: {
      rfc: rfc(receptor, 'rfc'),
      nombre: attr(receptor, 'nombre'),
      regimen: null,
      usoCfdi: null,
      domicilioFiscal: null,
    },
    moneda: attr(root, 'Moneda'),
    tipoCambio: money(root, 'TipoCambio', 0),
    subtotal: money(root, 'subTotal'),
    descuento: money(root, 'descuento'),
    total: money(root, 'total'),
    taxes: comprobanteTaxes(asNode(root[`${p}Impuestos`]), p, 'impuesto', 'importe', 'totalImpuestos'),
    // 3.2's metodoDePago held what 3.3 calls FormaPago (cash, transfer…) and formaDePago held the
    // one-payment/instalments choice (3.3 MetodoPago), so they are mapped by meaning, values kept as written.
    metodoPago: attr(root, 'formaDePago'),
    formaPago: attr(root, 'metodoDePago'),
    related: [],
    payments: extractPayments(entries, root),
    nomina: extractNomina(entries, root),
    retencion: null,
    complementos: complementoNames(entries, root),
  };
}

/** Comprobante-level Impuestos only: concept-level taxes are repeated there by the standard. */
function comprobanteTaxes(
  impuestos: XmlNode | undefined,
  p: string,
  impuestoAttr: string,
  importeAttr: string,
  totalPrefix: string,
): CfdiTaxes {
  if (!impuestos) return emptyTaxes();
  const traslados = new TaxAccumulator();
  for (const group of asNodes(impuestos[`${p}Traslados`])) {
    for (const t of asNodes(group[`${p}Traslado`]))
      traslados.add(attr(t, impuestoAttr), money(t, importeAttr));
  }
  const retenciones = new TaxAccumulator();
  for (const group of asNodes(impuestos[`${p}Retenciones`])) {
    for (const r of asNodes(group[`${p}Retencion`]))
      retenciones.add(attr(r, impuestoAttr), money(r, importeAttr));
  }
  return {
    traslados: traslados.result(),
    retenciones: retenciones.result(),
    totalTrasladados: money(impuestos, `${totalPrefix}Trasladados`),
    totalRetenidos: money(impuestos, `${totalPrefix}Retenidos`),
  };
}

function relatedCfdi(root: XmlNode, p: string): RelatedCfdi[] {
  return asNodes(root[`${p}CfdiRelacionados`]).map((group) => ({
    tipoRelacion: attr(group, 'TipoRelacion'),
    uuids: asNodes(group[`${p}CfdiRelacionado`])
      .map((r) => attr(r, 'UUID'))
      .filter((u): u is string => u !== null)
      .map((u) => u.trim().toLowerCase()),
  }));
}
