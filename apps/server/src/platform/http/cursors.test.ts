import { encodeCursor } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import {
  decodeIdCursor,
  decodeTimeIdCursor,
  encodeIdCursor,
  encodeTimeIdCursor,
  isCalendarTimestamp,
} from './cursors.js';

const id = '499e9a70-36ac-448a-bbd9-f3f52102e4be';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'none';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('cursor decoding', () => {
  it('accepts only real calendar moments, in ISO or PostgreSQL text', () => {
    for (const ok of [
      '2025-01-31T23:59:59.123Z',
      '2024-02-29 00:00:00',
      '2025-12-31 23:59:59.999999',
      '0001-01-01 00:00:00',
    ])
      expect(isCalendarTimestamp(ok), ok).toBe(true);
    for (const bad of [
      '2025-02-30T00:00:00.000Z',
      '2025-02-29 00:00:00',
      '2025-13-45 00:00:00',
      '2025-01-01 24:00:00',
      '2025-01-01 23:60:00',
      '0000-01-01 00:00:00',
      '2025-1-1 00:00:00',
      '',
    ])
      expect(isCalendarTimestamp(bad), bad).toBe(false);
  });

  it('round-trips a (createdAt, id) cursor and refuses anything it did not write', () => {
    const at = new Date('2025-03-01T12:00:00.123Z');
    expect(decodeTimeIdCursor(encodeTimeIdCursor(at, id))).toEqual({ createdAt: at, id });
    const forge = (...keys: (string | number | null)[]) => encodeCursor(keys, 'created-desc');
    for (const forged of [
      forge('2025-02-30T00:00:00.000Z', id),
      forge('2025-13-45T00:00:00.000Z', id),
      forge('0000-01-01T00:00:00.000Z', id),
      forge('2025-01-01T00:00:00.000Z', '------------------------------------'),
      forge('2025-01-01T00:00:00Z', id),
      forge('2025-01-01T00:00:00.000Z', id, 'x'),
      forge(null, id),
      encodeCursor(['2025-01-01T00:00:00.000Z', id], 'id-desc'),
      b64(`2025-01-01T00:00:00.000Z|${id}`),
      `${encodeTimeIdCursor(at, id)}!!`,
      'garbage',
      '',
    ])
      expect(
        codeOf(() => decodeTimeIdCursor(forged)),
        forged,
      ).toBe('INVALID_CURSOR');
  });

  it('takes an id cursor only as a positive safe integer it wrote', () => {
    expect(decodeIdCursor(encodeIdCursor(42))).toBe(42);
    const forge = (...keys: (string | number | null)[]) => encodeCursor(keys, 'id-desc');
    for (const forged of [
      forge(0),
      forge(-1),
      forge(1.5),
      forge(2 ** 60),
      forge('42'),
      forge(1, 2),
      '42',
      'x',
    ])
      expect(
        codeOf(() => decodeIdCursor(forged)),
        forged,
      ).toBe('INVALID_CURSOR');
  });
});
