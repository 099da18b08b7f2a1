import { describe, expect, it } from 'vitest';
import { parseQuery } from './cfdi.search.sql.js';

const UUID = 'c2832671-da6d-11ef-a83d-00155d012007';

describe('parseQuery: what the CFDI search box holds', () => {
  it('reads a UUID in any case, with or without dashes, with spaces around', () => {
    for (const q of [
      UUID,
      UUID.toUpperCase(),
      '  c2832671da6d11efa83d00155d012007 ',
      `\t${UUID.toUpperCase()}\n`,
    ]) {
      expect(parseQuery(q), q).toEqual({ kind: 'uuid', uuid: UUID });
    }
    // One hex digit short is not a UUID.
    expect(parseQuery(UUID.slice(1)).kind).toBe('text');
  });

  it('reads an RFC in any case', () => {
    expect(parseQuery(' memo800101ab1 ')).toEqual({ kind: 'rfc', rfc: 'MEMO800101AB1' });
    expect(parseQuery('XAXX010101000')).toEqual({ kind: 'rfc', rfc: 'XAXX010101000' });
  });

  it('reads serie-folio forms and a bare folio', () => {
    for (const q of ['A-123', 'A 123', 'A123', 'a-123', ' a - 123 ']) {
      expect(parseQuery(q), q).toMatchObject({ kind: 'text', folio: { serie: 'A', folio: '123' } });
    }
    expect(parseQuery('FAC2-00045')).toMatchObject({ folio: { serie: 'FAC2', folio: '00045' } });
    expect(parseQuery('123')).toMatchObject({ kind: 'text', folio: { serie: null, folio: '123' } });
  });

  it('leaves anything else to the names', () => {
    expect(parseQuery(' Pérez ')).toEqual({ kind: 'text', text: 'Pérez', folio: null });
    expect(parseQuery('empresa 12 sa')).toMatchObject({ folio: null });
    expect(parseQuery('100%_x')).toMatchObject({ folio: null });
  });
});
