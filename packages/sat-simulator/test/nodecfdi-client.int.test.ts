import {
  CfdiPackageReader,
  DateTimePeriod,
  DocumentStatus,
  DownloadType,
  MetadataPackageReader,
  QueryParameters,
  RequestType,
  type Service,
  Uuid,
} from '@nodecfdi/sat-ws-descarga-masiva';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';
import { admin, advance, createService } from './support/client.js';

const RFC = 'EKU9003173C9';

async function truth(sim: RunningSimulator, query: string) {
  return (
    await admin<{ uuids: string[] }>(sim, 'GET', `/truth?rfc=${RFC}&from=2026-01-01&to=2026-03-31&${query}`)
  ).body.uuids;
}

/** authenticate → query → verify (moving the simulated clock) → download → read with nodecfdi's readers. */
async function downloadAll(
  sim: RunningSimulator,
  service: Service,
  parameters: QueryParameters,
  folio = false,
) {
  const query = await service.query(parameters);
  expect(query.getStatus().getCode()).toBe(5000);
  const first = await service.verify(query.getRequestId());
  expect(first.getStatusRequest().getValue()).toBe(1);
  await advance(sim, 20);
  const verify = await service.verify(query.getRequestId());
  expect(verify.getStatus().isAccepted()).toBe(true);
  expect(verify.getStatusRequest().isTypeOf('Finished')).toBe(true);
  const uuids: string[] = [];
  for (const packageId of verify.getPackageIds()) {
    const download = await service.download(packageId);
    expect(download.getStatus().getCode()).toBe(5000);
    const zip = Buffer.from(download.getPackageContent(), 'base64').toString('binary');
    // A folio query carries no TipoSolicitud and always yields the XML.
    if (!folio && parameters.getRequestType().isTypeOf('metadata')) {
      const reader = await MetadataPackageReader.createFromContents(zip);
      for await (const item of reader.metadata()) uuids.push(item.get('uuid').toUpperCase());
    } else {
      const reader = await CfdiPackageReader.createFromContents(zip);
      for await (const map of reader.cfdis()) for (const uuid of map.keys()) uuids.push(uuid.toUpperCase());
    }
  }
  expect(uuids.length).toBe(verify.getNumberCfdis());
  return uuids.sort();
}

const period = () => DateTimePeriod.createFromValues('2026-01-01 00:00:00', '2026-03-31 23:59:59');

describe.each([
  ['http', false],
  ['https', true],
])('@nodecfdi/sat-ws-descarga-masiva against the simulator over %s', (_label, https) => {
  let sim: RunningSimulator;
  let service: Service;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'nodecfdi-e2e', https, universe: { cfdiPerPackage: 25 } });
    service = createService(sim).service;
  });
  afterAll(() => sim.close());

  it('authenticates with the test e.firma', async () => {
    const token = await service.authenticate();
    expect(token.getValue()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+%26wrap_subject%3d[0-9A-F]+$/);
    expect(token.isValid()).toBe(true);
  });

  it('downloads issued CFDI (all statuses) in several packages, equal to the ground truth', async () => {
    const parameters = QueryParameters.create(period(), new DownloadType('issued'), new RequestType('xml'));
    const uuids = await downloadAll(sim, service, parameters);
    expect(uuids.length).toBeGreaterThan(25);
    expect(uuids).toEqual(await truth(sim, 'type=cfdi&direction=issued'));
  });

  it('downloads received CFDI (vigentes only) and issued/received metadata', async () => {
    const received = QueryParameters.create(
      period(),
      new DownloadType('received'),
      new RequestType('xml'),
    ).withDocumentStatus(new DocumentStatus('active'));
    expect(await downloadAll(sim, service, received)).toEqual(
      await truth(sim, 'type=cfdi&direction=received&status=active'),
    );
    for (const direction of ['issued', 'received'] as const) {
      const metadata = QueryParameters.create(
        period(),
        new DownloadType(direction),
        new RequestType('metadata'),
      );
      expect(await downloadAll(sim, service, metadata)).toEqual(
        await truth(sim, `type=metadata&direction=${direction}`),
      );
    }
  });

  it('downloads a single CFDI by folio', async () => {
    const [uuid] = await truth(sim, 'type=cfdi&direction=received&status=active');
    const parameters = QueryParameters.create().withUuid(Uuid.create(uuid!.toLowerCase()));
    expect(await downloadAll(sim, service, parameters, true)).toEqual([uuid]);
  });
});
