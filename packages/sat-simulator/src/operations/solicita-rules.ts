import type { Element } from '@xmldom/xmldom';
import type { StatusAnswer } from '../soap/envelopes.js';
import { childElement, childElements, NS, textOf } from '../soap/xml.js';
import type { DocumentType, StatusFilter, UniverseFilter } from '../universe/types.js';
import { malformed, RECEIVED_CFDI_NOT_VIGENTE, sealMismatch } from './codes.js';

const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$/;
const NAIVE_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SAT15-1's catalogue plus the values phpcfdi/nodecfdi add (cartaporte, pagos20), doc §1.6.1. */
const COMPLEMENTOS = new Set(
  (
    'acreditamientoieps10 aerolineas certificadodedestruccion cfdiregistrofiscal comercioexterior10 comercioexterior11 ' +
    'comprobante consumodecombustibles consumodecombustibles11 detallista divisas donat11 ecc11 ecc12 ' +
    'gastoshidrocarburos10 iedu implocal ine11 ingresoshidrocarburos leyendasfisc nomina11 nomina12 notariospublicos ' +
    'obrasarteantiguedades pagoenespecie pagos10 pfic renovacionysustitucionvehiculos servicioparcialconstruccion spei ' +
    'terceros11 turistapasajeroextranjero valesdedespensa vehiculousado ventavehiculos11 cartaporte10 cartaporte20 pagos20'
  ).split(' '),
);

const ISSUED_ATTRS = new Set([
  'FechaInicial',
  'FechaFinal',
  'RfcEmisor',
  'RfcSolicitante',
  'TipoSolicitud',
  'TipoComprobante',
  'EstadoComprobante',
  'RfcACuentaTerceros',
  'Complemento',
]);
const RECEIVED_ATTRS = new Set([...ISSUED_ATTRS, 'RfcReceptor']);
const FOLIO_ATTRS = new Set(['Folio', 'RfcSolicitante']);

export type QueryValidation =
  | { ok: true; filter?: UniverseFilter; folio?: string; requesterRfc: string; parametersKey: string }
  | { ok: false; answer: StatusAnswer };

function attributesOf(element: Element): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i);
    if (attr && !attr.name.startsWith('xmlns')) map.set(attr.localName ?? attr.name, attr.value);
  }
  return map;
}

function validNaiveDate(value: string): boolean {
  const m = NAIVE_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24;
}

function rejection(answer: StatusAnswer): QueryValidation {
  return { ok: false, answer };
}

/**
 * The v1.5 rules for SolicitaDescargaEmitidos/Recibidos/Folio, answered with the real codes.
 * `localNow` is the simulated clock in Mexico local time (`YYYY-MM-DDTHH:mm:ss`).
 */
