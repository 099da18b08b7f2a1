import { describe, expect, it } from 'vitest';
import { SecretBoxInputError } from './crypto.errors.js';
import { normalize } from './normalizers.js';

const DECOMPOSED_E = 'e\u0301'; // "é" as e + combining acute accent
const DECOMPOSED_N = 'N\u0303'; // "Ñ" as N + combining tilde

function refusal(fn: () => unknown): SecretBoxInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxInputError);
    return error as SecretBoxInputError;
  }
  throw new Error('expected a refusal');
}

describe('blind-index normalizers', () => {
  it('email: one spelling per address (case, spaces, Unicode form, IDN domain)', () => {
    const one = 'ana.pérez+facturas@example.com';
    for (const spelling of [
      '  Ana.Pérez+Facturas@Example.COM ',
      `ana.p${DECOMPOSED_E}rez+facturas@example.com`,
      '\u00a0ana.pérez+facturas@example.com\t',
    ])
      expect(normalize.email(spelling)).toBe(one);
    expect(normalize.email('Luis@Bücher.MX')).toBe('luis@xn--bcher-kva.mx');
    expect(normalize.email('luis@xn--bcher-kva.mx')).toBe('luis@xn--bcher-kva.mx');
  });

  it("email: keeps Gmail's dots and +tags, which are one provider's rule", () => {
    expect(normalize.email('a.b@gmail.com')).not.toBe(normalize.email('ab@gmail.com'));
    expect(normalize.email('ab+tienda@gmail.com')).not.toBe(normalize.email('ab@gmail.com'));
  });

  it('email: refuses what has no local part or domain, without echoing it', () => {
    for (const bad of ['ana.perez.example.com', '@example.com', 'ana@', '   ']) {
      expect(refusal(() => normalize.email(bad)).message).not.toContain('ana');
    }
  });

  it('phone: every common way of writing a Mexican number gives the same E.164', () => {
    const one = '+525512345678';
    for (const spelling of [
      '5512345678',
      '55 1234 5678',
      '(55) 1234-5678',
      '55.1234.5678',
      '+52 55 1234 5678',
      '+52 1 55 1234 5678', // mobile from abroad, before 2019
      '0052 55 1234 5678',
      '52 55 1234 5678',
      '521 55 1234 5678',
      '044 55 1234 5678', // local mobile prefix, before 2019
      '045 55 1234 5678',
      '01 55 1234 5678', // long distance, before 2019
      '５５ １２３４ ５６７８', // full-width digits
    ])
      expect(normalize.phoneMx(spelling), spelling).toBe(one);
  });

  it('phone: keeps other countries as dialled, and refuses what is not a number', () => {
    expect(normalize.phoneMx('+1 (415) 555-0100')).toBe('+14155550100');
    expect(normalize.phoneMx('0034 912 345 678')).toBe('+34912345678');
    for (const bad of [
      '55 1234 567',
      '55 1234 5678 ext 12',
      'Tel. 55 1234 5678',
      '+52 55 1234 56789',
      'teléfono',
      '+12',
    ]) {
      const message = refusal(() => normalize.phoneMx(bad)).message;
      expect(message).not.toContain('1234');
    }
  });

  it('RFC: upper-case, no spaces or dashes, precomposed Ñ', () => {
    expect(normalize.rfc(' xaxx-010101-000 ')).toBe('XAXX010101000');
    expect(normalize.rfc(`pe${DECOMPOSED_N.toLowerCase()}a800101ab1`)).toBe('PEÑA800101AB1');
    expect(normalize.rfc(`PE${DECOMPOSED_N}A800101AB1`)).toBe('PEÑA800101AB1');
  });
});
