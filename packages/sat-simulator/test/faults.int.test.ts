import {
  DateTimePeriod,
  DownloadType,
  QueryParameters,
  RequestType,
  SoapFaultError,
  WebClientException,
} from '@nodecfdi/sat-ws-descarga-masiva';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';
import { parseXml } from '../src/soap/xml.js';
import { admin, advance, createService } from './support/client.js';
import { readFixture } from './support/fixtures.js';
import { httpCall } from './support/http.js';
import { soapPost } from './support/soap.js';

let sim: RunningSimulator;
afterEach(() => sim?.close());

const query = () =>
  QueryParameters.create(
    DateTimePeriod.createFromValues('2026-02-01 00:00:00', '2026-02-28 23:59:59'),
    new DownloadType('issued'),
    new RequestType('metadata'),
  );

async function inject(operation: string, kind: string, extra: Record<string, number> = {}) {
  const response = await admin(sim, 'POST', '/faults', { operation, kind, ...extra });
  expect(response.status).toBe(201);
}

async function finishedPackage(service: ReturnType<typeof createService>['service']) {
  const id = (await service.query(query())).getRequestId();
  await advance(sim, 20);
  return { id, packageId: (await service.verify(id)).getPackageIds()[0]! };
}

describe('injected faults answer like the real service', () => {
  it('http500: IIS 500 page, then normal service once the count is used up', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    await inject('autentica', 'http500', { count: 1 });
    const error = await service.authenticate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebClientException);
    expect((error as WebClientException).getResponse().getStatusCode()).toBe(500);
    expect((await service.authenticate()).getValue()).toContain('%26wrap_subject%3d');
  });

  it('soapFault: InvalidSecurity on autentica, InternalServiceFault elsewhere (HTTP 500)', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    await inject('autentica', 'soapFault');
    const auth = await service.authenticate().catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(SoapFaultError);
    expect((auth as SoapFaultError).getFault().getMessage()).toBe(
      'An error occurred when verifying security for the message.',
    );
    service.setToken(await service.authenticate());
    await inject('solicita', 'soapFault');
    const fault = await service.query(query()).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(SoapFaultError);
    expect((fault as SoapFaultError).getFault().getCode()).toBe('a:InternalServiceFault');
  });

  it('latency: the normal answer, later', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    await inject('solicita', 'latency', { ms: 150 });
    expect((await service.query(query())).getStatus().getCode()).toBe(5000);
  });

  it('timeout: no answer until the client gives up; the simulator still closes cleanly', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim, { timeoutMs: 300 });
    service.setToken(await service.authenticate());
    await inject('verifica', 'timeout');
    const error = await service.verify('3f30a4e1-af73-4085-8991-e4d97eef16bd').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/time/i);
    await inject('descarga', 'timeout');
    const raw = soapPost(sim, 'descarga', readFixture('soap/download/request.xml'), undefined, 300);
    await expect(raw).rejects.toThrow('client timeout');
  }, 10_000);

  it('malformed: a truncated XML body with HTTP 200', async () => {
    sim = await startSimulator({});
    const { service, webClient } = createService(sim);
    service.setToken(await service.authenticate());
    await inject('solicita', 'malformed');
    await expect(service.query(query())).rejects.toThrow();
    const last = webClient.exchanges.at(-1)!.response;
    expect(last.getStatusCode()).toBe(200);
    expect(() => parseXml(last.getBody())).toThrow();
  });

  it('expiredToken: 300 Usuario No Válido on the call; on autentica the issued token is dead', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    service.setToken(await service.authenticate());
    await inject('solicita', 'expiredToken');
    expect((await service.query(query())).getStatus().getCode()).toBe(300);
    expect((await service.query(query())).getStatus().getCode()).toBe(5000);
    await inject('autentica', 'expiredToken');
    service.setToken(await service.authenticate());
    expect((await service.verify('3f30a4e1-af73-4085-8991-e4d97eef16bd')).getStatus().getCode()).toBe(300);
  });

  it('stolen: the package was downloaded elsewhere and is gone (5007), for good', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    const { packageId } = await finishedPackage(service);
    await inject('descarga', 'stolen');
    expect((await service.download(packageId)).getStatus().getCode()).toBe(5007);
    expect((await service.download(packageId)).getStatus().getCode()).toBe(5007);
  });

  it('requestError: the request ends in EstadoSolicitud 4', async () => {
    sim = await startSimulator({});
    const { service } = createService(sim);
    const id = (await service.query(query())).getRequestId();
    await inject('verifica', 'requestError');
    expect((await service.verify(id)).getStatusRequest().getValue()).toBe(4);
    await advance(sim, 20);
    expect((await service.verify(id)).getStatusRequest().isTypeOf('Failure')).toBe(true);
  });

  it('lists, validates and clears faults through the admin API', async () => {
    sim = await startSimulator({});
    await inject('descarga', 'latency', { count: 3, ms: 10 });
    expect((await admin(sim, 'GET', '/faults')).body).toEqual({
      faults: [{ operation: 'descarga', kind: 'latency', remaining: 3, ms: 10 }],
    });
    expect((await admin(sim, 'POST', '/faults', { operation: 'x', kind: 'timeout' })).status).toBe(400);
    expect((await admin(sim, 'DELETE', '/faults')).body).toEqual({ faults: [] });
    const bad = await httpCall(`${sim.url}/__admin/clock/advance`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });
});