export function validateQuery(
  operation: 'emitidos' | 'recibidos' | 'folio',
  solicitud: Element,
  certificateRfc: string,
  localNow: string,
): QueryValidation {
  const attrs = attributesOf(solicitud);
  const allowed =
    operation === 'folio' ? FOLIO_ATTRS : operation === 'recibidos' ? RECEIVED_ATTRS : ISSUED_ATTRS;
  const unexpected = [...attrs.keys()].find((name) => !allowed.has(name));
  if (unexpected) return rejection(malformed(`El atributo ${unexpected} no es válido para esta operación.`));
  const solicitante = attrs.get('RfcSolicitante');
  if (solicitante !== undefined && !RFC.test(solicitante))
    return rejection(malformed('RfcSolicitante no válido.'));

  if (operation === 'folio') {
    const folio = attrs.get('Folio') ?? '';
    if (!UUID.test(folio)) return rejection(malformed('El Folio no es un UUID válido.'));
    if (childElements(solicitud).some((el) => el.localName !== 'Signature')) {
      return rejection(malformed('La consulta por Folio no admite otros filtros.'));
    }
    if (solicitante !== undefined && solicitante !== certificateRfc)
      return rejection(sealMismatch('RfcSolicitante'));
    return {
      ok: true,
      folio: folio.toUpperCase(),
      requesterRfc: certificateRfc,
      parametersKey: JSON.stringify(['folio', certificateRfc, folio.toUpperCase()]),
    };
  }

  const ownerField = operation === 'emitidos' ? 'RfcEmisor' : 'RfcReceptor';
  const owner = attrs.get(ownerField);
  const from = attrs.get('FechaInicial');
  const to = attrs.get('FechaFinal');
  const type = attrs.get('TipoSolicitud');
  if (!owner || !from || !to || !type) return rejection(malformed('Faltan atributos requeridos.'));
  if (!RFC.test(owner)) return rejection(malformed(`${ownerField} no válido.`));
  if (owner !== certificateRfc) return rejection(sealMismatch(ownerField));
  if (solicitante !== undefined && solicitante !== certificateRfc)
    return rejection(sealMismatch('RfcSolicitante'));

  if (type !== 'CFDI' && type !== 'Metadata') return rejection(malformed('TipoSolicitud no válido.'));
  if (!validNaiveDate(from) || !validNaiveDate(to))
    return rejection(malformed('Formato de fecha no válido.'));
  if (from >= to) return rejection(malformed('La FechaInicial debe ser menor a la FechaFinal.'));
  const lowerBound = `${Number(localNow.slice(0, 4)) - 6}${localNow.slice(4, 10)}T00:00:00`;
  if (from < lowerBound) return rejection(malformed('La FechaInicial excede el plazo de 6 años.'));

  const status = attrs.get('EstadoComprobante');
  if (status !== undefined && !['Todos', 'Vigente', 'Cancelado'].includes(status)) {
    return rejection(malformed('EstadoComprobante no válido.'));
  }
  if (operation === 'recibidos' && type === 'CFDI' && status !== 'Vigente')
    return rejection(RECEIVED_CFDI_NOT_VIGENTE);
  const documentType = attrs.get('TipoComprobante');
  if (documentType !== undefined && !/^[IETNP]$/.test(documentType)) {
    return rejection(malformed('TipoComprobante no válido.'));
  }
  const complemento = attrs.get('Complemento');
  if (complemento !== undefined && !COMPLEMENTOS.has(complemento))
    return rejection(malformed('Complemento no válido.'));
  const thirdParty = attrs.get('RfcACuentaTerceros');
  if (thirdParty !== undefined && !RFC.test(thirdParty))
    return rejection(malformed('RfcACuentaTerceros no válido.'));

  let counterparts: string[] = [];
  if (operation === 'emitidos') {
    const list = childElement(solicitud, 'RfcReceptores', NS.des);
    counterparts = list ? childElements(list).map((el) => textOf(el)) : [];
    if (counterparts.length > 5) return rejection(malformed('Se permiten como máximo 5 RfcReceptores.'));
  } else {
    const issuer = attrs.get('RfcEmisor');
    if (issuer !== undefined) counterparts = [issuer];
  }
  if (counterparts.some((rfc) => !RFC.test(rfc)))
    return rejection(malformed('RFC de contraparte no válido.'));

  const filter: UniverseFilter = {
    requesterRfc: certificateRfc,
    direction: operation === 'emitidos' ? 'issued' : 'received',
    kind: type === 'CFDI' ? 'cfdi' : 'metadata',
    from,
    to,
    status: (status ?? 'Vigente') as StatusFilter,
    ...(documentType ? { documentType: documentType as DocumentType } : {}),
    ...(counterparts.length ? { counterpartRfcs: [...counterparts].sort() } : {}),
    ...(thirdParty ? { thirdPartyRfc: thirdParty } : {}),
    ...(complemento ? { complemento } : {}),
  };
  return {
    ok: true,
    filter,
    requesterRfc: certificateRfc,
    parametersKey: JSON.stringify([operation, filter]),
  };
}
