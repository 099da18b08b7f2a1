import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';
import { CODIGO_ESTATUS } from '../src/operations/consulta.js';
import { parseConsultaExpression } from '../src/operations/consulta-expression.js';
import { childElements, parseXml } from '../src/soap/xml.js';
import type { GeneratedCfdi } from '../src/universe/types.js';
import { admin } from './support/client.js';
import { readFixture } from './support/fixtures.js';
import { soapPost } from './support/soap.js';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const envelope = (expression: string, escaped = true) =>
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
  '<c:Consulta xmlns:c="http://tempuri.org/"><c:expresionImpresa>' +
  (escaped ? xmlEscape(expression) : expression) +
  '</c:expresionImpresa></c:Consulta></s:Body></s:Envelope>';

/** Anexo 20 total: no insignificant zeros, at least one decimal. */
const tt = (total: string) => {
  const [int, dec = ''] = total.split('.');
  const d = dec.replace(/0+$/, '');
  return `${BigInt(int!)}.${d || '0'}`;
};
const expression40 = (c: { uuid: string; re: string; rr: string; total: string }, fe = 'AbC+/9==') =>
  `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${c.uuid}&re=${c.re.replace(/&/g, '&amp;')}&rr=${c.rr.replace(/&/g, '&amp;')}&tt=${tt(c.total)}&fe=${fe}`;
const of = (cfdi: GeneratedCfdi) => ({
  uuid: cfdi.uuid,
  re: cfdi.issuerRfc,
  rr: cfdi.receiverRfc,
  total: cfdi.total,
});

/** The ConsultaResult children by local name, and the envelope's namespace facts. */
function readAnswer(body: string) {
  const doc = parseXml(body);
  const result = doc.getElementsByTagNameNS('http://tempuri.org/', 'ConsultaResult')[0]!;
  const values: Record<string, string> = {};
  for (const el of childElements(result)) values[el.localName!] = el.textContent ?? '';
  return { values, result };
}

let sim: RunningSimulator;
let active: GeneratedCfdi;
let cancelled: GeneratedCfdi;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'consulta', now: new Date('2026-03-01T12:00:00Z') });
  const all = [
    ...sim.universe().select({
      requesterRfc: 'EKU9003173C9',
      direction: 'issued',
      kind: 'cfdi',
      from: '2025-01-01T00:00:00',
      to: '2025-12-31T23:59:59',
      status: 'Todos',
    }),
  ];
  active = all.find((c) => c.status === 'vigente')!;
  cancelled = all.find((c) => c.status === 'cancelado')!;
});
afterAll(() => sim?.close());
beforeEach(async () => {
  await admin(sim, 'DELETE', '/cfdi-status');
  await admin(sim, 'DELETE', '/faults');
});

