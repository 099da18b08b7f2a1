import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cfdi.search.cursor.js';

const uuid = '499e9a70-36ac-448a-bbd9-f3f52102e4be';
const byDate = { field: 'date', order: 'desc' } as const;
const byTotal = { field: 'total', order: 'asc' } as const;

describe('search cursors', () => {
  it('round-trips the sort value (or null) and uuid', () => {
    for (const [sort, value] of [
      [byDate, '2025-01-31 23:59:59'],
      [byTotal, '1160.000000'],
      [byTotal, null],
    ] as const) {
      expect(decodeCursor(encodeCursor(sort, { value, uuid }), sort)).toEqual({ value, uuid });
    }
  });

  it('refuses a cursor from another sort, a forged value or garbage', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'none';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    const dateCursor = encodeCursor(byDate, { value: '2025-01-31 23:59:59', uuid });
    expect(code(() => decodeCursor(dateCursor, { field: 'date', order: 'asc' }))).toBe('INVALID_CURSOR');
    const forged = Buffer.from(JSON.stringify(['date.desc', "1'; DROP TABLE x", uuid])).toString('base64url');
    expect(code(() => decodeCursor(forged, byDate))).toBe('INVALID_CURSOR');
    expect(code(() => decodeCursor('not-base64-json', byDate))).toBe('INVALID_CURSOR');
    for (const impossible of ['2025-02-30 00:00:00', '2025-13-45 00:00:00', '0000-01-01 00:00:00']) {
      const forgedDate = Buffer.from(JSON.stringify(['date.desc', impossible, uuid])).toString('base64url');
      expect(code(() => decodeCursor(forgedDate, byDate))).toBe('INVALID_CURSOR');
    }
    const badUuid = Buffer.from(JSON.stringify(['date.desc', null, 'x'])).toString('base64url');
    expect(code(() => decodeCursor(badUuid, byDate))).toBe('INVALID_CURSOR');
  });
});
