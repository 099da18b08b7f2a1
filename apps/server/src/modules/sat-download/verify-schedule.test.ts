import { describe, expect, it } from 'vitest';
import { nextVerificationAt } from './verify-schedule.js';

const filed = new Date('2026-12-05T10:00:00Z');
const at = (seconds: number) => new Date(filed.getTime() + seconds * 1000);
const schedule = [60, 120, 300, 3600];

describe('when a filed request is verified again', () => {
  it('looks at growing intervals after filing, then keeps the last interval', () => {
    expect(nextVerificationAt(filed, at(0), schedule)).toEqual(at(60));
    expect(nextVerificationAt(filed, at(60), schedule)).toEqual(at(180));
    expect(nextVerificationAt(filed, at(200), schedule)).toEqual(at(480));
    expect(nextVerificationAt(filed, at(480), schedule)).toEqual(at(4080));
    expect(nextVerificationAt(filed, at(4080 + 10), schedule)).toEqual(at(7680));
  });

  it('maps a request to the same instants whoever asks', () => {
    expect(nextVerificationAt(filed, at(61), schedule)).toEqual(nextVerificationAt(filed, at(179), schedule));
  });
});
