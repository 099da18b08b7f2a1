import { describe, expect, it } from 'vitest';
import { changesOf, MASK, maskValue } from './changes.js';

describe('changesOf', () => {
  it('keeps only changed fields, before and after, sorted; Dates as ISO strings; missing as null', () => {
    const before = {
      status: 'open',
      total: '100.00',
      notes: null,
      tags: ['a'],
      at: new Date('2026-01-01T00:00:00Z'),
    };
    const after = {
      status: 'paid',
      total: '100.00',
      tags: ['a', 'b'],
      at: new Date('2026-01-01T00:00:00Z'),
      extra: 1,
    };
    expect(changesOf(before, after)).toEqual({
      extra: { before: null, after: 1 },
      status: { before: 'open', after: 'paid' },
      tags: { before: ['a'], after: ['a', 'b'] },
    });
    expect(Object.keys(changesOf(before, after))).toEqual(['extra', 'status', 'tags']);
    // `notes` null before and absent after is no change; objects compare by content, not key order.
    expect(changesOf({ o: { a: 1, b: 2 }, notes: null }, { o: { b: 2, a: 1 } })).toEqual({});
    expect(
      changesOf({ at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-02T00:00:00Z') }),
    ).toEqual({
      at: { before: '2026-01-01T00:00:00.000Z', after: '2026-01-02T00:00:00.000Z' },
    });
  });

  it('treats a null side as a creation or a deletion, and compares only `fields` when given', () => {
    expect(changesOf(null, { name: 'Ana' })).toEqual({ name: { before: null, after: 'Ana' } });
    expect(changesOf({ name: 'Ana' }, undefined)).toEqual({ name: { before: 'Ana', after: null } });
    expect(
      changesOf({ a: 1, b: 1, secretHash: 'x' }, { a: 2, b: 2, secretHash: 'y' }, { fields: ['a'] }),
    ).toEqual({
      a: { before: 1, after: 2 },
    });
  });

  it('masks personal fields: emails keep initials and ending, phones two digits, the rest •••', () => {
    const changes = changesOf(
      {
        email: 'juan.perez@empresa.com.mx',
        phone: '+52 55 1234 5678',
        address: 'Av. Reforma 222',
        rfc: 'XAXX010101000',
      },
      { email: 'ana@otra.com', phone: '55 8765 4321', address: null, rfc: 'XAXX010101000' },
      { masked: ['email', 'phone', 'address', 'rfc'] },
    );
    expect(changes).toEqual({
      address: { before: MASK, after: null },
      email: { before: 'j***@e***.com.mx', after: 'a***@o***.com' },
      phone: { before: '••••••••••78', after: '••••••••21' },
    });
    expect(JSON.stringify(changes)).not.toMatch(/juan|perez|empresa|Reforma|1234|8765/);
  });

  it('maskValue never returns the value of a masked field', () => {
    expect(maskValue('email', 'no-es-correo')).toBe(MASK);
    expect(maskValue('telefono', '123')).toBe(MASK);
    expect(maskValue('mobile', '55-12')).toBe('••12');
    expect(maskValue('address', { calle: 'Reforma' })).toBe(MASK);
    expect(maskValue('email', undefined)).toBeNull();
  });
});
