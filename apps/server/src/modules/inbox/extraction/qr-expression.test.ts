import { describe, expect, it } from 'vitest';
import { parseQrExpression } from './qr-expression.js';

const BASE = 'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx';

describe('parseQrExpression', () => {
  it('reads the CFDI 3.3/4.0 form and keeps the + of fe (URLSearchParams would make it a space)', () => {
    const raw = `${BASE}?id=C2832671-DA6D-11EF-A83D-00155D012007&re=ISD950921HE5&rr=COSC8001137NA&tt=1000.0&fe=+b/a9Q==`;
    expect(parseQrExpression(raw)).toEqual({
      uuid: 'C2832671-DA6D-11EF-A83D-00155D012007',
      rfcEmisor: 'ISD950921HE5',
      rfcReceptor: 'COSC8001137NA',
      total: '1000.00',
      sealTail: '+b/a9Q==',
      raw,
    });
  });

  it('reads the 3.2 form: re first, zero-padded total, no fe', () => {
    const q = parseQrExpression(
      '?re=AAA010101AAA&rr=COSC8001137NA&tt=0000014300.000000&id=9fb6ed1a-5f37-4fef-980a-7f8c83b51894',
    );
    expect(q).toMatchObject({
      uuid: '9FB6ED1A-5F37-4FEF-980A-7F8C83B51894',
      total: '14300.00',
      sealTail: null,
    });
  });

  it('accepts lower-case UUIDs, any order, default.aspx&id= without "?" and upper-case names', () => {
    const q = parseQrExpression(
      `${BASE}&tt=16621.52&ID=6d7434a6-e3f2-47ad-9e4c-08849946afa0&RR=KIJ0906199R1&re=XIQB891116QE4&fe=0uwA0g==`,
    );
    expect(q).toMatchObject({
      uuid: '6D7434A6-E3F2-47AD-9E4C-08849946AFA0',
      rfcEmisor: 'XIQB891116QE4',
      rfcReceptor: 'KIJ0906199R1',
      total: '16621.52',
      sealTail: '0uwA0g==',
    });
  });

  it('keeps an RFC holding & whole, XML-escaped or percent-encoded', () => {
    const uuid = '6d7434a6-e3f2-47ad-9e4c-08849946afa0';
    expect(
      parseQrExpression(`${BASE}?id=${uuid}&re=H&amp;E951128469&rr=KIJ0906199R1&tt=0.0&fe=cFJp/g==`),
    ).toMatchObject({
      rfcEmisor: 'H&E951128469',
      total: '0.00',
    });
    expect(parseQrExpression(`${BASE}?id=${uuid}&re=H%26E951128469&rr=KIJ0906199R1&tt=1`)?.rfcEmisor).toBe(
      'H&E951128469',
    );
  });

  it('returns null for other QRs and broken expressions', () => {
    expect(parseQrExpression('https://example.com/?id=1')).toBeNull();
    expect(parseQrExpression(`${BASE}?id=not-a-uuid&re=ISD950921HE5&rr=COSC8001137NA&tt=1`)).toBeNull();
    expect(
      parseQrExpression(`${BASE}?id=C2832671-DA6D-11EF-A83D-00155D012007&re=ISD950921HE5&rr=COSC8001137NA`),
    ).toBeNull();
  });
});
