import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CreateSatRequestBody,
  createSatRequestBody,
  rfcParams,
  type SatRequestListQuery,
  satRequestListQuery,
  taxpayerPage,
} from '../index.js';

describe('route schemas', () => {
  it('reads an RFC path parameter in any case and refuses what is not an RFC', () => {
    expect(rfcParams.parse({ rfc: ' eku9003173c9 ' })).toEqual({ rfc: 'EKU9003173C9' });
    expect(rfcParams.parse({ rfc: 'ÑAÑ&010101AB1' }).rfc).toBe('ÑAÑ&010101AB1');
    for (const rfc of ['', 'EKU9003173C', 'EKU900317-3C9', 'NOPE'])
      expect(rfcParams.safeParse({ rfc }).success).toBe(false);
  });

  it('fills the defaults a client may leave out, and types the body as the client writes it', () => {
    expect(createSatRequestBody.parse({ folio: 'x' })).toEqual({ type: 'cfdi', filters: {}, folio: 'x' });
    expect(createSatRequestBody.safeParse({ filters: { unknown: 1 } }).success).toBe(false);
    expectTypeOf<CreateSatRequestBody['type']>().toEqualTypeOf<'cfdi' | 'metadata' | undefined>();
  });

  it('coerces query numbers and checks the state against the catalogue', () => {
    expect(satRequestListQuery.parse({ year: '2024', limit: '10' })).toEqual({ year: 2024, limit: 10 });
    expect(satRequestListQuery.safeParse({ state: 'lost' }).success).toBe(false);
    expectTypeOf<SatRequestListQuery['year']>().toEqualTypeOf<number | undefined>();
  });

  it('answers every list in the same envelope', () => {
    expect(taxpayerPage.safeParse({ items: [] }).success).toBe(false);
    expect(taxpayerPage.parse({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: null });
  });
});
