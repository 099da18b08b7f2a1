import {
  DateTimePeriod,
  DownloadType,
  QueryParameters,
  RequestType,
  Uuid,
} from '@nodecfdi/sat-ws-descarga-masiva';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';
import { childElements, parseXml } from '../src/soap/xml.js';
import { admin, advance, createService } from './support/client.js';
import { readFixture } from './support/fixtures.js';
import { soapPost } from './support/soap.js';

/** Element names, namespaces, prefixes, attribute names and namespace declarations; no values. */
interface Shape {
  element: string;
  namespace: string | null;
  attributes: string[];
  declarations: string[];
  children: Shape[];
}

function shape(element: Element, ignoreAttributes: string[] = []): Shape {
  const attributes: string[] = [];
  const declarations: string[] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i)!;
    if (attr.name === 'xmlns' || attr.prefix === 'xmlns') declarations.push(`${attr.name}=${attr.value}`);
    else if (!ignoreAttributes.includes(attr.name)) attributes.push(attr.name);
  }
  const children: Shape[] = [];
  for (const child of childElements(element)) {
    const next = shape(child, ignoreAttributes);
    // Repeated siblings (IdsPaquetes) count once: the number depends on the data.
    if (JSON.stringify(children.at(-1)) !== JSON.stringify(next)) children.push(next);
  }
  return {
    element: element.tagName,
    namespace: element.namespaceURI,
    attributes: attributes.sort(),
    declarations: declarations.sort(),
    children,
  };
}

const of = (xml: string, ignore: string[] = []) => shape(parseXml(xml).documentElement!, ignore);

describe('simulator responses have the shape of the recorded SAT responses', () => {
  let sim: RunningSimulator;
  const bodies = new Map<string, string>();
  let downloadHeaders: Record<string, string> = {};

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'shape', universe: { cfdiPerPackage: 10 } });
    const { service, webClient } = createService(sim);
    const last = () => webClient.exchanges.at(-1)!.response.getBody();
    service.setToken(await service.authenticate());
    bodies.set('autentica', last());
    const period = DateTimePeriod.createFromValues('2026-04-01 00:00:00', '2026-04-30 23:59:59');
    const issued = await service.query(
      QueryParameters.create(period, new DownloadType('issued'), new RequestType('xml')),
    );
    bodies.set('issued', last());
    await service.query(
      QueryParameters.create(period, new DownloadType('received'), new RequestType('metadata')),
    );
    bodies.set('received', last());
    const truth = await admin<{ uuids: string[] }>(
      sim,
      'GET',
      '/truth?rfc=EKU9003173C9&from=2026-04-01&to=2026-04-30&type=cfdi&direction=issued&status=active',
    );
    await service.query(QueryParameters.create().withUuid(Uuid.create(truth.body.uuids[0]!)));
    bodies.set('item', last());
    const empty = await service.query(
      QueryParameters.create().withUuid(Uuid.create('96623061-61fe-49de-b298-c7156476aa8b')),
    );
    await advance(sim, 20);
    const verify = await service.verify(issued.getRequestId());
    expect(verify.getPackageIds().length).toBeGreaterThan(1);
    bodies.set('verify-packages', last());
    await service.verify(empty.getRequestId());
    bodies.set('verify-empty', last());
    await service.download(verify.getPackageIds()[0]!);
    bodies.set('download', last());
    downloadHeaders = webClient.exchanges.at(-1)!.response.getHeaders();
    bodies.set(
      'fault',
      (await soapPost(sim, 'autentica', readFixture('soap/authenticate/request.xml'))).body,
    );
  });
  afterAll(() => sim.close());

  it.each([
    ['autentica', 'authenticate/response-with-token.xml'],
    ['fault', 'authenticate/response-with-error.xml'],
    ['verify-packages', 'verify/response-2-packages.xml'],
    ['verify-empty', 'verify/response-0-packages.xml'],
    ['download', 'download/response-with-package.xml'],
  ])('%s matches %s', (key, fixture) => {
    expect(of(bodies.get(key)!)).toEqual(of(readFixture(`soap/${fixture}`)));
  });

  it.each([
    ['issued', 'query/response-issued.xml', 'SolicitaDescargaEmitidosResult'],
    ['received', 'query/response-received.xml', 'SolicitaDescargaRecibidosResult'],
    ['item', 'query/response-item.xml', 'SolicitaDescargaFolioResult'],
  ])('%s matches %s plus the v1.5 RfcSolicitante', (key, fixture, result) => {
    const body = bodies.get(key)!;
    expect(of(body, ['RfcSolicitante'])).toEqual(of(readFixture(`soap/${fixture}`)));
    expect(body).toMatch(
      new RegExp(`<${result} IdSolicitud="[0-9a-f-]{36}" RfcSolicitante="EKU9003173C9" CodEstatus="5000"`),
    );
  });

  it('streams the package (chunked transfer, no buffered Content-Length)', () => {
    expect(downloadHeaders['transfer-encoding']).toBe('chunked');
    expect(downloadHeaders['content-length']).toBeUndefined();
  });
});
