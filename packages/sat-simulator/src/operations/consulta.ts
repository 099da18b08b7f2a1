import { childElement, escapeXml, textOf } from '../soap/xml.js';
import type { StatusOverride } from '../state/status-store.js';
import type { GeneratedCfdi } from '../universe/types.js';
import { type ConsultaExpression, parseConsultaExpression, sameTotal } from './consulta-expression.js';
import { type SimContext, type SoapAnswer, type SoapCall, xmlAnswer } from './context.js';

export const CONSULTA_NS = {
  tempuri: 'http://tempuri.org/',
  acuse: 'http://schemas.datacontract.org/2004/07/Sat.Cfdi.Negocio.ConsultaCfdi.Servicio',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const CODIGO_ESTATUS = {
  found: 'S - Comprobante obtenido satisfactoriamente.',
  invalid: 'N - 601: La expresión impresa proporcionada no es válida.',
  notFound: 'N - 602: Comprobante no encontrado.',
} as const;

/** The five children of `ConsultaResult` (the `Acuse` data contract), in the SAT's order. */
export interface Acuse {
  CodigoEstatus: string;
  EsCancelable: string;
  Estado: string;
  EstatusCancelacion: string;
  ValidacionEFOS: string;
}

const child = (name: string, value: string) =>
  value === '' ? `<a:${name}/>` : `<a:${name}>${escapeXml(value)}</a:${name}>`;

/** The answer byte for byte as the SAT's WCF service writes it (fixture `consulta/satcfdi-response-vigente.xml`). */
export function consultaEnvelope(acuse: Acuse): string {
  return (
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<ConsultaResponse xmlns="${CONSULTA_NS.tempuri}">` +
    `<ConsultaResult xmlns:a="${CONSULTA_NS.acuse}" xmlns:i="${CONSULTA_NS.xsi}">` +
    child('CodigoEstatus', acuse.CodigoEstatus) +
    child('EsCancelable', acuse.EsCancelable) +
    child('Estado', acuse.Estado) +
    child('EstatusCancelacion', acuse.EstatusCancelacion) +
    child('ValidacionEFOS', acuse.ValidacionEFOS) +
    `</ConsultaResult></ConsultaResponse></s:Body></s:Envelope>`
  );
}

/**
 * 601 as recorded from production (a public write-up of the service's answers): the other children are
 * not blank but carry values that mean nothing — clients must judge by `CodigoEstatus` first.
 */
const INVALID: Acuse = {
  CodigoEstatus: CODIGO_ESTATUS.invalid,
  EsCancelable: 'Cancelable sin aceptación',
  Estado: 'No Encontrado',
  EstatusCancelacion: '',
  ValidacionEFOS: '200',
};

const NOT_FOUND: Acuse = {
  CodigoEstatus: CODIGO_ESTATUS.notFound,
  EsCancelable: '',
  Estado: 'No Encontrado',
  EstatusCancelacion: '',
  ValidacionEFOS: '',
};

const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/**
 * Cancellation without the receiver's acceptance (RMF 2.7.1.35, abridged): totals up to $1,000,
 * egresos, traslados and nómina, and CFDI to the generic RFCs. Everything else needs acceptance.
 * Related-document rules ("No cancelable" while a payment points at it) are not simulated.
 */
function byDirectCall(cfdi: GeneratedCfdi): boolean {
  return (
    ['E', 'T', 'N'].includes(cfdi.documentType) ||
    GENERIC_RFCS.has(cfdi.receiverRfc) ||
    Number(cfdi.total) <= 1000
  );
}

/** The universe's own answer for one of its CFDI. */
export function universeAcuse(cfdi: GeneratedCfdi): Acuse {
  const direct = byDirectCall(cfdi);
  // 201: issuer and every third party checked, none listed; 200: issuer alone, not listed.
  const efos = cfdi.thirdParty ? '201' : '200';
  if (cfdi.status === 'cancelado') {
    return {
      CodigoEstatus: CODIGO_ESTATUS.found,
      EsCancelable: 'No cancelable',
      Estado: 'Cancelado',
      EstatusCancelacion: direct ? 'Cancelado sin aceptación' : 'Cancelado con aceptación',
      ValidacionEFOS: efos,
    };
  }
  return {
    CodigoEstatus: CODIGO_ESTATUS.found,
    EsCancelable: direct ? 'Cancelable sin aceptación' : 'Cancelable con aceptación',
    Estado: 'Vigente',
    EstatusCancelacion: '',
    ValidacionEFOS: efos,
  };
}

function overrideAcuse(o: StatusOverride): Acuse {
  if (o.estado === 'No Encontrado') return NOT_FOUND;
  return {
    CodigoEstatus: CODIGO_ESTATUS.found,
    EsCancelable: o.esCancelable,
    Estado: o.estado,
    EstatusCancelacion: o.estatusCancelacion,
    ValidacionEFOS: o.validacionEfos,
  };
}

const matches = (
  e: ConsultaExpression,
  facts: { rfcEmisor?: string; rfcReceptor?: string; total?: string },
) =>
  (facts.rfcEmisor === undefined || facts.rfcEmisor.toUpperCase() === e.rfcEmisor) &&
  (facts.rfcReceptor === undefined || facts.rfcReceptor.toUpperCase() === e.rfcReceptor) &&
  (facts.total === undefined || sameTotal(facts.total, e.total));

/**
 * The answer to one expression. The SAT finds a CFDI by all of id, re, rr and tt: any mismatch is
 * 602 "Comprobante no encontrado" (what clients report for a wrongly formatted total or a swapped
 * RFC). `fe` is not compared (no source says the SAT checks it).
 */
export function consultaAcuse(ctx: SimContext, expressionText: string | undefined): Acuse {
  const expression = expressionText === undefined ? undefined : parseConsultaExpression(expressionText);
  if (!expression) return INVALID;
  const override = ctx.statuses.get(expression.uuid);
  const cfdi = ctx.universe().byUuid(expression.uuid);
  if (override) {
    const facts = {
      rfcEmisor: override.rfcEmisor ?? cfdi?.issuerRfc,
      rfcReceptor: override.rfcReceptor ?? cfdi?.receiverRfc,
      total: override.total ?? cfdi?.total,
    };
    return matches(expression, facts) ? overrideAcuse(override) : NOT_FOUND;
  }
  if (!cfdi) return NOT_FOUND;
  const facts = { rfcEmisor: cfdi.issuerRfc, rfcReceptor: cfdi.receiverRfc, total: cfdi.total };
  return matches(expression, facts) ? universeAcuse(cfdi) : NOT_FOUND;
}

/** `Consulta(expresionImpresa)`: no authentication, no signature; HTTP 200 for every business answer. */
export function consulta(ctx: SimContext, call: SoapCall): SoapAnswer {
  const operation = childElement(call.body, 'Consulta', CONSULTA_NS.tempuri);
  const expression = operation && childElement(operation, 'expresionImpresa', CONSULTA_NS.tempuri);
  return xmlAnswer(consultaEnvelope(consultaAcuse(ctx, expression ? textOf(expression) : undefined)));
}
