import { errorCatalogue, errorCodes } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { describeError } from './describe-error.js';
import { en } from './en.js';
import { esMX } from './es-MX.js';

const refused = (code: string, status = 422) =>
  new ApiError({ type: 'about:blank', title: 'Unprocessable', status, code, detail: 'English detail' });

describe('error texts', () => {
  it('every code the API can answer is shown by its code, in Spanish and in English', () => {
    expect(errorCodes.length).toBeGreaterThan(50);
    for (const code of errorCodes) {
      const entry = errorCatalogue[code];
      expect(entry.text.es.length, code).toBeGreaterThan(5);
      expect(entry.text.en.length, code).toBeGreaterThan(5);
      expect(entry.when.length, code).toBeGreaterThan(5);
      expect(describeError(refused(code, entry.status), esMX).message).toBe(entry.text.es);
      expect(describeError(refused(code, entry.status), en).message).toBe(entry.text.en);
    }
  });

  it('shows the e.firma refusals in Spanish', () => {
    expect(describeError(refused('EFIRMA_IS_CSD'), esMX)).toEqual({
      message: 'Este es un CSD (sello digital), no una e.firma. Sube los archivos de la e.firma (FIEL).',
      detail: undefined,
      requestId: undefined,
    });
  });

  it('adds the English server detail only in English, and falls back to the server text for unknown codes', () => {
    expect(describeError(refused('PERIOD_IN_FUTURE'), esMX).message).toBe('El periodo empieza en el futuro.');
    expect(describeError(refused('YEAR_OUT_OF_RANGE'), esMX)).toMatchObject({
      message: 'El SAT no entrega ese año.',
      detail: undefined,
    });
    expect(describeError(refused('YEAR_OUT_OF_RANGE'), en)).toMatchObject({
      message: 'The SAT does not serve that year.',
      detail: 'English detail',
    });
    expect(describeError(refused('SOMETHING_NEW'), esMX).message).toBe('English detail');
  });
});
