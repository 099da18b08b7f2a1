import { DateTime, type FielRequestBuilder, Token } from '@nodecfdi/sat-ws-descarga-masiva';
import type { RunningSimulator } from '../../src/index.js';
import { type HttpResult, httpCall } from './http.js';

const SAT = 'http://DescargaMasivaTerceros.sat.gob.mx';

export const SERVICE = {
  autentica: [
    '/Autenticacion/Autenticacion.svc',
    'http://DescargaMasivaTerceros.gob.mx/IAutenticacion/Autentica',
  ],
  emitidos: ['/SolicitaDescargaService.svc', `${SAT}/ISolicitaDescargaService/SolicitaDescargaEmitidos`],
  recibidos: ['/SolicitaDescargaService.svc', `${SAT}/ISolicitaDescargaService/SolicitaDescargaRecibidos`],
  folio: ['/SolicitaDescargaService.svc', `${SAT}/ISolicitaDescargaService/SolicitaDescargaFolio`],
  legacy: ['/SolicitaDescargaService.svc', `${SAT}/ISolicitaDescargaService/SolicitaDescarga`],
  verifica: [
    '/VerificaSolicitudDescargaService.svc',
    `${SAT}/IVerificaSolicitudDescargaService/VerificaSolicitudDescarga`,
  ],
  descarga: ['/DescargaMasivaService.svc', `${SAT}/IDescargaMasivaTercerosService/Descargar`],
  consulta: ['/ConsultaCFDIService.svc', 'http://tempuri.org/IConsultaCFDIService/Consulta'],
} as const;

/** A raw SOAP POST, as any client sends it. */
export function soapPost(
  sim: RunningSimulator,
  service: keyof typeof SERVICE,
  xml: string,
  token?: string,
  timeoutMs?: number,
) {
  const [path, action] = SERVICE[service];
  return httpCall(`${sim.url}${path}`, {
    method: 'POST',
    body: xml,
    ...(sim.certificate ? { ca: sim.certificate } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${action}"`,
      ...(token ? { Authorization: `WRAP access_token="${token}"` } : {}),
    },
  });
}

export function tokenOf(response: HttpResult): string {
  const match = /<AutenticaResult>([^<]+)<\/AutenticaResult>/.exec(response.body);
  if (!match) throw new Error(`no token in ${response.status} ${response.body.slice(0, 200)}`);
  return match[1]!;
}

export function attributesOf(xml: string, element: string): Record<string, string> {
  const match = new RegExp(`<(?:\\w+:)?${element}\\b([^>]*)>`).exec(xml);
  if (!match) throw new Error(`no ${element} in ${xml.slice(0, 300)}`);
  return Object.fromEntries([...match[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/**
 * Authenticates with the Timestamp taken from the simulated clock, as a client whose clock agrees with
 * the server does, and returns nodecfdi's Token for `service.setToken`.
 */
export async function authenticateAtSimTime(sim: RunningSimulator, builder: FielRequestBuilder) {
  const now = Math.floor(sim.clock.now().getTime() / 1000);
  const xml = builder.authorization(DateTime.create(now), DateTime.create(now + 300));
  const value = tokenOf(await soapPost(sim, 'autentica', xml));
  return { value, token: new Token(DateTime.create(now), DateTime.create(now + 300), value) };
}
