import { sumDecimals } from './decimal.js';
import { CfdiParseError } from './errors.js';
import { asNodes, attr, attrOf, elementKeys, localNameOf, money, namespaceOf } from './nodes.js';
import type { NominaTotals, PaidDocument, Payment } from './types.js';
import type { XmlNode } from './xml.js';

export const NS = {
  tfd: 'http://www.sat.gob.mx/TimbreFiscalDigital',
  pagos10: 'http://www.sat.gob.mx/Pagos',
  pagos20: 'http://www.sat.gob.mx/Pagos20',
  nomina11: 'http://www.sat.gob.mx/nomina',
  nomina12: 'http://www.sat.gob.mx/nomina12',
} as const;

/**
 * Catalogue names for complements whose namespace does not spell its version the generic way
 * (see complementoName). Keyed by namespace URI so a different prefix in the XML changes nothing.
 */
const NAMED_NAMESPACES: Record<string, string> = {
  [NS.pagos10]: 'pagos10',
  [NS.pagos20]: 'pagos20',
  [NS.nomina11]: 'nomina11',
  [NS.nomina12]: 'nomina12',
  'http://www.sat.gob.mx/CartaPorte': 'cartaporte10',
  'http://www.sat.gob.mx/CartaPorte20': 'cartaporte20',
  'http://www.sat.gob.mx/CartaPorte30': 'cartaporte30',
  'http://www.sat.gob.mx/CartaPorte31': 'cartaporte31',
  'http://www.sat.gob.mx/ComercioExterior': 'cce10',
  'http://www.sat.gob.mx/ComercioExterior11': 'cce11',
  'http://www.sat.gob.mx/ComercioExterior20': 'cce20',
  'http://www.sat.gob.mx/implocal': 'implocal10',
  'http://www.sat.gob.mx/leyendasFiscales': 'leyendasfisc10',
  'http://www.sat.gob.mx/esquemas/retencionpago/1/PlataformasTecnologicas10': 'plataformastecnologicas10',
};

/**
 * `pagos20`, `nomina12`, `timbrefiscaldigital11`…: the catalogue name of a complement element.
 * Known namespaces use the table above; any other is its lower-cased local name plus the digits of
 * its Version attribute (`<divisas:Divisas version="1.0">` → `divisas10`).
 */
export function complementoName(qName: string, node: XmlNode, root: XmlNode): string {
  const ns = namespaceOf(qName, node, root);
  const named = ns === null ? undefined : NAMED_NAMESPACES[ns];
  if (named) return named;
  const version = attrOf(node, 'Version', 'version');
  const digits = version ? version.replace(/[^0-9]/g, '') : '';
  return localNameOf(qName).toLowerCase() + digits;
}

export interface ComplementoEntry {
  qName: string;
  local: string;
  node: XmlNode;
}

/** Every element directly under the document's Complemento node(s), in document order. */
export function complementoEntries(complementoValue: unknown): ComplementoEntry[] {
  const entries: ComplementoEntry[] = [];
  for (const complemento of asNodes(complementoValue)) {
    for (const qName of elementKeys(complemento)) {
      for (const node of asNodes(complemento[qName]))
        entries.push({ qName, local: localNameOf(qName), node });
    }
  }
  return entries;
}

