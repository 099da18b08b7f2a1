import { describe, expect, it } from 'vitest';
import { parseXml } from '../soap/xml.js';
import { validateQuery } from './solicita-rules.js';

const NOW = '2026-11-25T10:00:00';
const RFC = 'EKU9003173C9';

function solicitud(attrs: Record<string, string>, children = '') {
  const list = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const doc = parseXml(
    `<des:solicitud xmlns:des="http://DescargaMasivaTerceros.sat.gob.mx"${list}>${children}</des:solicitud>`,
  );
  return doc.documentElement!;
}

const issued = {
  EstadoComprobante: 'Todos',
  FechaInicial: '2026-01-01T00:00:00',
  FechaFinal: '2026-01-31T23:59:59',
  RfcEmisor: RFC,
  RfcSolicitante: RFC,
  TipoSolicitud: 'CFDI',
};
const received = { ...issued, RfcEmisor: 'AAA010101AAA', RfcReceptor: RFC, EstadoComprobante: 'Vigente' };

function code(op: 'emitidos' | 'recibidos' | 'folio', attrs: Record<string, string>, children = '') {
  const result = validateQuery(op, solicitud(attrs, children), RFC, NOW);
  return result.ok ? 5000 : result.answer.code;
}

describe('SolicitaDescarga v1.5 rules', () => {
  it('accepts well-formed Emitidos, Recibidos and Folio queries', () => {
    expect(code('emitidos', issued)).toBe(5000);
    expect(code('recibidos', received)).toBe(5000);
    expect(code('folio', { Folio: '96623061-61fe-49de-b298-c7156476aa8b', RfcSolicitante: RFC })).toBe(5000);
  });

  it('answers 303 when the certificate RFC is not the requester', () => {
    expect(code('emitidos', { ...issued, RfcEmisor: 'AAA010101AAA' })).toBe(303);
    expect(code('recibidos', { ...received, RfcReceptor: 'AAA010101AAA' })).toBe(303);
    expect(code('emitidos', { ...issued, RfcSolicitante: 'AAA010101AAA' })).toBe(303);
    expect(
      code('folio', { Folio: '96623061-61fe-49de-b298-c7156476aa8b', RfcSolicitante: 'AAA010101AAA' }),
    ).toBe(303);
  });

  it('requires FechaInicial < FechaFinal and a start within the last six years', () => {
    expect(code('emitidos', { ...issued, FechaFinal: issued.FechaInicial })).toBe(301);
    expect(code('emitidos', { ...issued, FechaInicial: '2026-02-01T00:00:00' })).toBe(301);
    expect(code('emitidos', { ...issued, FechaInicial: '2020-11-25T00:00:00' })).toBe(5000);
    expect(code('emitidos', { ...issued, FechaInicial: '2020-11-24T23:59:59' })).toBe(301);
    expect(code('emitidos', { ...issued, FechaInicial: '2026-02-30T00:00:00' })).toBe(301);
    expect(code('emitidos', { ...issued, FechaInicial: '2026-01-01' })).toBe(301);
  });

  it('rejects Recibidos + CFDI unless Vigente, with the production message', () => {
    for (const status of ['Todos', 'Cancelado', undefined]) {
      const attrs: Record<string, string> = { ...received };
      if (status) attrs.EstadoComprobante = status;
      else delete attrs.EstadoComprobante;
      const result = validateQuery('recibidos', solicitud(attrs), RFC, NOW);
      expect(result).toMatchObject({
        ok: false,
        answer: {
          code: 301,
          message:
            'XML Mal Formado:La solicitud de descarga no es válida. No se permite la descarga de xml que se encuentren cancelados.',
        },
      });
    }
    expect(code('recibidos', { ...received, EstadoComprobante: 'Todos', TipoSolicitud: 'Metadata' })).toBe(
      5000,
    );
  });

  it('allows at most five RfcReceptores', () => {
    const receptors = (n: number) =>
      `<des:RfcReceptores>${Array.from({ length: n }, (_, i) => `<des:RfcReceptor>AAA01010${i}AAA</des:RfcReceptor>`).join('')}</des:RfcReceptores>`;
    expect(code('emitidos', issued, receptors(5))).toBe(5000);
    expect(code('emitidos', issued, receptors(6))).toBe(301);
  });

  it('takes Folio alone', () => {
    const folio = { Folio: '96623061-61fe-49de-b298-c7156476aa8b', RfcSolicitante: RFC };
    expect(code('folio', { ...folio, TipoSolicitud: 'CFDI' })).toBe(301);
    expect(code('folio', { ...folio, Folio: 'not-a-uuid' })).toBe(301);
  });

  it('rejects values outside the catalogues and lower-case RFCs', () => {
    expect(code('emitidos', { ...issued, TipoSolicitud: 'PDF' })).toBe(301);
    expect(code('emitidos', { ...issued, TipoComprobante: 'X' })).toBe(301);
    expect(code('emitidos', { ...issued, EstadoComprobante: '1' })).toBe(301);
    expect(code('emitidos', { ...issued, Complemento: 'nomina99' })).toBe(301);
    expect(code('emitidos', { ...issued, Complemento: 'nomina12', TipoComprobante: 'N' })).toBe(5000);
    expect(code('recibidos', { ...received, RfcEmisor: 'aaa010101aaa' })).toBe(301);
  });

  it('builds the universe filter from the request, SAT default status Vigente', () => {
    const attrs: Record<string, string> = { ...issued, TipoSolicitud: 'Metadata' };
    delete attrs.EstadoComprobante;
    const result = validateQuery('emitidos', solicitud(attrs), RFC, NOW);
    expect(result).toMatchObject({
      ok: true,
      filter: {
        requesterRfc: RFC,
        direction: 'issued',
        kind: 'metadata',
        status: 'Vigente',
        from: issued.FechaInicial,
      },
    });
  });
});
