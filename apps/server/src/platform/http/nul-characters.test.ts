import { describe, expect, it } from 'vitest';
import { findNul } from './nul-characters.js';

describe('findNul', () => {
  it('names the first string or key holding U+0000, however deep', () => {
    expect(findNul({ a: 'fine', b: ['x', { c: 'bad\u0000' }] }, 'body')).toBe('body.b.1.c');
    expect(findNul({ 'k\u0000': 1 }, 'querystring')).toBe('querystring');
    expect(findNul({ a: 'ñ😀', b: 1, c: null }, 'body')).toBeUndefined();
    let deep: unknown = 'deepest\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep, 'body')).toMatch(/^body(\.0)+$/);
  });
});
