import { complementoEntries, extractNomina, NS } from './complementos.js';
import { sumDecimals } from './decimal.js';
import { asNode, asNodes, attr, elementKeys, money, namespaceOf, prefixOf } from './nodes.js';
import { CFDI_NAMESPACES } from './parse-cfdi.js';
import type { NominaTotals } from './types.js';
import type { XmlNode } from './xml.js';

export interface NominaLine {
  tipo: string | null;
  clave: string | null;
  concepto: string | null;
  /** Percepciones: gravado + exento; deducciones and otros pagos: Importe (1.1: gravado + exento). */
  importe: string | null;
  importeGravado: string | null;
  importeExento: string | null;
}

export interface NominaDetail extends NominaTotals {
  periodicidadPago: string | null;
  percepciones: NominaLine[];
  deducciones: NominaLine[];
  otrosPagos: NominaLine[];
  /** percepciones + otros pagos − deducciones, exact. */
  neto: string;
}

const negate = (v: string) => (v.startsWith('-') ? v.slice(1) : `-${v}`);
const sumOf = (values: (string | null)[]) => {
  const present = values.filter((v): v is string => v !== null);
  return present.length === 0 ? null : sumDecimals(present);
};

/**
 * The nómina of a stored document (its `document` JSON, the parser's own representation): totals as
 * ingestion extracts them plus every perception, deduction and other payment line. Reads one
 * document already in memory, so the detail route never goes back to the original XML. Several
 * Nomina nodes are added up and their lines listed one after the other.
 */
export function nominaDetailOf(document: unknown): NominaDetail | null {
  const found = comprobanteOf(document);
  if (!found) return null;
  const { root, p } = found;
  const entries = complementoEntries(root[`${p}Complemento`]);
  const totals = extractNomina(entries, root);
  if (!totals) return null;
  const nominas = entries.filter((e) => {
    if (e.local !== 'Nomina') return false;
    const ns = namespaceOf(e.qName, e.node, root);
    return ns === NS.nomina12 || ns === NS.nomina11;
  });
  const percepciones: NominaLine[] = [];
  const deducciones: NominaLine[] = [];
  const otrosPagos: NominaLine[] = [];
  let periodicidadPago: string | null = null;
  for (const { qName, node } of nominas) {
    const np = prefixOf(qName) ? `${prefixOf(qName)}:` : '';
    periodicidadPago ??=
      attr(asNode(node[`${np}Receptor`]), 'PeriodicidadPago') ?? attr(node, 'PeriodicidadPago');
    for (const group of asNodes(node[`${np}Percepciones`]))
      for (const l of asNodes(group[`${np}Percepcion`])) percepciones.push(line(l, 'TipoPercepcion', true));
    for (const group of asNodes(node[`${np}Deducciones`]))
      for (const l of asNodes(group[`${np}Deduccion`])) deducciones.push(line(l, 'TipoDeduccion', false));
    for (const group of asNodes(node[`${np}OtrosPagos`]))
      for (const l of asNodes(group[`${np}OtroPago`])) otrosPagos.push(line(l, 'TipoOtroPago', false));
  }
  const importes = (lines: NominaLine[]) => sumOf(lines.map((l) => l.importe));
  // The document's totals when written (1.2); 1.1 writes none on the Nomina node: its lines then.
  const totalPercepciones = totals.totalPercepciones ?? importes(percepciones);
  const totalDeducciones = totals.totalDeducciones ?? importes(deducciones);
  const totalOtrosPagos = totals.totalOtrosPagos ?? importes(otrosPagos);
  const neto = sumDecimals([
    totalPercepciones ?? '0',
    totalOtrosPagos ?? '0',
    negate(totalDeducciones ?? '0'),
  ]);
  return {
    ...totals,
    totalPercepciones,
    totalDeducciones,
    totalOtrosPagos,
    periodicidadPago,
    percepciones,
    deducciones,
    otrosPagos,
    neto,
  };
}

// Ingestion validated the totals, not the lines: a line amount that is no decimal reads as absent
// instead of failing the whole detail.
function amount(node: XmlNode, name: string): string | null {
  try {
    return money(node, name);
  } catch {
    return null;
  }
}

function line(node: XmlNode, tipoAttr: string, gravadoExento: boolean): NominaLine {
  const importeGravado = amount(node, 'ImporteGravado');
  const importeExento = amount(node, 'ImporteExento');
  const split = sumOf([importeGravado, importeExento]);
  return {
    tipo: attr(node, tipoAttr),
    clave: attr(node, 'Clave'),
    concepto: attr(node, 'Concepto'),
    importe: gravadoExento ? split : (amount(node, 'Importe') ?? split),
    importeGravado,
    importeExento,
  };
}

/** The Comprobante of a CFDI 3.3/4.0/3.2 document JSON, with its element prefix; null otherwise. */
function comprobanteOf(document: unknown): { root: XmlNode; p: string } | null {
  if (typeof document !== 'object' || document === null) return null;
  const doc = document as XmlNode;
  const rootName = elementKeys(doc)[0];
  if (!rootName) return null;
  const root = asNode(doc[rootName]);
  if (!root) return null;
  const ns = namespaceOf(rootName, root, root);
  if (ns !== CFDI_NAMESPACES.cfd4 && ns !== CFDI_NAMESPACES.cfd3) return null;
  const prefix = prefixOf(rootName);
  return { root, p: prefix ? `${prefix}:` : '' };
}
