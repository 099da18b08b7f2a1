import { describe, expect, it } from 'vitest';
import { compilePath, compileTemplate, readPath, TemplateError } from './template.js';

const doc = {
  uuid: 'b7e5b1a0-2a3c-4f1e-9a8b-1c2d3e4f5a6b',
  total: '11600.5',
  fecha: '2026-11-30T12:15:00',
  emisor: { rfc: 'eku9003173c9', nombre: 'ESCUELA KEMPER URGATE' },
  conceptos: [
    { descripcion: 'Servicio', importe: '10000.00' },
    { descripcion: 'Envío', importe: '0.50' },
  ],
  moneda: null,
};

describe('push mapping template', () => {
  it('renders typed single placeholders, interpolated strings, filters and constants', () => {
    const t = compileTemplate({
      uuid: '{{uuid | upper}}',
      rfc_emisor: '{{ emisor.rfc | upper }}',
      total: '{{total | fixed:"2"}}',
      total_number: '{{total | number}}',
      date: '{{fecha | date}}',
      note: 'Factura {{uuid}} de {{emisor.nombre}}',
      currency: '{{moneda | default:"MXN"}}',
      emisor: '{{emisor}}',
      missing: '{{nowhere.at.all}}',
      source: 'boveda',
      active: true,
      count: 2,
    });
    expect(t.render(doc)).toEqual({
      uuid: 'B7E5B1A0-2A3C-4F1E-9A8B-1C2D3E4F5A6B',
      rfc_emisor: 'EKU9003173C9',
      total: '11600.50',
      total_number: 11600.5,
      date: '2026-11-30',
      note: 'Factura b7e5b1a0-2a3c-4f1e-9a8b-1c2d3e4f5a6b de ESCUELA KEMPER URGATE',
      currency: 'MXN',
      emisor: { rfc: 'eku9003173c9', nombre: 'ESCUELA KEMPER URGATE' },
      missing: null,
      source: 'boveda',
      active: true,
      count: 2,
    });
  });

  it('maps arrays with $each, reading the item first and the document through $root', () => {
    const t = compileTemplate({
      lines: { $each: 'conceptos', as: { n: '{{$index}}', text: '{{descripcion}}', doc: '{{$root.uuid}}' } },
    });
    expect(t.render(doc)).toEqual({
      lines: [
        { n: 0, text: 'Servicio', doc: doc.uuid },
        { n: 1, text: 'Envío', doc: doc.uuid },
      ],
    });
    expect(compileTemplate({ lines: { $each: 'nothing', as: '{{x}}' } }).render(doc)).toEqual({ lines: [] });
  });

  it('rounds money on digits, never through floats', () => {
    const t = compileTemplate([
      '{{a | fixed:"2"}}',
      '{{b | fixed:"2"}}',
      '{{c | fixed:"0"}}',
      '{{d | fixed:"2"}}',
    ]);
    expect(t.render({ a: '0.125', b: '-2.005', c: '9.5', d: '1.1' })).toEqual([
      '0.13',
      '-2.01',
      '10',
      '1.10',
    ]);
  });

  it('refuses unclosed placeholders, unknown filters, bad $each and bad paths, saying where', () => {
    const bad: [unknown, RegExp][] = [
      [{ a: '{{uuid' }, /a: a \{\{ is not closed/],
      [{ a: { b: '{{uuid | shout}}' } }, /a\.b: unknown filter "shout"/],
      [{ a: '{{total | fixed}}' }, /needs an argument/],
      [{ a: '{{total | upper:"x"}}' }, /takes no argument/],
      [{ a: '{{ total; drop }}' }, /not a field path/],
      [{ a: { $each: 'conceptos' } }, /\$each takes/],
    ];
    for (const [template, message] of bad) {
      expect(() => compileTemplate(template)).toThrow(TemplateError);
      expect(() => compileTemplate(template)).toThrow(message);
    }
  });

  it('encodes path placeholders and reads answers by dotted path', () => {
    expect(compilePath('/api/invoices/{{emisor.nombre}}').render(doc)).toBe(
      '/api/invoices/ESCUELA%20KEMPER%20URGATE',
    );
    expect(readPath({ data: { id: 'INV-1' } }, 'data.id')).toBe('INV-1');
    expect(readPath({ items: [{ id: 7 }] }, 'items.0.id')).toBe(7);
    expect(readPath(['x'], '')).toEqual(['x']);
  });
});
