import { describe, expect, it } from 'vitest';
import { parseCfdi } from './parse-cfdi.js';
import { readFixture } from './testing/fixtures.js';
import { CFDI_OPEN, cfdiAround as cfdi, TFD } from './testing/hostile-inputs.js';

// Hostile XML: every case ends in a typed CfdiParseError (or a safe parse), never a crash or a hang.
const codeOf = (input: Buffer | string, options?: Parameters<typeof parseCfdi>[1]): string => {
  try {
    parseCfdi(input, options);
    return 'parsed';
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped: ${String(e)}`;
  }
};

describe('hostile XML corpus (test-fixtures/hostile)', () => {
  it.each([
    ['xxe-external-entity.xml', 'DTD_FORBIDDEN'],
    ['xxe-parameter-entity.xml', 'DTD_FORBIDDEN'],
    ['billion-laughs.xml', 'DTD_FORBIDDEN'],
    ['doctype-only.xml', 'DTD_FORBIDDEN'],
    ['wrong-root.xml', 'NOT_CFDI'],
    ['cfdi-without-tfd.xml', 'MISSING_UUID'],
    ['two-tfd.xml', 'MULTIPLE_TFD'],
    ['truncated.xml', 'XML_MALFORMED'],
    ['latin1-undeclared.xml', 'NOT_UTF8'],
  ])('%s → %s', (file, code) => {
    expect(codeOf(readFixture(`hostile/${file}`))).toBe(code);
  });

  it('latin1-declared.xml: ISO-8859-1 declared is decoded as such', () => {
    const c = parseCfdi(readFixture('hostile/latin1-declared.xml'));
    expect([c.version, c.emisor.nombre, c.receptor.rfc]).toEqual(['3.2', 'Compañía Peña', 'E&Ñ831019M53']);
  });
});

describe('hostile XML, generated', () => {
  it('empty and whitespace-only files → EMPTY_FILE', () => {
    expect(codeOf(Buffer.alloc(0))).toBe('EMPTY_FILE');
    expect(codeOf('')).toBe('EMPTY_FILE');
    expect(codeOf(Buffer.from('\uFEFF  \r\n\t '))).toBe('EMPTY_FILE');
  });

  it('100,000 nested elements → XML_TOO_DEEP, no stack overflow', () => {
    const deep = `${CFDI_OPEN}${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</cfdi:Comprobante>`;
    expect(codeOf(deep)).toBe('XML_TOO_DEEP');
  });

  it('a 21 MB attribute → FILE_TOO_LARGE before parsing; a 5 MB one parses', () => {
    expect(codeOf(Buffer.from(cfdi(`<cfdi:Receptor Nombre="${'A'.repeat(21 * 1024 * 1024)}"/>`)))).toBe(
      'FILE_TOO_LARGE',
    );
    const c = parseCfdi(cfdi(`<cfdi:Receptor Rfc="XAXX010101000" Nombre="${'A'.repeat(5 * 1024 * 1024)}"/>`));
    expect(c.receptor.nombre?.length).toBe(5 * 1024 * 1024);
  });

  it('invalid UTF-8 bytes → NOT_UTF8; an undeclared legacy encoding → UNSUPPORTED_ENCODING', () => {
    const bytes = Buffer.concat([
      Buffer.from(cfdi('<cfdi:Receptor Nombre="')),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"/>'),
    ]);
    expect(codeOf(bytes)).toBe('NOT_UTF8');
    expect(codeOf(Buffer.from(`<?xml version="1.0" encoding="Shift_JIS"?>${cfdi('')}`))).toBe(
      'UNSUPPORTED_ENCODING',
    );
  });

  it('UTF-8 BOM and UTF-16 with BOM are accepted', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cfdi(''), 'utf16le')]);
    expect(codeOf(utf16)).toBe('parsed');
    expect(codeOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cfdi(''))]))).toBe('parsed');
  });

  it('DOCTYPE after a comment, or a bare ENTITY declaration → DTD_FORBIDDEN; the word inside a comment is fine', () => {
    expect(codeOf(`<!-- hi --><!DOCTYPE x [<!ENTITY a "b">]>${cfdi('')}`)).toBe('DTD_FORBIDDEN');
    expect(codeOf(`${CFDI_OPEN}<!ENTITY a "b">${TFD}</cfdi:Comprobante>`)).toBe('DTD_FORBIDDEN');
    expect(codeOf(`<!-- <!DOCTYPE x> -->${cfdi('<![CDATA[<!ENTITY not-a-decl>]]>')}`)).toBe('parsed');
  });

  it('an undeclared entity stays literal (no lookup, no expansion)', () => {
    const c = parseCfdi(cfdi('<cfdi:Receptor Rfc="XAXX010101000" Nombre="&xxe; &#0; &#x41;"/>'));
    expect(c.receptor.nombre).toBe('&xxe; &#0; A');
  });

  it('unterminated or pathological markup ends quickly in XML_MALFORMED or a parse, never a hang', () => {
    const n = 5 * 1024 * 1024;
    for (const xml of [
      `${CFDI_OPEN}<!--${'-'.repeat(n)}`,
      `${CFDI_OPEN}<![CDATA[${']'.repeat(n)}`,
      `${CFDI_OPEN}<?pi ${'"x" ?'.repeat(n / 5)}`,
      `${CFDI_OPEN}<cfdi:Receptor Nombre="${'x'.repeat(n)}`,
      `${CFDI_OPEN}<cfdi:Receptor${' Nombre="x"'.repeat(n / 11)}`,
      `${CFDI_OPEN}${'<'.repeat(n)}`,
      `${CFDI_OPEN}${'<a/>'.repeat(n / 4)}`,
    ]) {
      expect(codeOf(xml)).toBe('XML_MALFORMED');
    }
    // Entity references are resolved in one pass, even with millions of '&' before a ';'.
    const amps = parseCfdi(cfdi(`<cfdi:Receptor Rfc="XAXX010101000" Nombre="${'&'.repeat(n)};&amp;"/>`));
    expect(amps.receptor.nombre).toBe(`${'&'.repeat(n)};&`);
    // A million comments inside one text, a million siblings.
    expect(codeOf(cfdi(`<cfdi:Addenda>${'a<!---->'.repeat(1_000_000)}</cfdi:Addenda>`))).toBe('parsed');
    expect(codeOf(cfdi(`<cfdi:Addenda>${'<x a="1"/>'.repeat(1_000_000)}</cfdi:Addenda>`))).toBe('parsed');
  }, 20_000);

  it('prototype-polluting names are refused', () => {
    expect(codeOf(cfdi('<__proto__ polluted="yes"/>'))).toBe('XML_MALFORMED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('two root elements, or text instead of XML → XML_MALFORMED', () => {
    expect(codeOf(`${cfdi('')}${cfdi('')}`)).toBe('XML_MALFORMED');
    expect(codeOf('This is not an XML file')).toBe('XML_MALFORMED');
  });

  it('a TFD UUID that is not a UUID → INVALID_UUID; a non-decimal Total → INVALID_AMOUNT', () => {
    expect(codeOf(cfdi('').replace('00000000-0000-4000-8000-000000000001', "1' OR '1'='1"))).toBe(
      'INVALID_UUID',
    );
    expect(codeOf(cfdi('').replace('Total="1.00"', 'Total="1e308"'))).toBe('INVALID_AMOUNT');
  });

  it('unsupported CFDI versions → UNSUPPORTED_VERSION', () => {
    expect(codeOf(cfdi('').replace('http://www.sat.gob.mx/cfd/4', 'http://www.sat.gob.mx/cfd/2'))).toBe(
      'UNSUPPORTED_VERSION',
    );
    expect(codeOf(cfdi('').replace('/cfd/4" Version="4.0"', '/cfd/3" version="3.0"'))).toBe(
      'UNSUPPORTED_VERSION',
    );
    expect(codeOf(cfdi('').replace('Version="4.0"', 'Version="9.9"'))).toBe('UNSUPPORTED_VERSION');
  });
});