export interface Timbre {
  uuid: string | null;
  fechaTimbrado: string | null;
  rfcPac: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function normalizeUuid(raw: string): string {
  const uuid = raw.trim().toLowerCase();
  if (!UUID.test(uuid))
    throw new CfdiParseError('INVALID_UUID', `TFD UUID "${raw.slice(0, 40)}" is not a UUID`);
  return uuid;
}

export function extractTimbre(entries: ComplementoEntry[], root: XmlNode, allowMissing: boolean): Timbre {
  const tfds = entries.filter(
    (e) => e.local === 'TimbreFiscalDigital' && (namespaceOf(e.qName, e.node, root) ?? NS.tfd) === NS.tfd,
  );
  if (tfds.length > 1)
    throw new CfdiParseError('MULTIPLE_TFD', `the document has ${tfds.length} TimbreFiscalDigital`);
  const tfd = tfds[0]?.node;
  const rawUuid = attr(tfd, 'UUID');
  if (rawUuid === null && !allowMissing) {
    throw new CfdiParseError('MISSING_UUID', 'no TimbreFiscalDigital UUID (unstamped document?)');
  }
  return {
    uuid: rawUuid === null ? null : normalizeUuid(rawUuid),
    fechaTimbrado: attr(tfd, 'FechaTimbrado'),
    rfcPac: attr(tfd, 'RfcProvCertif'), // TFD 1.0 has no PAC RFC
  };
}

export function extractPayments(entries: ComplementoEntry[], root: XmlNode): Payment[] {
  const payments: Payment[] = [];
  for (const e of entries) {
    if (e.local !== 'Pagos') continue;
    const ns = namespaceOf(e.qName, e.node, root);
    const version = ns === NS.pagos20 ? '2.0' : ns === NS.pagos10 ? '1.0' : attr(e.node, 'Version');
    if (version === null) continue;
    const prefix = e.qName.slice(0, e.qName.length - e.local.length);
    for (const pago of asNodes(e.node[`${prefix}Pago`])) {
      payments.push({
        version,
        fechaPago: attr(pago, 'FechaPago'),
        formaPago: attr(pago, 'FormaDePagoP'),
        moneda: attr(pago, 'MonedaP'),
        tipoCambio: money(pago, 'TipoCambioP', 0),
        monto: money(pago, 'Monto'),
        documents: asNodes(pago[`${prefix}DoctoRelacionado`]).map(paidDocument),
      });
    }
  }
  return payments;
}

function paidDocument(d: XmlNode): PaidDocument {
  const id = attr(d, 'IdDocumento');
  return {
    uuid: id === null ? null : id.trim().toLowerCase(),
    serie: attr(d, 'Serie'),
    folio: attr(d, 'Folio'),
    moneda: attr(d, 'MonedaDR'),
    // 1.0 TipoCambioDR and 2.0 EquivalenciaDR both convert MonedaDR to MonedaP
    equivalencia: money(d, 'EquivalenciaDR', 0) ?? money(d, 'TipoCambioDR', 0),
    numParcialidad: attr(d, 'NumParcialidad'),
    saldoAnterior: money(d, 'ImpSaldoAnt'),
    importePagado: money(d, 'ImpPagado'),
    saldoInsoluto: money(d, 'ImpSaldoInsoluto'),
  };
}

/** Nómina totals; several Nomina nodes (allowed by the 1.2 guide) are summed, dates come from the first. */
export function extractNomina(entries: ComplementoEntry[], root: XmlNode): NominaTotals | null {
  const nominas = entries.filter((e) => {
    if (e.local !== 'Nomina') return false;
    const ns = namespaceOf(e.qName, e.node, root);
    return ns === NS.nomina12 || ns === NS.nomina11;
  });
  const first = nominas[0]?.node;
  if (!first) return null;
  const total = (name: string): string | null => {
    const values = nominas.map((n) => money(n.node, name)).filter((v): v is string => v !== null);
    return values.length === 0 ? null : sumDecimals(values);
  };
  return {
    version: attr(first, 'Version'),
    tipoNomina: attr(first, 'TipoNomina'),
    fechaPago: attr(first, 'FechaPago'),
    fechaInicialPago: attr(first, 'FechaInicialPago'),
    fechaFinalPago: attr(first, 'FechaFinalPago'),
    numDiasPagados: money(first, 'NumDiasPagados', 0),
    totalPercepciones: total('TotalPercepciones'),
    totalDeducciones: total('TotalDeducciones'),
    totalOtrosPagos: total('TotalOtrosPagos'),
  };
}

export function complementoNames(entries: ComplementoEntry[], root: XmlNode): string[] {
  const names: string[] = [];
  for (const e of entries) {
    const name = complementoName(e.qName, e.node, root);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
