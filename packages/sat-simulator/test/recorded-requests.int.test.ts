import {
  DateTimePeriod,
  DownloadType,
  FielRequestBuilder,
  QueryParameters,
  RequestType,
} from '@nodecfdi/sat-ws-descarga-masiva';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';
import { admin, createFiel } from './support/client.js';
import { readFixture } from './support/fixtures.js';
import { attributesOf, authenticateAtSimTime, SERVICE, soapPost, tokenOf } from './support/soap.js';

const compact = (xml: string) =>
  xml
    .replace(/>\s+</g, '><')
    .replace(/>\s+([^<\s])/g, '>$1')
    .replace(/([^>\s])\s+</g, '$1<')
    .trim();
const RECORDED_FAULT = compact(readFixture('soap/authenticate/response-with-error.xml'));

let sim: RunningSimulator;
afterEach(() => sim?.close());

async function simAt(iso: string, strict: boolean) {
  sim = await startSimulator({ seed: 'recorded', strict });
  await admin(sim, 'POST', '/clock/set', { now: iso });
  return sim;
}

describe('recorded Autentica (phpcfdi fixture, Timestamp 2019-08-01T03:38:19Z → 03:43:19Z)', () => {
  const request = readFixture('soap/authenticate/request.xml');

  it('returns a token when the simulated clock is inside the window', async () => {
    await simAt('2019-08-01T03:40:00Z', true);
    const response = await soapPost(sim, 'autentica', request);
    expect(response.status).toBe(200);
    expect(tokenOf(response)).toMatch(/%26wrap_subject%3d3330303031303030303030353030303033343135$/);
  });

  it.each(['2019-08-01T03:30:00Z', '2019-08-01T03:49:00Z', '2026-11-25T12:00:00Z'])(
    'answers the recorded InvalidSecurity fault (HTTP 500) at %s',
    async (iso) => {
      await simAt(iso, true);
      const response = await soapPost(sim, 'autentica', request);
      expect(response.status).toBe(500);
      expect(compact(response.body)).toBe(RECORDED_FAULT);
    },
  );

  it('answers InvalidSecurity when a signed byte changes or the header is missing', async () => {
    await simAt('2019-08-01T03:40:00Z', true);
    for (const tampered of [
      request.replace('03:38:19.000Z', '03:38:18.000Z'),
      request.replace('<u:Timestamp u:Id="_0">', '<u:Timestamp u:Id="_1">'),
      request.replace(/<o:Security[\s\S]*<\/o:Security>/, ''),
    ]) {
      const response = await soapPost(sim, 'autentica', tampered);
      expect(response.status).toBe(500);
      expect(compact(response.body)).toBe(RECORDED_FAULT);
    }
  });
});

describe('recorded v1.5 queries (phpcfdi fixtures, test e.firma) in strict mode', () => {
  const builder = () => new FielRequestBuilder(createFiel());

  it.each([
    ['emitidos', 'query/request-issued.xml', 'SolicitaDescargaEmitidosResult'],
    ['recibidos', 'query/request-received.xml', 'SolicitaDescargaRecibidosResult'],
    ['folio', 'query/request-item.xml', 'SolicitaDescargaFolioResult'],
  ] as const)('%s is accepted; one changed signed byte makes it 302', async (service, file, result) => {
    await simAt('2024-06-01T12:00:00Z', true);
    const { value } = await authenticateAtSimTime(sim, builder());
    const xml = readFixture(`soap/${file}`);
    const accepted = attributesOf((await soapPost(sim, service, xml, value)).body, result);
    expect(accepted).toMatchObject({
      CodEstatus: '5000',
      Mensaje: 'Solicitud Aceptada',
      RfcSolicitante: 'EKU9003173C9',
    });
    expect(accepted.IdSolicitud).toMatch(/^[0-9a-f-]{36}$/);
    const tampered = xml.replace('RfcSolicitante="EKU9003173C9"', 'RfcSolicitante="EKU9003173C8"');
    expect(attributesOf((await soapPost(sim, service, tampered, value)).body, result)).toMatchObject({
      CodEstatus: '302',
      Mensaje: 'Sello Mal Formado',
    });
  });

  it('verify and download recorded requests reach the business checks (unknown ids → 5004)', async () => {
    await simAt('2024-06-01T12:00:00Z', true);
    const { value } = await authenticateAtSimTime(sim, builder());
    const verify = await soapPost(sim, 'verifica', readFixture('soap/verify/request.xml'), value);
    expect(attributesOf(verify.body, 'VerificaSolicitudDescargaResult')).toMatchObject({
      CodEstatus: '5004',
      EstadoSolicitud: '0',
    });
    const download = await soapPost(sim, 'descarga', readFixture('soap/download/request.xml'), value);
    expect(attributesOf(download.body, 'respuesta')).toMatchObject({ CodEstatus: '5004' });
  });

  it('the same tampered request passes the lenient (default) check, which only verifies SignedInfo', async () => {
    await simAt('2024-06-01T12:00:00Z', false);
    const { value } = await authenticateAtSimTime(sim, builder());
    const tampered = readFixture('soap/query/request-issued.xml').replace(
      'TipoSolicitud="Metadata"',
      'TipoSolicitud="Metadatb"',
    );
    expect(
      attributesOf((await soapPost(sim, 'emitidos', tampered, value)).body, 'SolicitaDescargaEmitidosResult'),
    ).toMatchObject({ CodEstatus: '301' });
  });
});

