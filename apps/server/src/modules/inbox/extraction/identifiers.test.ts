import { describe, expect, it } from 'vitest';
import { correctRfc, correctUuid, findRfcs, findUuids, isValidRfc, isValidUuid } from './identifiers.js';

describe('RFC', () => {
  it('accepts morales, físicas, generic and & / Ñ RFCs; rejects bad dates', () => {
    for (const rfc of [
      'ISD950921HE5',
      'COSC8001137NA',
      'XAXX010101000',
      'H&E951128469',
      'AAA010101AAA',
      'ÑÑÑ010101AA1',
    ]) {
      expect(isValidRfc(rfc), rfc).toBe(true);
    }
    for (const rfc of ['ISD951321HE5', 'ISD950231HE5', 'IS950921HE5', 'ISD950921HE', 'isd950921he5']) {
      expect(isValidRfc(rfc), rfc).toBe(false);
    }
  });

  it('fixes the OCR errors measured in docs/inbox-extraction.md §2.3 by position', () => {
    expect(correctRfc('1SD950921HE5')).toBe('ISD950921HE5');
    expect(correctRfc('15D950921HE5')).toBe('ISD950921HE5');
    expect(correctRfc('URE18O429TM6')).toBe('URE180429TM6');
    expect(correctRfc('C0SC8OO1137NA')).toBe('COSC8001137NA');
    expect(correctRfc('EKU9OO3173C9')).toBe('EKU9003173C9');
  });

  it('leaves what it cannot fix unambiguously', () => {
    // §3.2's insertion "EKU…→EKXU…" gives a well-formed persona-física RFC: no format rule can see
    // it, only the QR (merge) or a known supplier can.
    expect(correctRfc('EKXU9003173C9')).toBe('EKXU9003173C9');
    expect(correctRfc('EKXU9O03173C9')).toBe('EKXU9003173C9');
    expect(correctRfc('ISD951321HE5')).toBeNull();
    expect(correctRfc('hello')).toBeNull();
  });

  it('finds RFCs in OCR text, corrected, without repeats', () => {
    expect(findRfcs('RFC: 1SD950921HE5  RFC receptor C0SC8001137NA; again ISD950921HE5')).toEqual([
      'ISD950921HE5',
      'COSC8001137NA',
    ]);
  });
});

describe('UUID', () => {
  it('validates 8-4-4-4-12 hex in any case (v1 UUIDs included)', () => {
    expect(isValidUuid('c2832671-da6d-11ef-a83d-00155d012007')).toBe(true);
    expect(isValidUuid('C2832671-DA6D-11EF-A83D-00155D01200')).toBe(false);
    expect(isValidUuid('G2832671-DA6D-11EF-A83D-00155D012007')).toBe(false);
  });

  it('fixes non-hex look-alikes and spaced dashes; refuses insertions', () => {
    expect(correctUuid('C2832671-DA6D-11EF-A83D-OO155D012OO7')).toBe('C2832671-DA6D-11EF-A83D-00155D012007');
    expect(correctUuid('6F35D3B5 - 3651-5370-BC2C-14CDBE384CD7')).toBe(
      '6F35D3B5-3651-5370-BC2C-14CDBE384CD7',
    );
    expect(correctUuid('6F35D3B5-3651-S370-BC2C-14CDBE384CD7')).toBe('6F35D3B5-3651-5370-BC2C-14CDBE384CD7');
    // §3.2: Tesseract read "…2E8D0A1F3C45" as "…2E8SDOA1F3C45": one glyph too many.
    expect(correctUuid('5A1B7C3D-1111-2222-3333-2E8SDOA1F3C45')).toBeNull();
  });

  it('finds UUIDs with their position', () => {
    const text = 'Folio fiscal: 6f35d3b5-3651-5370-bc2c-14cdbe384cd7';
    expect(findUuids(text)).toEqual([{ uuid: '6F35D3B5-3651-5370-BC2C-14CDBE384CD7', index: 14 }]);
  });
});
