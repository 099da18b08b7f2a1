import {
  DateTimePeriod,
  DocumentStatus,
  DownloadType,
  QueryParameters,
  RequestType,
  type Service,
  Uuid,
} from '@nodecfdi/sat-ws-descarga-masiva';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../src/index.js';
import { admin, advance, createService } from './support/client.js';
import { attributesOf, authenticateAtSimTime, soapPost } from './support/soap.js';

const RFC = 'EKU9003173C9';
let sim: RunningSimulator;
afterEach(() => sim?.close());

async function setup(options: SimulatorOptions = {}) {
  sim = await startSimulator({
    seed: 'lifecycle',
    timing: { acceptedSeconds: 10, processingSeconds: 10 },
    ...options,
  });
  return createService(sim);
}

const march = (kind: 'xml' | 'metadata' = 'xml', direction: 'issued' | 'received' = 'issued') =>
  QueryParameters.create(
    DateTimePeriod.createFromValues('2026-03-01 00:00:00', '2026-03-31 23:59:59'),
    new DownloadType(direction),
    new RequestType(kind),
  );

async function stateOf(service: Service, id: string) {
  const result = await service.verify(id);
  return { state: result.getStatusRequest().getValue(), code: result.getCodeRequest().getValue(), result };
}

describe('request lifecycle', () => {
  it('moves Aceptada (1) → En proceso (2) → Terminada (3) with the simulated clock', async () => {
    const { service } = await setup();
    const id = (await service.query(march())).getRequestId();
    expect(await stateOf(service, id)).toMatchObject({ state: 1, code: 5000 });
    await advance(sim, 10);
    expect(await stateOf(service, id)).toMatchObject({ state: 2, code: 5000 });
    await advance(sim, 10);
    const done = await stateOf(service, id);
    expect(done).toMatchObject({ state: 3, code: 5000 });
    expect(done.result.getPackageIds()).toEqual([`${id.toUpperCase()}_01`]);
    const listed = (await admin<{ requests: { id: string; state: number }[] }>(sim, 'GET', '/requests')).body
      .requests;
    expect(listed).toEqual([expect.objectContaining({ id, state: 3 })]);
  });

  it('lets a client with a real clock authenticate after the simulated clock jumped days ahead', async () => {
    const { service } = await setup();
    await advance(sim, 3 * 24 * 3600);
    // nodecfdi signs its Timestamp with the machine's real clock; the token's life is simulated time.
    const token = await service.authenticate();
    expect(token.getValue()).toContain('wrap_subject');
    const id = (await service.query(march('metadata'))).getRequestId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/i);
  });

  it('rejects with 5004 when nothing matches (volume set to zero through the admin API)', async () => {
    const { service } = await setup();
    expect(
      (await admin(sim, 'PUT', `/volumes/${RFC}`, { issuedPerMonth: 0, receivedPerMonth: 3 })).status,
    ).toBe(200);
    const id = (await service.query(march())).getRequestId();
    await advance(sim, 20);
    expect(await stateOf(service, id)).toMatchObject({ state: 5, code: 5004 });
    const truth = await admin<{ uuids: string[] }>(
      sim,
      'GET',
      `/truth?rfc=${RFC}&from=2026-03-01&to=2026-03-31&type=metadata&direction=received`,
    );
    expect(truth.body.uuids).toHaveLength(3);
  });

  it('rejects with 5003 above the per-request cap (lowered for the test)', async () => {
    const { service } = await setup({ limits: { maxMetadata: 3 } });
    const id = (await service.query(march('metadata'))).getRequestId();
    await advance(sim, 20);
    const rejected = await stateOf(service, id);
    expect(rejected).toMatchObject({ state: 5, code: 5003 });
    expect(rejected.result.getStatus().getCode()).toBe(5000);
    expect(rejected.result.getNumberCfdis()).toBeGreaterThan(3);
  });

  it('can report 5003 in CodEstatus instead (the other reading of the v1.5 manual)', async () => {
    const { service } = await setup({ limits: { maxMetadata: 3, overLimitField: 'CodEstatus' } });
    const id = (await service.query(march('metadata'))).getRequestId();
    await advance(sim, 20);
    const rejected = await stateOf(service, id);
    expect(rejected).toMatchObject({ state: 5, code: 5003 });
    expect(rejected.result.getStatus().getCode()).toBe(5003);
  });

  it('rejects with 5011 a folio requested more often than the daily limit', async () => {
    const { service, webClient } = await setup({ limits: { folioPerDay: 1 } });
    const truth = await admin<{ uuids: string[] }>(
      sim,
      'GET',
      `/truth?rfc=${RFC}&from=2026-03-01&to=2026-03-31&type=cfdi&direction=issued&status=active`,
    );
    const folio = () => QueryParameters.create().withUuid(Uuid.create(truth.body.uuids[0]!));
    const first = (await service.query(folio())).getRequestId();
    await advance(sim, 20);
    expect(await stateOf(service, first)).toMatchObject({ state: 3 });
    const second = (await service.query(folio())).getRequestId();
    await advance(sim, 20);
    expect(await stateOf(service, second)).toMatchObject({ state: 5 });
    // nodecfdi's CodeRequest predates 5011, so read the attribute itself.
    const raw = webClient.exchanges.at(-1)!.response.getBody();
    expect(attributesOf(raw, 'VerificaSolicitudDescargaResult')).toMatchObject({
      CodigoEstadoSolicitud: '5011',
    });
  });

  it('answers 5005 to a duplicate while open and 5002 to a third CFDI request for the same period', async () => {
    const { service } = await setup();
    expect((await service.query(march())).getStatus().getCode()).toBe(5000);
    expect((await service.query(march())).getStatus().getCode()).toBe(5005);
    await advance(sim, 20);
    expect((await service.query(march())).getStatus().getCode()).toBe(5000);
    await advance(sim, 20);
    expect((await service.query(march())).getStatus().getCode()).toBe(5002);
    // Metadata is not limited.
    for (let i = 0; i < 3; i++) {
      expect((await service.query(march('metadata'))).getStatus().getCode()).toBe(5000);
      await advance(sim, 20);
    }
  });

  it('serves each package twice (5008 after) and expires it 72 h after it was ready (Vencida 6, 5007)', async () => {
    const { service, builder } = await setup();
    const id = (await service.query(march('metadata'))).getRequestId();
    await advance(sim, 20);
    const [packageId] = (await service.verify(id)).getPackageIds();
    expect((await service.download(packageId!)).getStatus().getCode()).toBe(5000);
    expect((await service.download(packageId!)).getStatus().getCode()).toBe(5000);
    expect((await service.download(packageId!)).getStatus()).toMatchObject({ _code: 5008 });

    const second = (await service.query(march('metadata', 'received'))).getRequestId();
    await advance(sim, 20);
    const [other] = (await service.verify(second)).getPackageIds();
    await advance(sim, 72 * 3600);
    service.setToken((await authenticateAtSimTime(sim, builder)).token);
    expect(await stateOf(service, second)).toMatchObject({ state: 6 });
    expect((await service.download(other!)).getStatus()).toMatchObject({ _code: 5007 });
  });

  it('answers 5012 to a folio query on a cancelled CFDI, and 5004 later for a folio not involving the requester', async () => {
    const { service } = await setup();
    const cancelled = await admin<{ uuids: string[] }>(
      sim,
      'GET',
      `/truth?rfc=${RFC}&from=2026-01-01&to=2026-06-30&type=cfdi&direction=issued&status=cancelled`,
    );
    expect(cancelled.body.uuids.length).toBeGreaterThan(0);
    const onCancelled = await service.query(
      QueryParameters.create().withUuid(Uuid.create(cancelled.body.uuids[0]!)),
    );
    expect(onCancelled.getStatus().getCode()).toBe(5012);
    const stranger = await service.query(
      QueryParameters.create().withUuid(Uuid.create('96623061-61fe-49de-b298-c7156476aa8b')),
    );
    expect(stranger.getStatus().getCode()).toBe(5000);
    await advance(sim, 20);
    expect(await stateOf(service, stranger.getRequestId())).toMatchObject({ state: 5, code: 5004 });
  });

  it('rejects Recibidos + CFDI without Vigente with the production 301 message', async () => {
    const { builder } = await setup();
    const { value } = await authenticateAtSimTime(sim, builder);
    const xml = builder.query(march('xml', 'received').withDocumentStatus(new DocumentStatus('undefined')));
    expect(
      attributesOf((await soapPost(sim, 'recibidos', xml, value)).body, 'SolicitaDescargaRecibidosResult'),
    ).toEqual({
      RfcSolicitante: RFC,
      CodEstatus: '301',
      Mensaje:
        'XML Mal Formado:La solicitud de descarga no es válida. No se permite la descarga de xml que se encuentren cancelados.',
    });
  });

  it('expires tokens after 5 simulated minutes (300 Usuario No Válido)', async () => {
    const { service } = await setup();
    service.setToken(await service.authenticate());
    await advance(sim, 301);
    const result = await service.query(march());
    expect(result.getStatus()).toMatchObject({ _code: 300, _message: 'Usuario No Válido' });
  });
});
