import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('the cursor codec', () => {
  it('round-trips keys of any kind, including null and non-ASCII text', () => {
    const keys = ['2025-01-01T00:00:00.000Z', 42, null, 'Ñandú & Cía'];
    expect(decodeCursor(encodeCursor(keys, 'date.desc'), 'date.desc')).toEqual(keys);
  });

  it('refuses another sort, another version, other shapes, junk and padding', () => {
    const good = encodeCursor(['a'], 'x');
    const raw = (json: string) => Buffer.from(json).toString('base64url');
    for (const bad of [
      encodeCursor(['a'], 'y'),
      raw('{"v":2,"s":"x","k":["a"]}'),
      raw('{"v":1,"s":"x","k":[]}'),
      raw('{"v":1,"s":"x","k":[{"a":1}]}'),
      raw('{"v":1,"s":"x","k":[1e999]}'),
      raw('[1,"x",["a"]]'),
      raw('not json'),
      `${good}==`,
      `${good}!`,
      '',
      'x'.repeat(2000),
    ])
      expect(decodeCursor(bad, 'x'), bad).toBeNull();
  });
});
