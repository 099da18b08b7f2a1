import { describe, expect, it } from 'vitest';
import { localTimestamp, textArray } from './document-row.js';

describe('localTimestamp', () => {
  it('keeps real local times, in PostgreSQL form', () => {
    expect(localTimestamp('2025-01-24T10:10:41')).toBe('2025-01-24 10:10:41');
    expect(localTimestamp('2025-01-24 10:10:41')).toBe('2025-01-24 10:10:41');
    expect(localTimestamp('2024-02-29T23:59:59')).toBe('2024-02-29 23:59:59');
    expect(localTimestamp(' 2025-01-24T10:10:41.123 ')).toBe('2025-01-24 10:10:41.123');
  });

  it('turns dates that do not exist or are not dates into null', () => {
    for (const bad of [
      '2023-02-29T00:00:00',
      '2025-13-01T00:00:00',
      '2025-04-31 10:00:00',
      '2025-01-01T24:00:00',
      '2025-01-01',
      'ayer',
      '2025-01-01X10:00:00',
      '0000-01-01T00:00:00',
    ]) {
      expect(localTimestamp(bad)).toBeNull();
    }
    expect(localTimestamp(null)).toBeNull();
  });
});

describe('textArray', () => {
  it('quotes every element so separators stay data, and writes NULL', () => {
    expect(textArray([])).toBe('{}');
    expect(textArray(['a b', 'x,y', null, '{z}'])).toBe('{"a b","x,y",NULL,"{z}"}');
    expect(textArray(['say "hi"', 'back\\slash'])).toBe('{"say \\"hi\\"","back\\\\slash"}');
  });
});