describe('the SATCFDI signing style (inclusive C14N + enveloped transform, certificate XIQB891116QE4)', () => {
  const alt = readFixture('soap/alt-signature-style/satcfdi-solicitud-emitidos-c14n-enveloped.xml');
  const altAuth = readFixture('soap/alt-signature-style/satcfdi-autenticacion.xml');

  async function codeAt(strict: boolean, laterIso?: string) {
    // A long token life lets the clock move past the certificate's end with the one recorded Autentica.
    sim = await startSimulator({
      seed: 'recorded',
      strict,
      timing: { tokenLifetimeSeconds: 5 * 365 * 86_400 },
    });
    await admin(sim, 'POST', '/clock/set', { now: '2022-01-01T00:01:00Z' });
    const token = tokenOf(await soapPost(sim, 'autentica', altAuth));
    if (laterIso) await admin(sim, 'POST', '/clock/set', { now: laterIso });
    return attributesOf((await soapPost(sim, 'emitidos', alt, token)).body, 'SolicitaDescargaEmitidosResult');
  }

  it('fails the signature in strict mode (302)', async () => {
    expect(await codeAt(true)).toMatchObject({ CodEstatus: '302', Mensaje: 'Sello Mal Formado' });
  });

  it('passes the signature in lenient mode and meets the request checks (its values are placeholders: 301)', async () => {
    expect(await codeAt(false)).toMatchObject({ CodEstatus: '301' });
  });

  it('answers 304 in lenient mode once its certificate (valid to 2023-05-27) has expired', async () => {
    expect(await codeAt(false, '2024-01-01T00:00:00Z')).toMatchObject({
      CodEstatus: '304',
      Mensaje: 'Certificado Revocado o Caduco',
    });
  });
});

describe('protocol failures', () => {
  it('answers the removed v1.4 SolicitaDescarga with ActionNotSupported (HTTP 500)', async () => {
    sim = await startSimulator({});
    const response = await soapPost(sim, 'legacy', readFixture('soap/query/request-issued.xml'));
    expect(response.status).toBe(500);
    expect(response.body).toContain(
      '<faultcode xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none">a:ActionNotSupported</faultcode>',
    );
    expect(response.body).toContain(
      `The message with Action '${SERVICE.legacy[1]}' cannot be processed at the receiver`,
    );
  });

  it('answers 300 without a valid token, 305 to a CSD, and HTTP 400 to unreadable XML', async () => {
    sim = await startSimulator({});
    const params = QueryParameters.create(
      DateTimePeriod.createFromValues('2026-01-01 00:00:00', '2026-01-31 23:59:59'),
      new DownloadType('issued'),
      new RequestType('metadata'),
    );
    const fielXml = new FielRequestBuilder(createFiel()).query(params);
    expect(
      attributesOf((await soapPost(sim, 'emitidos', fielXml)).body, 'SolicitaDescargaEmitidosResult'),
    ).toMatchObject({
      CodEstatus: '300',
      Mensaje: 'Usuario No Válido',
    });
    expect(
      attributesOf(
        (await soapPost(sim, 'emitidos', fielXml, 'forged')).body,
        'SolicitaDescargaEmitidosResult',
      ),
    ).toMatchObject({ CodEstatus: '300' });
    const csd = new FielRequestBuilder(createFiel('fake-csd'));
    const { value } = await authenticateAtSimTime(sim, csd);
    expect(
      attributesOf(
        (await soapPost(sim, 'emitidos', csd.query(params), value)).body,
        'SolicitaDescargaEmitidosResult',
      ),
    ).toMatchObject({ CodEstatus: '305', Mensaje: 'Certificado Inválido' });
    const broken = await soapPost(
      sim,
      'emitidos',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>',
      value,
    );
    expect(broken.status).toBe(400);
    const dtd = await soapPost(sim, 'emitidos', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', value);
    expect(dtd.status).toBe(400);
  });
});
