import { describe, expect, it } from 'vitest';
import { createMemoryRateCounter } from './client-rate-limit.js';

describe('memory rate counter', () => {
  it('counts per key within a fixed window and starts again after it', async () => {
    let now = 1_000;
    const counter = createMemoryRateCounter(() => now);
    expect(await counter.hit(['a', 'b'], 60_000)).toEqual([
      { count: 1, resetMs: 60_000 },
      { count: 1, resetMs: 60_000 },
    ]);
    now += 20_000;
    expect(await counter.hit(['a'], 60_000)).toEqual([{ count: 2, resetMs: 40_000 }]);
    now += 40_000;
    expect(await counter.hit(['a', 'b'], 60_000)).toEqual([
      { count: 1, resetMs: 60_000 },
      { count: 1, resetMs: 60_000 },
    ]);
  });
});
