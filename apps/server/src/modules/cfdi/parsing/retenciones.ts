import { complementoEntries, complementoNames, extractTimbre } from './complementos.js';
import { asNode, asNodes, attr, attrOf, moneyOf, rfc } from './nodes.js';
import { TaxAccumulator } from './taxes.js';
import type { CfdiFields, RelatedCfdi } from './types.js';
import type { XmlNode } from './xml.js';

/**
 * Retenciones e información de pagos 1.0 and 2.0. 1.0 spells attributes RFCEmisor/montoTotOperacion
 * and impuestos 01/02/03; 2.0 spells RfcE/MontoTotOperacion and 001/002/003. A constancia has no
 * tipo de comprobante, moneda or subtotal: those stay null, total is MontoTotOperacion.
 */
export function extractRetenciones(
  root: XmlNode,
  p: string,
  version: string,
  allowMissingUuid: boolean,
): CfdiFields {
  const emisor = asNode(root[`${p}Emisor`]);
  const receptor = asNode(root[`${p}Receptor`]);
  const nacional = asNode(receptor?.[`${p}Nacional`]);
  const extranjero = asNode(receptor?.[`${p}Extranjero`]);
  const periodo = asNode(root[`${p}Periodo`]);
  const totales = asNode(root[`${p}Totales`]);
  const entries = complementoEntries(root[`${p}Complemento`]);
  const retenidos = new TaxAccumulator();
  for (const imp of asNodes(totales?.[`${p}ImpRetenidos`])) {
    retenidos.add(attrOf(imp, 'ImpuestoRet', 'Impuesto'), moneyOf(imp, 'MontoRet', 'montoRet'));
  }
  const zero = { isr: '0.00', iva: '0.00', ieps: '0.00' };
  return {
    kind: 'retenciones',
    version,
    ...extractTimbre(entries, root, allowMissingUuid),
    tipo: null,
    serie: null,
    folio: attr(root, 'FolioInt'),
    fecha: attr(root, 'FechaExp'),
    emisor: {
      rfc: rfc(emisor, 'RfcE', 'RFCEmisor'),
      nombre: attr(emisor, 'NomDenRazSocE'),
      regimen: attr(emisor, 'RegimenFiscalE'),
    },
    receptor: {
      rfc: rfc(nacional, 'RfcR', 'RFCRecep'),
      nombre: attrOf(nacional, 'NomDenRazSocR') ?? attrOf(extranjero, 'NomDenRazSocR'),
      regimen: null,
      usoCfdi: null,
      domicilioFiscal: attr(nacional, 'DomicilioFiscalR'),
    },
    moneda: null,
    tipoCambio: null,
    subtotal: null,
    descuento: null,
    total: moneyOf(totales, 'MontoTotOperacion', 'montoTotOperacion'),
    taxes: {
      traslados: { ...zero },
      retenciones: retenidos.result(),
      totalTrasladados: null,
      totalRetenidos: moneyOf(totales, 'MontoTotRet', 'montoTotRet'),
    },
    metodoPago: null,
    formaPago: null,
    related: relatedRetenciones(root, p),
    payments: [],
    nomina: null,
    retencion: {
      claveRetencion: attr(root, 'CveRetenc'),
      mesInicial: attr(periodo, 'MesIni'),
      mesFinal: attr(periodo, 'MesFin'),
      ejercicio: attrOf(periodo, 'Ejercicio', 'Ejerc'),
      montoTotalGravado: moneyOf(totales, 'MontoTotGrav', 'montoTotGrav'),
      montoTotalExento: moneyOf(totales, 'MontoTotExent', 'montoTotExent'),
    },
    complementos: complementoNames(entries, root),
  };
}

function relatedRetenciones(root: XmlNode, p: string): RelatedCfdi[] {
  return asNodes(root[`${p}CfdiRetenRelacionados`]).map((r) => {
    const uuid = attr(r, 'UUID');
    return { tipoRelacion: attr(r, 'TipoRelacion'), uuids: uuid === null ? [] : [uuid.trim().toLowerCase()] };
  });
}
