import {
  Fiel,
  FielRequestBuilder,
  Service,
  ServiceEndpoints,
  ServiceType,
} from '@nodecfdi/sat-ws-descarga-masiva';
import type { RunningSimulator } from '../../src/index.js';
import { testFiel } from './fixtures.js';
import { httpCall } from './http.js';
import { NodeWebClient } from './web-client.js';

export function createFiel(kind: 'fake-fiel' | 'fake-csd' = 'fake-fiel'): Fiel {
  const { certificate, privateKey, password } = testFiel(kind);
  return Fiel.create(certificate, privateKey, password);
}

/** nodecfdi's Service with only its endpoints and web client pointed at the simulator. */
export function createService(
  sim: RunningSimulator,
  options: { timeoutMs?: number; kind?: 'fake-fiel' | 'fake-csd' } = {},
) {
  const webClient = new NodeWebClient({
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(sim.certificate ? { ca: sim.certificate } : {}),
  });
  const endpoints = new ServiceEndpoints(
    `${sim.url}/Autenticacion/Autenticacion.svc`,
    `${sim.url}/SolicitaDescargaService.svc`,
    `${sim.url}/VerificaSolicitudDescargaService.svc`,
    `${sim.url}/DescargaMasivaService.svc`,
    new ServiceType('cfdi'),
  );
  const builder = new FielRequestBuilder(createFiel(options.kind));
  return { service: new Service(builder, webClient, null, endpoints), webClient, builder };
}

export async function admin<T = unknown>(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await httpCall(`${sim.url}/__admin${path}`, {
    method,
    ...(sim.certificate ? { ca: sim.certificate } : {}),
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  return { status: response.status, body: JSON.parse(response.body) as T };
}

export async function advance(sim: RunningSimulator, seconds: number) {
  await admin(sim, 'POST', '/clock/advance', { seconds });
}
