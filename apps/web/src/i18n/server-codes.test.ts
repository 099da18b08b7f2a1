import { passwordRuleCodes, validationIssueCodes } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import type { Messages } from './es-MX.js';
import { esMX } from './es-MX.js';

/**
 * Every code the server sends for the web to say in words (besides the error catalogue, checked in
 * error-texts.test.ts): the lists come from @boveda/contracts, which the server uses too, so a
 * code added there without its Spanish and English text fails here.
 */
const catalogues: [string, Messages][] = [
  ['es-MX', esMX],
  ['en', en],
];

// Params that fill every placeholder the texts use, so no text renders "undefined".
const sampleParams = {
  min: 3,
  max: 9,
  origin: 'string',
  divisor: 5,
  allowed: ['a', 'b'],
  keys: ['extra'],
  field: 'to',
  format: 'regex',
  minLength: 10,
};

function expectText(code: string, text: string) {
  expect(text.trim().length, code).toBeGreaterThan(3);
  expect(text, code).not.toBe(code);
  expect(text, code).not.toMatch(/undefined|NaN|\[object/);
}

describe('texts of the server codes', () => {
  it.each(catalogues)('%s: every validation issue code', (_, t) => {
    expect(validationIssueCodes.length).toBeGreaterThan(15);
    for (const code of validationIssueCodes) expectText(code, t.validation.issues[code](sampleParams));
  });

  it.each(catalogues)('%s: every password rule code', (_, t) => {
    for (const code of passwordRuleCodes) expectText(code, t.validation.passwordRules[code](sampleParams));
  });

  it('the Spanish texts are not the English ones', () => {
    for (const code of validationIssueCodes)
      expect(esMX.validation.issues[code](sampleParams), code).not.toBe(
        en.validation.issues[code](sampleParams),
      );
  });
});
