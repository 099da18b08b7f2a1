import type { Operation } from '../state/faults.js';
import { autentica } from './autentica.js';
import { consulta } from './consulta.js';
import type { SimContext, SoapAnswer, SoapCall } from './context.js';
import { descarga } from './descarga.js';
import { solicita } from './solicita.js';
import { verifica } from './verifica.js';

type Handler = (ctx: SimContext, call: SoapCall) => SoapAnswer;

export interface Route {
  operation: Operation;
  handle: Handler;
}

const SAT = 'http://DescargaMasivaTerceros.sat.gob.mx';

/** Service paths (lower-cased: IIS matches them case-insensitively) and the SOAPActions each accepts. */
const SERVICES: Record<string, Record<string, Route>> = {
  '/autenticacion/autenticacion.svc': {
    'http://DescargaMasivaTerceros.gob.mx/IAutenticacion/Autentica': {
      operation: 'autentica',
      handle: autentica,
    },
  },
  '/solicitadescargaservice.svc': {
    [`${SAT}/ISolicitaDescargaService/SolicitaDescargaEmitidos`]: {
      operation: 'solicita',
      handle: (ctx, call) => solicita(ctx, call, 'emitidos'),
    },
    [`${SAT}/ISolicitaDescargaService/SolicitaDescargaRecibidos`]: {
      operation: 'solicita',
      handle: (ctx, call) => solicita(ctx, call, 'recibidos'),
    },
    [`${SAT}/ISolicitaDescargaService/SolicitaDescargaFolio`]: {
      operation: 'solicita',
      handle: (ctx, call) => solicita(ctx, call, 'folio'),
    },
  },
  '/verificasolicituddescargaservice.svc': {
    [`${SAT}/IVerificaSolicitudDescargaService/VerificaSolicitudDescarga`]: {
      operation: 'verifica',
      handle: verifica,
    },
  },
  '/descargamasivaservice.svc': {
    [`${SAT}/IDescargaMasivaTercerosService/Descargar`]: { operation: 'descarga', handle: descarga },
  },
  // ConsultaCFDIService (consultaqr.facturaelectronica.sat.gob.mx): the CFDI status service.
  '/consultacfdiservice.svc': {
    'http://tempuri.org/IConsultaCFDIService/Consulta': { operation: 'consulta', handle: consulta },
  },
};

export function isServicePath(path: string): boolean {
  return path.toLowerCase() in SERVICES;
}

/** The route for a SOAPAction on a service path; undefined means WCF's ActionNotSupported. */
export function findRoute(path: string, soapAction: string): Route | undefined {
  return SERVICES[path.toLowerCase()]?.[soapAction];
}

/** SOAPAction as sent: SAT's examples quote it, phpcfdi/satcfdi do not. */
export function soapActionOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  return value.trim().replace(/^"(.*)"$/, '$1');
}