describe('ConsultaCFDIService', () => {
  it('answers the recorded envelope shape (namespaces, prefixes, order, empty elements)', async () => {
    const response = await soapPost(sim, 'consulta', envelope(expression40(of(active))));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const recorded = readFixture('consulta/satcfdi-response-vigente.xml').trim();
    // Same bytes as the recorded answer apart from the values of the five children.
    const skeleton = (xml: string) =>
      xml.replace(/(<a:(\w+)>)[^<]*(<\/a:\2>)/g, '$1$3').replace(/<a:(\w+)\/>/g, '<a:$1></a:$1>');
    expect(skeleton(response.body)).toBe(skeleton(recorded));
    const { values } = readAnswer(response.body);
    expect(Object.keys(values)).toEqual([
      'CodigoEstatus',
      'EsCancelable',
      'Estado',
      'EstatusCancelacion',
      'ValidacionEFOS',
    ]);
    expect(values).toMatchObject({
      CodigoEstatus: CODIGO_ESTATUS.found,
      Estado: 'Vigente',
      EstatusCancelacion: '',
    });
    expect(['200', '201']).toContain(values.ValidacionEFOS);
    expect(['Cancelable sin aceptación', 'Cancelable con aceptación']).toContain(values.EsCancelable);
  });

  it('reads the phpcfdi-style recorded request (c: prefix) and answers 601 for its non-CFDI expression', async () => {
    const response = await soapPost(sim, 'consulta', readFixture('consulta/phpcfdi-soap-request.xml'));
    expect(response.status).toBe(200);
    expect(readAnswer(response.body).values).toMatchObject({
      CodigoEstatus: CODIGO_ESTATUS.invalid,
      Estado: 'No Encontrado',
    });
  });

  it('a cancelled CFDI of the universe is Cancelado, No cancelable', async () => {
    const { values } = readAnswer(
      (await soapPost(sim, 'consulta', envelope(expression40(of(cancelled))))).body,
    );
    expect(values).toMatchObject({
      CodigoEstatus: CODIGO_ESTATUS.found,
      Estado: 'Cancelado',
      EsCancelable: 'No cancelable',
    });
    expect(values.EstatusCancelacion).toMatch(/^Cancelado (sin|con) aceptación$/);
  });

  it('accepts the CFDI 3.2 form (zero-padded total, no fe) and any case of the UUID', async () => {
    const c = of(active);
    const [int, dec = ''] = c.total.split('.');
    const expr = `?re=${c.re}&rr=${c.rr}&tt=${int!.padStart(10, '0')}.${dec.padEnd(6, '0')}&id=${c.uuid.toLowerCase()}`;
    const { values } = readAnswer((await soapPost(sim, 'consulta', envelope(expr))).body);
    expect(values.Estado).toBe('Vigente');
  });

  it('602 when the UUID is unknown or re / rr / tt do not match the CFDI', async () => {
    const c = of(active);
    const cases = [
      { ...c, uuid: '11111111-2222-4333-8444-555555555555' },
      { ...c, re: 'AAA010101AAA' },
      { ...c, rr: 'XAXX010101000' },
      { ...c, total: `${Number(c.total) + 1}` },
    ];
    for (const variant of cases) {
      const { values } = readAnswer((await soapPost(sim, 'consulta', envelope(expression40(variant)))).body);
      expect(values).toEqual({
        CodigoEstatus: CODIGO_ESTATUS.notFound,
        EsCancelable: '',
        Estado: 'No Encontrado',
        EstatusCancelacion: '',
        ValidacionEFOS: '',
      });
    }
  });

  it('601 for a malformed expression', async () => {
    for (const bad of [
      '',
      'hola',
      '?id=nope&re=EKU9003173C9&rr=XAXX010101000&tt=1.0',
      `?re=EKU9003173C9&rr=XAXX010101000&id=${active.uuid}`,
    ]) {
      const { values } = readAnswer((await soapPost(sim, 'consulta', envelope(bad))).body);
      expect(values.CodigoEstatus).toBe(CODIGO_ESTATUS.invalid);
    }
  });

  it('an unescaped & is a SOAP fault (DeserializationFailed, HTTP 500); garbage is an empty 400', async () => {
    const fault = await soapPost(sim, 'consulta', envelope(expression40(of(active)), false));
    expect(fault.status).toBe(500);
    expect(fault.body).toContain('a:DeserializationFailed');
    expect((await soapPost(sim, 'consulta', 'not xml')).status).toBe(400);
  });

  it('the admin API sets any UUID status, including UUIDs outside the universe, with EFOS', async () => {
    const uuid = 'A1B2C3D4-1111-4222-8333-444455556666';
    const set = await admin(sim, 'POST', '/cfdi-status', {
      uuid: uuid.toLowerCase(),
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'En proceso',
      validacionEfos: '100',
      rfcEmisor: 'A&B010101AB1',
      rfcReceptor: 'EKU9003173C9',
      total: '1160.00',
    });
    expect(set.status).toBe(201);
    const c = { uuid, re: 'A&B010101AB1', rr: 'EKU9003173C9', total: '1160.00' };
    const { values } = readAnswer((await soapPost(sim, 'consulta', envelope(expression40(c)))).body);
    expect(values).toEqual({
      CodigoEstatus: CODIGO_ESTATUS.found,
      EsCancelable: 'Cancelable con aceptación',
      Estado: 'Vigente',
      EstatusCancelacion: 'En proceso',
      ValidacionEFOS: '100',
    });
    // The data given must still match.
    const wrong = readAnswer(
      (await soapPost(sim, 'consulta', envelope(expression40({ ...c, total: '1.0' })))).body,
    );
    expect(wrong.values.CodigoEstatus).toBe(CODIGO_ESTATUS.notFound);
  });

  it('the admin API cancels a universe CFDI (its RFCs and total still checked) and can be undone', async () => {
    await admin(sim, 'POST', '/cfdi-status', { uuid: active.uuid, estado: 'Cancelado' });
    const { values } = readAnswer((await soapPost(sim, 'consulta', envelope(expression40(of(active))))).body);
    expect(values).toMatchObject({
      Estado: 'Cancelado',
      EsCancelable: 'No cancelable',
      EstatusCancelacion: 'Cancelado sin aceptación',
    });
    const mismatch = readAnswer(
      (await soapPost(sim, 'consulta', envelope(expression40({ ...of(active), rr: 'XEXX010101000' })))).body,
    );
    expect(mismatch.values.CodigoEstatus).toBe(CODIGO_ESTATUS.notFound);
    expect((await admin(sim, 'DELETE', `/cfdi-status/${active.uuid}`)).status).toBe(200);
    const back = readAnswer((await soapPost(sim, 'consulta', envelope(expression40(of(active))))).body);
    expect(back.values.Estado).toBe('Vigente');
  });

  it('the admin API rejects unknown strings', async () => {
    const response = await admin<{ error: string }>(sim, 'POST', '/cfdi-status', {
      uuid: active.uuid,
      estado: 'Activo',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('estado');
  });

  it('fault injection applies to consulta (http500, soapFault, latency, timeout)', async () => {
    const body = envelope(expression40(of(active)));
    await admin(sim, 'POST', '/faults', { operation: 'consulta', kind: 'http500' });
    const iis = await soapPost(sim, 'consulta', body);
    expect(iis.status).toBe(500);
    expect(iis.body).toContain('500 - Internal server error.');
    await admin(sim, 'POST', '/faults', { operation: 'consulta', kind: 'soapFault' });
    expect((await soapPost(sim, 'consulta', body)).body).toContain('a:InternalServiceFault');
    await admin(sim, 'POST', '/faults', { operation: 'consulta', kind: 'latency', ms: 150 });
    const started = Date.now();
    expect((await soapPost(sim, 'consulta', body)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await admin(sim, 'POST', '/faults', { operation: 'consulta', kind: 'timeout' });
    await expect(soapPost(sim, 'consulta', body, undefined, 200)).rejects.toThrow();
    expect((await soapPost(sim, 'consulta', body)).status).toBe(200);
  });
});

describe('parseConsultaExpression', () => {
  it('reads &amp; inside RFCs, keys in any order, fe with + and /', () => {
    expect(
      parseConsultaExpression(
        'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?re=A&amp;B010101AB1&id=cee4be01-adfa-4deb-8421-add60f0bedac&rr=DIM8701081LA&tt=2010.01&fe=/OAgd+==',
      ),
    ).toEqual({
      uuid: 'CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC',
      rfcEmisor: 'A&B010101AB1',
      rfcReceptor: 'DIM8701081LA',
      total: '2010.01',
      sealTail: '/OAgd+==',
    });
  });
});
