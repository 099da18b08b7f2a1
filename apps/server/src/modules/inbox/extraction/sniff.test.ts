import { describe, expect, it } from 'vitest';
import { sniffType } from './sniff.js';
import { fixture, repoCfdi } from './testing/fixtures.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('sniffType', () => {
  it('types by content, whatever the name', () => {
    expect(sniffType(fixture('cfdiutils-cfdi40-real.pdf'))).toBe('pdf');
    expect(sniffType(bytes(`junk before the header\n%PDF-1.7\n`))).toBe('pdf');
    expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffType(new Uint8Array())).toBe('empty');
    expect(sniffType(bytes(' \n\t'))).toBe('empty');
    expect(sniffType(bytes('PK\x03\x04zip'))).toBe('unsupported');
    expect(sniffType(bytes('hello'))).toBe('unsupported');
  });

  it('accepts only a Comprobante in the cfd/3 or cfd/4 namespace as CFDI XML', () => {
    expect(sniffType(repoCfdi('cfdiutils-cfdi40-real.xml'))).toBe('xml');
    expect(sniffType(repoCfdi('nodecfdi-cfdi33-valid.xml'))).toBe('xml');
    expect(sniffType(repoCfdi('phpcfdi-cfdi32-aerolineas.xml'))).toBe('xml');
    // BOM and comments before the root (the CryptoSys template).
    expect(sniffType(repoCfdi('satcfdi-cfdv40-ejemplo-signed-tfd.xml'))).toBe('xml');
    expect(sniffType(repoCfdi('nodecfdi-retenciones10-valid.xml'))).toBe('other-xml');
    expect(sniffType(bytes('<?xml version="1.0"?><x:Comprobante xmlns:x="urn:other"/>'))).toBe('other-xml');
    expect(sniffType(bytes('<html><body/></html>'))).toBe('other-xml');
    expect(sniffType(bytes('<c:Comprobante xmlns:c="http://www.sat.gob.mx/cfd/4" Version="4.0"/>'))).toBe(
      'xml',
    );
  });
});
