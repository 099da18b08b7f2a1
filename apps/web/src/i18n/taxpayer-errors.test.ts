import { taxpayerErrorMessages } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { describeError } from './describe-error.js';
import { en } from './en.js';
import { esMX } from './es-MX.js';

const refused = (code: string) =>
  new ApiError({ type: 'about:blank', title: 'Unprocessable', status: 422, code, detail: 'English detail' });

describe('e.firma and SAT errors', () => {
  it('every e.firma refusal is shown by its code, in Spanish and in English', () => {
    for (const [code, text] of Object.entries(taxpayerErrorMessages)) {
      expect(describeError(refused(code), esMX).message).toBe(text.es);
      expect(describeError(refused(code), en).message).toBe(text.en);
    }
    expect(describeError(refused('EFIRMA_IS_CSD'), esMX)).toEqual({
      message: 'Este es un CSD (sello digital), no una e.firma. Sube los archivos de la e.firma (FIEL).',
      detail: undefined,
      requestId: undefined,
    });
  });

  it('SAT request codes have Spanish text, with the server detail where it names the range', () => {
    expect(describeError(refused('PERIOD_IN_FUTURE'), esMX).message).toBe('El periodo empieza en el futuro.');
    expect(describeError(refused('YEAR_OUT_OF_RANGE'), esMX)).toMatchObject({
      message: 'El SAT no entrega ese año.',
      detail: 'English detail',
    });
  });
});
